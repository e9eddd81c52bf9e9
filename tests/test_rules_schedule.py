"""Kind ``schedule``: month-keyed schedules, their coverage and their order."""
from __future__ import annotations

import pytest

from checker.config import Config
from checker.engine import check_text


def plan_of(text: str, **config):
    return check_text(text, Config(**config)).plans[0]


def rules_of(plan) -> list[str]:
    return [f.rule for f in plan.findings]


ANNUAL = """\
滨江小学工会2025年工作计划
一、月度工作安排
1月：开展送温暖活动，慰问困难教职工
2月：元宵游园
3月：庆祝“三八”妇女节
4月：教职工健步走
5月：召开教代会
6月：端午包粽子比赛
"""


def test_month_lines_make_a_schedule_and_report_their_months():
    plan = plan_of(ANNUAL)
    assert plan.schedule_months == [1, 2, 3, 4, 5, 6]
    assert not {"monthly-schedule", "schedule-coverage", "schedule-order"} & set(rules_of(plan))
    schedule = next(e for e in plan.elements if e.rule == "monthly-schedule")
    assert schedule.present and schedule.line == 3


def test_month_keys_run_together_on_one_line_are_split():
    plan = plan_of("职工文体活动安排\n四月份:保龄球赛五月份:乒乓球赛六月份:水上脚踏船赛\n")
    assert plan.schedule_months == [4, 5, 6]
    assert "monthly-schedule" not in rules_of(plan)


def test_numbered_month_items_with_unlabelled_items_between_count_their_months():
    draft = ("四、活动安排\n1、一月开展安全大检查。\n2、二月组织元宵游园。\n3、三月庆祝“三八”妇女节。\n"
             "4、进行一次全院职工素质教育。\n5、五月召开职代会。\n")
    plan = plan_of(draft)
    assert plan.schedule_months == [1, 2, 3, 5]
    assert "heading-numbering" not in rules_of(plan)


def test_eleven_and_twelve_are_not_january_and_february():
    plan = plan_of("每月主要工作安排\n十月份\n组织秋游\n十一月份\n读书交流\n十二月份\n迎新年联欢\n")
    assert plan.schedule_months == [10, 11, 12]


def test_a_month_pair_is_one_key_for_two_months():
    plan = plan_of("具体工作安排\n五月份：劳模座谈\n六月份：教代会\n七、八月份：教职工疗休养\n")
    assert plan.schedule_months == [5, 6, 7, 8]


@pytest.mark.parametrize("prose", [
    "一、主要工作\n拟于4月份举办职工健步走，6月份召开三届一次教代会，定于9月开展金秋助学。",
    "一、安全工作\n积极参加6月份“安全生产月”活动，继续开展“每月一题”活动，每月一公开。",
    "一、主要工作\n1、开展技术创新竞赛月活动。\n2、各二级工会按时报送月报表，每月安排下月工作计划。",
])
def test_months_in_prose_campaign_months_and_cadence_words_are_no_schedule(prose):
    plan = plan_of(prose)
    assert "monthly-schedule" in rules_of(plan)
    assert plan.schedule_months == []


def test_an_annual_plan_with_few_months_gets_a_coverage_warning():
    plan = plan_of("2025年工会工作计划\n月度安排\n10月：职工运动会\n11月：技能比武\n12月：年终总结\n")
    coverage = [f for f in plan.findings if f.rule == "schedule-coverage"]
    assert len(coverage) == 1 and coverage[0].severity == "warning"
    assert "3" in coverage[0].message and "6" in coverage[0].message
    assert "monthly-schedule" not in rules_of(plan)


@pytest.mark.parametrize("title", ["2025年下半年工会工作计划", "2024-2025学年度第二学期校工会工作计划"])
def test_a_half_year_or_semester_plan_needs_only_three_months(title):
    plan = plan_of(title + "\n月度安排\n7月：夏送清凉\n8月：疗休养\n9月：金秋助学\n")
    assert "schedule-coverage" not in rules_of(plan)


def test_config_min_months_overrides_the_rule():
    draft = "2025年工会工作计划\n月度安排\n3月：三八节\n4月：健步走\n5月：劳模座谈\n"
    assert "schedule-coverage" in rules_of(plan_of(draft))
    assert "schedule-coverage" not in rules_of(plan_of(draft, min_months=3))


@pytest.mark.parametrize("entries, month", [
    ("3月：三八节\n5月：健步走\n4月：职代会\n", "4"),       # out of order
    ("3月：三八节\n4月：职代会\n5月：健步走\n4月：读书月\n", "4"),   # repeated
])
def test_repeated_or_out_of_order_months_are_reported(entries, month):
    plan = plan_of("月度安排\n" + entries, lang="en")
    order = [f for f in plan.findings if f.rule == "schedule-order"]
    assert len(order) == 1 and month in order[0].message and order[0].severity == "info"


def test_several_entries_for_one_month_and_overlapping_ranges_are_fine():
    plan = plan_of("月度安排\n3月：三八节活动\n3月：召开职代会\n4-7月：安康杯竞赛\n4至7月：五小成果征集\n"
                   "9至10月：趣味运动会\n十月份：国庆升旗\n")
    assert "schedule-order" not in rules_of(plan)


def test_a_school_year_schedule_from_september_is_in_order():
    plan = plan_of("行事历\n九月份：教师节慰问\n十月份：趣味运动会\n十二月份：迎新年\n一月份：期末慰问\n三月份：三八节\n")
    assert "schedule-order" not in rules_of(plan)
    assert plan.schedule_months == [1, 3, 9, 10, 12]
