"""grammar/plan.lark and its parser: line classes, run-on splits, the standalone parser,
and that no draft is ever rejected."""
from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from checker import grammar
from checker.normalize import normalize
from checker.prefilter import required_words
from checker.pipeline import parse

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def blocks(text: str) -> list[tuple]:
    """(kind, level, number, style, months) of every block of the single plan of ``text``."""
    [plan] = parse(text).plans
    return [(b.kind, b.level, b.number, b.style, b.months) for b in plan.blocks]


def first(text: str) -> tuple:
    return blocks(text)[0]


# --------------------------------------------------------------------------- the grammar itself

def test_the_grammar_is_lalr_without_conflicts():
    from lark import logger

    log = io.StringIO()
    handler = logging.StreamHandler(log)
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        grammar.build_with_lark(grammar.grammar_text(), debug=True)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert "conflict" not in log.getvalue().lower(), log.getvalue()


def test_the_standalone_parser_is_current():
    module = Path(grammar.__file__).with_name("_plan_parser.py")
    assert module.exists(), "checker/_plan_parser.py is missing: run `python -m checker.grammar`"
    assert grammar.standalone_module() is not None, \
        "checker/_plan_parser.py is stale relative to grammar/plan.lark: run `python -m checker.grammar`"


def sample_texts() -> list[str]:
    return [path.read_text(encoding="utf-8", errors="replace")
            for path in sorted(SAMPLES.glob("*-*.txt")) + sorted(SAMPLES.glob("*.md"))]


@pytest.fixture(scope="module")
def lark_built() -> grammar.Parser:
    import lark

    return grammar.Parser(grammar.build_with_lark(grammar.grammar_text()), lark)


def test_the_standalone_parser_builds_the_same_trees_as_lark(lark_built):
    standalone = grammar.get_parser()
    assert standalone._module.__name__ == "checker._plan_parser"
    for text in sample_texts():
        assert standalone.parse(text)[0].pretty() == lark_built.parse(text)[0].pretty()


def test_the_lalr_loop_builds_the_trees_lark_s_own_parser_does():
    parser = grammar.get_parser()
    # (the last text: a plan with an empty body, a rule of no symbols)
    for text in sample_texts() + ["", "一、\n", "【篇一】\n【篇二】\n"]:
        tokens = parser.lexer.tokens(normalize(text).text, {}, set())
        state = parser._lark.parse_interactive().parser_state
        for token in tokens:
            state.feed_token(token)
        assert parser._lalr(tokens) == state.feed_token(grammar._END, True)


def fields(token) -> tuple:
    return token.type, token.value, token.start_pos, token.end_pos     # (line numbers are not kept)


def test_the_line_lexer_reads_lines_as_larks_basic_lexer(lark_built):
    lexer = grammar.get_parser().lexer
    for text in sample_texts() + ["", "\n\n", "  一、指导思想  \n\n\t3月：x", "x\n  \n"]:
        assert [fields(t) for t in lexer.lines(text)] == [fields(t) for t in lark_built._lark.lex(text)]


# line pieces for texts that mix rare lines (markers, furniture) with every other class
LINE_SOUP = ["\n", "\n\n", "  ", "\t", "篇", "第二篇", "【篇三】", "相关文章", "推荐阅读", "时间", ":", "2024-3-1",
             "分享", "小编", "为大家整理", "欢迎阅读", "合集", "(精选5篇)", "范文", "模板", "10篇", "一、", "(二)",
             "3、", "(4)", "①", "一是", "3月", "七、八月份", "指导思想", "工会", "工作计划", "## ", "**", "- ",
             "开展活动", "。", "[下载该文章]"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(LINE_SOUP), max_size=40).map("".join))
def test_the_line_lexer_reads_rare_lines_as_larks_basic_lexer(lark_built, text):
    lexer = grammar.get_parser().lexer
    assert [fields(t) for t in lexer.lines(text)] == [fields(t) for t in lark_built._lark.lex(text)]


