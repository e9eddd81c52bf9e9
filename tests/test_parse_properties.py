"""Properties of parse() on arbitrary input: it never raises, every block lies inside the
text, and every position maps to a valid line and column of the original."""
from __future__ import annotations

from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.grammar import Parser
from checker.model import Document
from checker.pipeline import parse

# Characters that drive the grammar: numbering, months, markers, furniture words, line
# breaks of every kind, full-width forms, zero-width characters and pinyin glosses.
PIECES = [
    "一", "二", "三", "七", "八", "十", "十一", "十二", "、", "是", "要", "第", "部分", "篇", "【", "】",
    "(", ")", "（", "）", "1", "2", "12", "１", ".", "．", ",", "，", ":", "：", ";", "；", "。",
    "月", "月份", "元月", "正月", "年", "20xx年", "次年", "至", "-", "—", "~", "|", "#", "## ", "**", "- ",
    "①", "⑴", "⒈", "㈠", "工会", "工作计划", "要点", "相关文章", "合集5篇", "小编", "时间:", "您的位置:",
    "指导思想", "主要工作", "工作重点:", "\n", "\r\n", "\r", "\n\n", " ", "\t", "\u3000", "\u00a0",
    "\u200b", "\ufeff", "權(quán)", "會", "`", "’", "\x0c", "\u2028",
]
drafts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=200),
    st.binary(max_size=300).map(lambda data: data.decode("utf-8", errors="replace")),
    st.binary(max_size=300).map(lambda data: data.decode("gb18030", errors="replace")),
)


def assert_valid_location(document: Document, offset: int, end: bool = False) -> None:
    line, column = document.norm.location(offset, end)
    assert 1 <= line <= document.norm.line_count
    raw = document.norm.original_line(line)
    assert 1 <= column <= len(raw) + 2          # +2: an end may lie on the CR of a CRLF
    if not end:
        assert document.location(offset) == (line, column)


def all_blocks(document: Document):
    yield from document.furniture
    for plan in document.plans:
        yield from plan.blocks
        assert plan.start <= plan.end


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
def test_parse_never_raises_and_keeps_every_position_inside_the_original(text):
    # the grammar itself must accept the draft: the plain-paragraph fallback may not be needed
    with mock.patch.object(Parser, "_paragraphs", side_effect=AssertionError("the grammar rejected the draft")):
        document = parse(text)
    size = len(document.norm.text)
    for block in all_blocks(document):
        assert 0 <= block.start <= block.end <= size
        assert block.text
        assert_valid_location(document, block.start)
        assert_valid_location(document, block.end, end=True)
        for index in range(len(block.text)):
            offset = block.offset(index)
            assert document.norm.text[offset] == block.text[index]
        line, column = document.location(block.start)
        assert document.norm.original_line(line)[column - 1] not in " \t\u3000\u00a0"   # not on a blank
    for offset in range(size + 1):
        assert_valid_location(document, offset)
        assert_valid_location(document, offset, end=True)


@settings(max_examples=100, deadline=None)
@given(drafts, st.dictionaries(st.integers(0, 40), st.integers(1, 4), max_size=8))
def test_word_heading_styles_never_break_the_parse(text, levels):
    document = parse(text, format="docx", heading_levels=levels)
    for plan in document.plans:
        for section in plan.sections_walk():
            assert section.heading.kind == "heading"
