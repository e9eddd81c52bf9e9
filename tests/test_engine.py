"""The engine: results per plan, locations in the original file, suppressions, plan facts."""
from __future__ import annotations

from checker.config import Config
from checker.engine import ELEMENTS, check_document, check_text
from checker.pipeline import parse

COLLECTION = """\
当前位置：首页 > 工作计划
小编为大家整理了社区工会工作计划，供大家参考。

社区工会工作计划 篇1
2025年，xx社区工会要在街道党工委的领导下开展工作。
一、维护职工合法权益，推进工资集体协商。
二、组织女职工参加两癌筛查。

社区工会工作计划 篇2
一、指导思想
以习近平新时代中国特色社会主义思想为指导。
二、主要工作
1、做好工会经费审查工作。
"""


def rules(findings) -> set[str]:
    return {f.rule for f in findings}


def test_each_plan_of_a_collection_is_checked_on_its_own():
    result = check_text(COLLECTION, Config())
    first, second = result.plans
    assert (first.index, first.start_line, first.end_line) == (1, 4, 7)
    assert (second.index, second.start_line) == (2, 9)
    assert {"guiding-ideology", "finance-audit", "monthly-schedule"} <= rules(first.findings)
    assert not {"rights-protection", "womens-work"} & rules(first.findings)
    assert {"rights-protection", "womens-work", "monthly-schedule"} <= rules(second.findings)
    assert not {"guiding-ideology", "finance-audit"} & rules(second.findings)
    assert {f.line for f in result.findings if f.rule == "web-boilerplate"} == {1, 2}
    assert [e.rule for e in first.elements] == list(ELEMENTS)


def test_a_missing_element_sits_on_the_collection_marker():
    second = check_text(COLLECTION, Config()).plans[1]
    finding = next(f for f in second.findings if f.rule == "womens-work")
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (9, 1, 9, 12)
    assert finding.source == "社区工会工作计划 篇2"


def test_findings_are_sorted_and_rendered_in_the_configured_language():
    plan = check_text(COLLECTION, Config(lang="en")).plans[0]
    keys = [(f.line, f.column, f.rule) for f in plan.findings]
    assert keys == sorted(keys)
    assert next(f for f in plan.findings if f.rule == "finance-audit").message == "The plan has no audit of union funds"
    assert next(e for e in plan.elements if e.rule == "finance-audit").label == "finance audit"


def test_unit_and_year_come_from_the_title():
    result = check_text("江北机械厂工会2025年工作计划\n一、指导思想\n", Config())
    assert (result.plans[0].unit, result.plans[0].year) == ("江北机械厂工会", 2025)
    wrapped = check_text("关于印发《城东街道总工会2024年工作要点》的通知\n各基层工会：\n", Config()).plans[0]
    assert (wrapped.title, wrapped.unit, wrapped.year) == ("城东街道总工会2024年工作要点", "城东街道总工会", 2024)
    school = check_text("二〇二四年度滨江中学工会工作计划\n一、指导思想\n", Config()).plans[0]
    assert (school.unit, school.year) == ("滨江中学工会", 2024)


def test_the_year_falls_back_to_the_preamble():
    plan = check_text("工会工作计划\n2026年，公司工会将继续围绕中心工作。\n", Config()).plans[0]
    assert plan.year == 2026 and plan.unit is None


def test_disable_in_a_plan_switches_rules_off_for_that_plan_only():
    draft = COLLECTION.replace("二、组织女职工", "<!-- plancheck: disable=finance-audit,template-residue -->\n二、组织女职工")
    first, second = check_text(draft, Config()).plans
    assert not {"finance-audit", "template-residue"} & rules(first.findings)
    assert "rights-protection" in rules(second.findings)        # the second plan is untouched
    assert not next(e for e in first.elements if e.rule == "finance-audit").present   # the checklist stays true


def test_disable_before_the_first_plan_is_file_wide():
    draft = "plancheck: disable=monthly-schedule\n" + COLLECTION
    result = check_text(draft, Config())
    assert all("monthly-schedule" not in rules(plan.findings) for plan in result.plans)


def test_disable_line_and_next_line_drop_single_findings():
    draft = ("2025年，xx社区工会要开展工作。 plancheck: disable-line=template-residue\n"
             "plancheck: disable-next-line=template-residue\n\n"
             "xx街道总工会要做好建会工作。\n"
             "xx区总工会也要做好。\n")
    residue = [f.line for f in check_text(draft, Config()).all_findings() if f.rule == "template-residue"]
    assert residue == [5]


def test_per_path_ignores_switch_rules_off_for_matching_files():
    document = parse("一、主要工作\n组织春游。\n", path="drafts/old/2019.txt")
    config = Config(per_path_ignores=(("drafts/old/*", ("womens-work", "monthly-schedule")),))
    found = rules(check_document(document, config).plans[0].findings)
    assert not {"womens-work", "monthly-schedule"} & found and "finance-audit" in found


def test_positions_map_back_through_crlf_full_width_and_traditional_text():
    draft = "工會工作計劃\r\n\r\n　　（一）做好女職工工作，組織“三八”節活動。\r\n"
    plan = check_text(draft, Config()).plans[0]
    women = next(e for e in plan.elements if e.rule == "womens-work")
    assert (women.line, women.column) == (3, 8)
    assert "女職工" in women.evidence                 # evidence is quoted as written
