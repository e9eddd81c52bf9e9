"""Kind ``numbering``: gaps, repeats and mixed styles among sibling headings; nothing else."""
from __future__ import annotations

import pytest

from checker.config import Config
from checker.engine import check_text


def faults(text: str) -> list[tuple[int, str]]:
    plan = check_text(text, Config(lang="en")).plans[0]
    return [(f.line, f.message) for f in plan.findings if f.rule == "heading-numbering"]


CLEAN = """\
一、指导思想
以习近平新时代中国特色社会主义思想为指导。
二、主要工作
（一）维护职工合法权益
1、推进集体协商。
2、开展劳动法律监督。
（二）加强经费审查
1、开展预算执行情况审计。
三、保障措施
"""


@pytest.mark.parametrize("draft", [
    CLEAN,
    "一、主要工作\n1、开好职代会。\n2、开展劳动竞赛。\n二、保障措施\n1、加强领导。\n",       # 一、 then 1、: fine
    "一、组织建设\n二、民主管理\n三、女工工作\n一、指导思想\n二、主要工作\n",                # a glued second plan restarts
    "一、主要工作\n3、创设班组夺标计划。推行步骤：1、确立试点；2、确立目标；3、跟踪推进。\n4、班组岗位创新。\n",
    "一、主要工作\n1、摸底调查。2、申报审核。\n3、验收总结。\n",                            # 2、 ran on, fills the gap
    "四、活动安排\n1、一月开展送温暖。\n2、二月元宵游园。\n3、进行一次职工培训。\n4、四月职工健步走。\n",
    "工作重点：一是完善制度；三是规范管理。\n",                                             # ordinal points are not checked
    "五、月度工作安排\n元月\n1、召开工会委员会议。\n2、春节送温暖。\n二月份\n1、元宵猜灯谜。\n三月份\n1、召开职代会。\n",
    "（二）维权\n（1）续签集体合同。\n（2）开展工资协商。\n⑶ 组织履约检查。\n",          # ⑶ is (3) enclosed
])
def test_clean_or_legitimately_irregular_numbering_is_not_reported(draft):
    assert faults(draft) == []


def test_a_gap_is_reported_on_the_heading_after_it():
    assert faults("一、指导思想\n二、主要工作\n四、保障措施\n") == [(3, "Heading numbering fault: “四、” should be “三、” (number skipped)")]


def test_a_repeat_is_reported():
    assert faults("一、主要工作\n1、开好职代会。\n2、开展劳动竞赛。\n2、组织健步走。\n")[0][0] == 4


def test_a_step_back_that_is_no_restart_is_reported():
    assert "out of order" in faults("一、甲\n二、乙\n三、丙\n二、丁\n")[0][1]


def test_a_sibling_in_another_style_is_reported():
    result = faults("一、主要工作\n1.开好职代会。\n2、开展劳动竞赛。\n3、组织健步走。\n")
    assert [line for line, _ in result] == [2]
    assert "“1.”" in result[0][1] and "“1、”" in result[0][1]


def test_an_enclosed_number_is_rendered_in_its_own_style():
    assert faults("（二）维权\n⑴ 续签集体合同。\n⑵ 开展工资协商。\n⑷ 组织履约检查。\n")[0][1].startswith(
        "Heading numbering fault: “⑷” should be “⑶”")


def test_lists_under_different_parents_are_separate():
    assert faults("（一）民主管理\n1、开好职代会。\n2、厂务公开。\n（二）劳动竞赛\n1、技能比武。\n") == []
