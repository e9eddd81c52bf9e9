"""Property tests: any text or bytes goes through read → parse → check without raising,
and every reported position lies inside the file."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.config import Config
from checker.pipeline import check_file
from checker.reading import ReadError, read_source

LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line breaks plancheck counts lines by

# Characters a draft is made of: hanzi, numbering, brackets (also full-width), months, breaks.
DRAFT_CHARS = st.sampled_from(
    list("一二三四五六七八九十百零〇第章节篇部分条是") + list("工会经审女职工维权指导思想月份年度安排计划")
    + list("、，。：；！？（）【】《》“”〔〕·…—") + list("()[].:;,!? #*-|") + list("０１２３４５６７８９（）．、")
    + list("①②③④⑤⑴⑵⑶ⅠⅡⅢ") + list("0123456789") + list("ab×x") + list("體會們權審")
    + ["\n", "\n", "\r", "\t", " ", "\u3000", "\u00a0", "\u200b", "\ufeff", "\f"]
)
LINE_STARTS = st.sampled_from(["", "", "一、", "十二、", "（一）", "(二)", "1.", "2、", "（3）", "①", "⑵", "第一部分",
                               "第二章", "# ", "## ", "3月：", "1-2月：", "全年：", "一是", "篇一", "【篇二】", "第3篇"])
LINES = st.tuples(LINE_STARTS, st.text(DRAFT_CHARS, max_size=30), st.sampled_from(["\n", "\r\n", "\r", ""]))
TEXTS = st.one_of(
    st.text(DRAFT_CHARS, max_size=400),
    st.lists(LINES, max_size=40).map(lambda lines: "".join(map("".join, lines))),
    st.text(max_size=200),  # any code point (hypothesis leaves out surrogates)
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])
PROPERTY_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_positions_inside(result, text: str) -> None:
    lines = LINE_BREAK.split(text)

    def inside(line: int, column: int) -> bool:
        return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1

    for finding in result.all_findings():
        where = f"{finding.rule} at {finding.line}:{finding.column}-{finding.end_line}:{finding.end_column}"
        assert inside(finding.line, finding.column), where
        assert inside(finding.end_line, finding.end_column), where
        assert (finding.end_line, finding.end_column) >= (finding.line, finding.column), where
    for plan in result.plans:
        assert 1 <= plan.start_line <= plan.end_line <= len(lines), (plan.start_line, plan.end_line)
        for element in plan.elements:
            if element.line is not None:
                assert inside(element.line, element.column or 1), (element.rule, element.line, element.column)


def check_bytes(tmp_path, data: bytes, name: str = "draft.txt"):
    """Read and check ``data`` as a file; (result, decoded text) or (None, None) if unreadable."""
    path = tmp_path / name
    path.write_bytes(data)
    try:
        text = read_source(path).text
    except ReadError:
        text = None
    result = check_file(path, Config())
    assert (result.error is None) == (text is not None), result.error
    return result, text


@PROPERTY_SETTINGS
@given(text=TEXTS, encoding=ENCODINGS)
def test_any_text_is_checked_with_positions_inside_the_file(tmp_path_factory, text, encoding):
    tmp_path = tmp_path_factory.mktemp("text")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    result, decoded = check_bytes(tmp_path, data)
    if decoded is not None:
        assert_positions_inside(result, decoded)


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=600), name=st.sampled_from(["draft.txt", "draft.md", "draft.docx", "draft"]))
def test_any_bytes_are_checked_or_refused_with_a_message(tmp_path_factory, data, name):
    tmp_path = tmp_path_factory.mktemp("bytes")
    result, decoded = check_bytes(tmp_path, data, name)
    if decoded is None:
        assert result.error and not result.plans
    else:
        assert_positions_inside(result, decoded)