SPLIT_SOUP = ["。", ";", "!", "?", ":", ",", " ", "\t", "\n", "1", "3", "7", "10", "12", "0", "一", "三", "七", "十",
              "十一", "元", "是", "要", "否", "再次是", "第", "、", "月", "份", "年", "至", "-", "|", "(", ")", ".", "⑴",
              "开展", "工作", "。3、", ",一是", "; 二要", "。再次是", ":第一,", "。7、8月:", "3月份:", "十二月至元月:"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(SPLIT_SOUP), max_size=30).map("".join))
def test_split_points_are_found_where_the_cue_lets_the_scan_look(text):
    """SPLIT_CUE only speeds the search up: the cuts are those of the SPLIT_* patterns tried
    at every character they can start with."""
    parser = grammar.get_parser()
    sources = {t.name: t.pattern.to_regexp() for t in parser._lark.terminals}
    everywhere = re.compile("|".join(f"(?=(?P<{name}>{sources[name]}))" for name in grammar._SPLIT_TYPES))
    expected = {}
    for match in everywhere.finditer(text):
        piece = match.group(match.lastgroup)
        expected[match.start() + len(piece) - len(piece.lstrip("。;!?,: \t"))] = grammar._SPLIT_TYPES[match.lastgroup]
    assert parser.lexer.cuts(text) == expected


def test_every_rare_line_class_has_words_its_lines_must_hold():
    sources = {t.name: t.pattern.to_regexp() for t in grammar.get_parser()._lark.terminals}
    for name in grammar.RARE_LINES:
        assert required_words(sources[name]), f"{name} would be tried on every line"


def test_a_parser_failure_falls_back_to_plain_paragraphs(monkeypatch):
    parser = grammar.get_parser()
    lines = parser.lexer.lines

    def unknown_line_class(text):     # a token the LALR tables have no action for
        return [token._replace(type="UNKNOWN") for token in lines(text)]

    monkeypatch.setattr(parser.lexer, "lines", unknown_line_class)
    document = parse("\ufeff一、指导思想\r\n  以职工为中心。\n\n3月：三八节活动\n")
    [plan] = document.plans
    assert [(b.kind, b.text, document.location(b.start)) for b in plan.blocks] == [
        ("text", "一、指导思想", (1, 2)), ("text", "以职工为中心。", (2, 3)), ("text", "3月:三八节活动", (4, 1))]


# --------------------------------------------------------------------------- line classes

