"""Kind ``kind``: a summary of past work is not a plan."""
from __future__ import annotations

from checker.config import Config
from checker.engine import check_text

SUMMARY = """\
工会2024年工作总结
一年来，公司工会在党委的领导下，圆满完成了全年各项任务。
一、开展了“五一”劳动竞赛，共有1200人次参加，荣获市先进集体称号。
二、召开了职代会，签订了集体合同。
三、慰问了困难职工56人，发放慰问金3万余元。
"""

PLAN = """\
工会2025年工作计划
2025年，公司工会将在党委的领导下，围绕中心、服务大局。
一、要开好职代会，拟于3月召开三届二次会议。
二、力争集体合同签订率达95%，确保年内完成续签。
三、要继续做好困难职工帮扶，年内走访慰问不少于50人次。去年已经建立的档案要及时更新。
"""


def summary_warning(text: str):
    plan = check_text(text, Config(lang="en")).plans[0]
    return next((f for f in plan.findings if f.rule == "plan-not-summary"), None)


def test_a_summary_of_past_work_is_reported_on_its_first_line():
    warning = summary_warning(SUMMARY)
    assert warning is not None and warning.severity == "warning" and warning.line == 1
    assert "past-tense" in warning.message


def test_a_plan_with_a_few_past_references_is_not():
    assert summary_warning(PLAN) is None


def test_important_and_requirement_are_not_future_markers():
    # 重要/主要/要求 must not count as 要, or this summary would pass as a plan
    text = SUMMARY + "四、重要工作取得了主要成效，达到了上级要求，完成了各项重要任务。\n"
    assert summary_warning(text) is not None
