"""Kind ``forbid``: template residue and web boilerplate, one finding per occurrence."""
from __future__ import annotations

import pytest

from checker.config import Config
from checker.engine import check_text


def found(text: str, rule: str) -> list:
    result = check_text(text, Config(lang="en"))
    return [f for f in result.all_findings() if f.rule == rule]


@pytest.mark.parametrize("line, placeholder", [
    ("20xx年，区总工会将继续做好各项工作。", "20xx"),
    ("202X年工会工作要点", "202X"),
    ("xx区总工会要在街道党工委的领导下开展工作。", "xx"),
    ("定于X月X日召开职代会。", "X月X日"),
    ("深入贯彻党的十x大精神。", "x"),
    ("以__为指导，开展工作。", "__"),
    ("做好_区总工会代表推荐工作。", "_"),
    ("按照“”重要思想的要求开展学习。", "“”"),
    ("学习《》精神。", "《》"),
    ("**区总工会20××年工作计划", "**"),
    ("通过“xx”官方微信平台开展宣传。", "xx"),
    ("【请填写】工会2025年工作计划", "【请填写】"),
    ("○○公司工会", "○○"),
])
def test_each_kind_of_placeholder_is_reported_with_its_text(line, placeholder):
    findings = found(line, "template-residue")
    assert findings and any(f"“{placeholder}”" in f.message for f in findings)


@pytest.mark.parametrize("line", [
    "二〇〇八年三月，工会召开了二届三次职代会。",
    "组织3x3篮球赛和XL码文化衫发放。",
    "2025年，市机械厂工会将在厂党委的领导下开展工作。",
    "**一、指导思想**",
])
def test_real_text_is_not_residue(line):
    assert found(line, "template-residue") == []


def test_a_finding_points_at_the_placeholder_in_the_original_line():
    text = "江北区总工会2025年工作计划\r\n\r\n　　20xx年，xx区总工会要继续推进建会入会。\r\n"
    findings = found(text, "template-residue")
    assert [(f.line, f.column, f.end_column) for f in findings] == [(3, 3, 7), (3, 9, 11)]
    assert findings[0].source == "　　20xx年，xx区总工会要继续推进建会入会。"


def test_one_date_placeholder_is_one_finding():
    assert len(found("定于X月X日召开会议。", "template-residue")) == 1


def test_web_boilerplate_in_furniture_before_the_first_plan_is_a_file_finding():
    text = ("当前位置：首页 > 工作计划 > 工会工作计划\n小编为大家整理了工会工作计划，供大家参考。\n"
            "工会工作计划 篇1\n一、指导思想\n以习近平新时代中国特色社会主义思想为指导。\n")
    result = check_text(text, Config())
    file_level = [f for f in result.findings if f.rule == "web-boilerplate"]
    assert {f.line for f in file_level} == {1, 2}
    assert any("小编" in f.message for f in file_level)
    assert not [f for f in result.plans[0].findings if f.rule == "web-boilerplate"]


def test_web_boilerplate_inside_a_plan_is_reported_on_the_plan():
    text = "2024年医院工会工作计划（精选6篇）\n一、指导思想\n坚持以职工为中心。\n相关文章：\n1.工会工作计划范文合集5篇\n"
    findings = found(text, "web-boilerplate")
    assert {f.line for f in findings} >= {1, 4}