@pytest.mark.parametrize("line, expected", [
    ("一、指导思想", ("heading", 1, 1, "一、", ())),
    ("十二.加强自身建设", ("heading", 1, 12, "一.", ())),
    ("第三部分 保障措施", ("heading", 1, 3, "第一部分", ())),
    ("(一)、加强民主管理", ("heading", 2, 1, "(一)、", ())),
    ("(二、)深化厂务公开", ("heading", 2, 2, "(一、)", ())),
    ("㈢做好帮扶", ("heading", 2, 3, "㈠", ())),
    ("3．开好职代会", ("heading", 3, 3, "1.", ())),
    ("4，组织培训", ("heading", 3, 4, "1,", ())),
    ("⒌开展竞赛", ("heading", 3, 5, "⒈", ())),
    ("(3) 审议集体合同草案", ("heading", 4, 3, "(1)", ())),
    ("⑷开展履约检查", ("heading", 4, 4, "⑴", ())),
    ("⑤组织体检", ("item", 5, 5, "①", ())),
    ("二是开展劳动竞赛", ("item", None, 2, "一是", ())),
    ("三要加强自身建设", ("item", None, 3, "一要", ())),
    ("第二，加强经费管理", ("item", None, 2, "第一,", ())),
    ("第二、加强经费管理", ("item", None, 2, "第一、", ())),
    ("**三、女职工工作**", ("heading", 1, 3, "一、", ())),
    ("## （二）维护职工权益", ("heading", 2, 2, "(一)", ())),
    ("- 3、组织春游", ("heading", 3, 3, "1、", ())),
    ("### 附：月度工作安排", ("heading", 2, None, "#", ())),
    ("工作重点：一是建家；二是维权", ("heading", 1, None, "bare", ())),
    ("#### 保障措施", ("heading", 1, None, "#", ())),
    # months and month look-alikes
    ("七、八月份", ("schedule", None, None, None, (7, 8))),
    ("十一、十二月：年终总结", ("schedule", None, None, None, (11, 12))),
    ("八、四月份工作计划", ("heading", 1, 8, "一、", ())),
    ("十一月份", ("schedule", None, None, None, (11,))),
    ("元月：部署全年工作", ("schedule", None, None, None, (1,))),
    ("12月份至次年2月：送温暖", ("schedule", None, None, None, (12, 1, 2))),
    ("次年1月：期末慰问", ("schedule", None, None, None, (1,))),
    ("2025年3月：召开职代会", ("schedule", None, None, None, (3,))),
    ("| 4—5月 | 健步走 | 工会 |", ("schedule", None, None, None, (4, 5))),
    ("3、三月开展“三八”活动", ("schedule", None, 3, "1、", (3,))),
    ("(2)5月份：劳模座谈会", ("schedule", None, 2, "(1)", (5,))),
    ("12、1月份：慰问困难职工", ("schedule", None, 12, "1、", (1,))),
    ("2、3月召开会员代表大会", ("schedule", None, 2, "1、", (3,))),   # item 2, in March
    ("9、10月：金秋助学", ("schedule", None, None, None, (9, 10))),
    ("2025年3月", ("text", None, None, None, ())),           # a signature date
    ("20xx年3月", ("text", None, None, None, ())),
    ("3月8日召开座谈会", ("text", None, None, None, ())),
    ("4月底前完成集体合同签订", ("text", None, None, None, ())),
    ("6月起开展安康杯竞赛", ("text", None, None, None, ())),
    ("九月是金秋助学的月份", ("text", None, None, None, ())),
    ("正月十五举办灯谜会", ("text", None, None, None, ())),
    ("腊月慰问困难职工", ("text", None, None, None, ())),
    ("安全生产月：隐患排查", ("text", None, None, None, ())),
    ("每月：召开一次例会", ("text", None, None, None, ())),
    ("5.12护士节表彰优秀护士", ("text", None, None, None, ())),
    ("1.5倍加班工资", ("text", None, None, None, ())),
])
def test_line_classes(line, expected):
    assert first(line) == expected


@pytest.mark.parametrize("line, kind", [
    ("XX集团工会2025年工作要点", "title"),
    ("关于印发《XX集团工会2025年工作要点》的通知", "title"),
    ("# 2024年XX公司工会工作计划", "title"),
    ("**2025年区总工会工作安排**", "title"),
    ("XX中学工会2024—2025学年度第一学期工作计划(征求意见稿)", "title"),
    ("现将《XX集团工会2025年工作要点》印发给你们，请认真贯彻落实。", "text"),
    ("工会工作计划要及早制定", "text"),      # no plan kind at the end
])
def test_title_lines(line, kind):
    assert first(line)[0] == kind


@pytest.mark.parametrize("line, is_marker", [
    ("社区工会工作计划 篇3", True),
    ("2024年学校工会工作计划篇二", True),
    ("【篇四】医院工会年度工作计划", True),
    ("第二篇：企业工会工作计划", True),
    ("第3篇 工会工作计划", True),
    ("2024年工会工作计划范文合集9篇", False),
    ("工会工作计划模板6篇", False),
    ("2024年医院工会工作计划(精选6篇)", False),
    ("组织会员撰写一篇调研报告", False),
    ("选送论文2-3篇参加评选", False),
    ("第一篇文章由工会主席撰写", False),
])
def test_collection_markers(line, is_marker):
    document = parse(f"网页标题\n{line}\n一、指导思想\n以职工为中心。\n")
    markers = [p.marker.text for p in document.plans if p.marker]
    assert markers == ([line.replace("：", ":")] if is_marker else [])


