"""Kind ``year``: a year in the plan that disagrees with the year of its title."""
from __future__ import annotations

import pytest

from checker.config import Config
from checker.engine import check_text
from checker.pipeline import parse

TITLE = "东风机械厂工会2026年工作计划\n"


def mismatches(body: str, title: str = TITLE) -> list[tuple[int, str]]:
    """(line, message) of each year-mismatch finding of the first plan."""
    plan = check_text(title + body, Config(lang="en")).plans[0]
    return [(f.line, f.message) for f in plan.findings if f.rule == "year-mismatch"]


@pytest.mark.parametrize("heading", [
    "三、2025年具体工作安排",
    "四.2025年月度工作安排",         # an ASCII point before the year is still a heading number
    "（三）2025年工作目标和任务",
    "## 三、2025年重点工作",
])
def test_a_heading_about_the_plans_work_with_last_year_is_reported(heading):
    body = f"一、指导思想\n以习近平新时代中国特色社会主义思想为指导。\n{heading}\n3月：召开职代会。\n"
    assert mismatches(body) == [(4, "Year mismatch: the title says 2026, the text says 2025")]


@pytest.mark.parametrize("heading", [
    "一、2025年工作回顾",
    "一、2025年工作完成情况",
    "二、2026年工作安排",             # the plan's own year
    "二、2027年工作打算",             # any other year than the title's is a mismatch
])
def test_a_heading_that_looks_back_or_names_the_plan_year(heading):
    found = mismatches(f"{heading}\n做好各项工作。\n")
    assert found == ([(2, "Year mismatch: the title says 2026, the text says 2027")] if "2027" in heading else [])


def test_schedule_dates_and_openings_are_still_checked():
    body = "2025年，厂工会将围绕中心开展工作。\n二、月度安排\n3月：于2025年3月8日召开庆三八座谈会\n"
    assert [line for line, _ in mismatches(body)] == [2, 4]


def test_a_school_year_title_allows_both_years():
    title = "2025—2026学年度第一中学工会工作计划\n"
    assert mismatches("二、2025年9月至2026年1月工作安排\n9月：召开教代会。\n", title) == []


def test_a_year_in_prose_that_is_not_a_heading_is_not_reported():
    assert mismatches("一、主要工作\n1、巩固2025年创建成果，做好复查准备。\n") == []


@pytest.mark.parametrize("line, kind", [
    ("四.2025年月度工作安排", "heading"),
    ("三、2025年具体工作安排", "heading"),
    ("三.8妇女节组织女职工插花活动。", "text"),   # not 三. then a number
])
def test_a_level_one_number_before_a_year(line, kind):
    document = parse("一、指导思想\n坚持党的领导。\n" + line + "\n")
    assert next(b for b in document.plans[0].blocks if b.text == line).kind == kind
