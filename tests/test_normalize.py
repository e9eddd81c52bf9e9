"""Normalisation: width folding, Traditional -> Simplified, removals, and the map back to
the original's lines and columns."""
from __future__ import annotations

import pytest

from checker import normalize as normalize_module
from checker.normalize import normalize, to_simplified


def test_full_width_ascii_digits_and_brackets_become_half_width():
    norm = normalize("（一）１２月：开展“安康杯”竞赛；Ａ组，共１０人！")
    assert norm.text == "(一)12月:开展“安康杯”竞赛;A组,共10人!"


def test_blanks_become_spaces_and_keep_their_place():
    norm = normalize("\u3000\u3000一、指导思想\u00a0\u2003要点\x0c")
    assert norm.text == "  一、指导思想  要点 "
    assert norm.location(2) == (1, 3)


def test_enclosed_numbers_keep_their_level_information():
    # NFKC would turn ① into 1 and ⑴ into (1); the fold must not
    assert normalize("①⑴⒈㈠").text == "①⑴⒈㈠"


def test_crlf_and_lone_cr_become_single_line_breaks():
    original = "一、指导思想\r\n以职工为中心。\r二、主要工作\r\n"
    norm = normalize(original)
    assert norm.text == "一、指导思想\n以职工为中心。\n二、主要工作\n"
    second = norm.text.index("以职工")
    third = norm.text.index("二、")
    assert norm.location(second) == (2, 1)
    assert norm.location(third) == (3, 1)
    assert norm.original_line(1) == "一、指导思想"
    # the end of line 1 lies before its CR, not on the line break
    assert norm.location(norm.text.index("\n"), end=True) == (1, 7)


def test_zero_width_characters_and_bom_are_removed():
    original = "\ufeff工\u200b会\u200d工作\u2060计划"
    norm = normalize(original)
    assert norm.text == "工会工作计划"
    assert [norm.to_original(i) for i in range(len(norm.text))] == [1, 3, 5, 6, 8, 9]


def test_pinyin_glosses_of_mirror_sites_are_removed():
    original = "維護職工合法權(quán)益，推動創(chuàng)新(2025年)"
    norm = normalize(original)
    assert norm.text == "维护职工合法权益,推动创新(2025年)"
    index = norm.text.index("益")
    assert original[norm.to_original(index)] == "益"
    assert original[norm.to_original(norm.text.index("新"))] == "新"
    # a start after a removed gloss points at the next character, an end right after the kept one
    assert norm.to_original(index, end=True) == original.index("(quán)")


def test_anti_copy_marks_between_chinese_characters_are_removed():
    norm = normalize("活动的`举办和职工’之家，don't remove")
    assert norm.text == "活动的举办和职工之家,don't remove"


def test_traditional_becomes_simplified_with_every_line_length_kept():
    original = "仁濟醫院工會2025年工作計劃\n一、指導思想\n經審會每半年審查一次經費。"
    norm = normalize(original)
    assert norm.text == "仁济医院工会2025年工作计划\n一、指导思想\n经审会每半年审查一次经费。"
    assert [len(line) for line in norm.text.split("\n")] == [len(line) for line in original.split("\n")]
    assert norm.location(norm.text.index("经费")) == (3, 11)


def test_simplified_text_is_not_converted():
    text = "温暖人心的送温暖活动，例会制度"   # 暖 and 例 are the same in both scripts
    assert to_simplified(text) is text


def test_a_length_changing_phrase_conversion_falls_back_to_characters(monkeypatch):
    class PhraseConverter:
        """Converts one phrase to a shorter one, the way a phrase rule could."""

        def convert(self, text: str) -> str:
            return text.replace("工會組織", "工会组").replace("會", "会")

    monkeypatch.setattr(normalize_module, "_t2s", lambda: PhraseConverter())
    converted = to_simplified("工會組織建設\n會員代表大會")
    assert converted == "工会組織建設\n会员代表大会".replace("员", "員")
    assert [len(line) for line in converted.split("\n")] == [6, 6]


@pytest.mark.parametrize("original", [
    "一、指导思想\r\n\r\n  以职工为中心。\r\n",
    "\ufeff仁濟醫院工會\r\n權(quán)益\u200b保障\r",
    "a\rb\r\r\nc",
    "",
])
def test_every_offset_maps_to_a_line_and_column_of_the_original(original):
    norm = normalize(original)
    raw_lines = original.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for offset in range(len(norm.text) + 1):
        for end in (False, True):
            line, column = norm.location(offset, end)
            assert 1 <= line <= norm.line_count
            assert 1 <= column <= len(raw_lines[line - 1]) + 2       # at most just past a CRLF's CR
    for offset, char in enumerate(norm.text):
        if char != "\n":
            line, column = norm.location(offset)
            assert column <= len(norm.original_line(line))