@pytest.mark.parametrize("line", [
    "您的位置：范文网 > 工作计划 > 工会工作计划",
    "时间：2020-10-21 10:16:05",
    "时间:",
    "点击下载本文文档",
    "下面是小编为大家整理的工会工作计划，供大家参考。",
])
def test_web_furniture_lines(line):
    document = parse(f"{line}\nXX工会2025年工作计划\n一、指导思想\n以职工为中心。\n")
    assert [b.text for b in document.furniture] == [normalized(line)]
    assert document.plans[0].blocks[0].kind == "title"


def normalized(text: str) -> str:
    from checker.normalize import normalize

    return normalize(text).text


def test_a_related_articles_list_is_furniture_to_the_end():
    text = ("XX工会2025年工作计划\n一、指导思想\n以职工为中心。\n"
            "【工会工作计划合集5篇】相关文章：\n1.工会工作总结\n2.工会工作计划(精选6篇)\n一、其他\n")
    document = parse(text)
    [plan] = document.plans
    assert [document.location(b.start)[0] for b in document.furniture] == [4, 5, 6, 7]
    assert document.location(plan.end, )[0] == 3


def test_a_related_word_inside_a_sentence_is_no_furniture():
    assert first("认真学习相关文章") == ("text", None, None, None, ())


# --------------------------------------------------------------------------- run-on lines

@pytest.mark.parametrize("line, pieces", [
    ("建立困难职工档案。2、组织工会干部轮训。", ["建立困难职工档案。", "2、组织工会干部轮训。"]),
    ("推进步骤:1、摸底;2、申报;3、验收。", ["推进步骤:", "1、摸底;", "2、申报;", "3、验收。"]),
    ("排查到位;三是建立台账;四是定期通报。", ["排查到位;", "三是建立台账;", "四是定期通报。"]),
    ("3月:庆“三八”活动4月:职工健步走5月:劳模座谈会",
     ["3月:庆“三八”活动", "4月:职工健步走", "5月:劳模座谈会"]),
    ("6月:安全生产月活动。7、8月:夏送清凉。", ["6月:安全生产月活动。", "7、8月:夏送清凉。"]),
    ("开展慰问。7月8月:组织考察。", ["开展慰问。", "7月8月:组织考察。"]),
    ("活动安排:四月份:保龄球赛五月份:棋牌赛(即80分)六月份:游船赛",
     ["活动安排:", "四月份:保龄球赛", "五月份:棋牌赛(即80分)", "六月份:游船赛"]),
    ("(2)5月份:劳模座谈会", ["(2)5月份:劳模座谈会"]),
    ("5.12护士节表彰,1-2期培训,选送2-3篇论文。", ["5.12护士节表彰,1-2期培训,选送2-3篇论文。"]),
    ("工资提高1.5倍;加班费3.2万元。", ["工资提高1.5倍;加班费3.2万元。"]),
    ("开展安全生产月活动:每月检查一次。", ["开展安全生产月活动:每月检查一次。"]),
])
def test_run_on_lines_split_only_where_an_item_starts(line, pieces):
    [plan] = parse(line).plans
    assert [b.text for b in plan.blocks] == pieces


def test_a_month_list_inside_a_line_is_one_entry():
    [plan] = parse("6月:安全生产月活动。7、8月:夏送清凉。").plans
    assert [b.months for b in plan.schedule] == [(6,), (7, 8)]


# --------------------------------------------------------------------------- totality

@pytest.mark.parametrize("text", [
    "", "\n\n", "   ", "一、", "篇1", "【篇一】", "3月", "(一)\n(1)\n①\n一是\n",
    "1、一月\n二月\n(1)三月\n一、\n七、八月份\n主要工作\n1、\n(1)\n相关文章\n一、\n社区工会工作计划篇2\n主要工作\n",
    "(1)4月\n(2)\n1、\n主要工作\n(一)\n3月\n1、\n(1)\n二、\n主要工作\n4月\n(2)\n",
])
def test_odd_line_sequences_parse(text):
    document = parse(text)
    for plan in document.plans:
        for block in plan.blocks:
            assert 0 <= block.start <= block.end <= len(document.norm.text)
