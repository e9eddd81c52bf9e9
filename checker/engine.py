"""Runs the rule set on a parsed document: findings per plan, the element checklist, file findings.

For each plan every rule's kind module checks a :class:`~checker.kinds.base.View` of it
and returns hits (normalised offsets); the engine renders them as findings located in the
original file, drops suppressed ones (checker/suppress.py, per-path ignores) and fills the
plan's checklist of the five required elements. Web furniture outside every plan goes to
kinds that declare FILE_LEVEL (forbid).
"""
from __future__ import annotations

import re

from checker.config import Config
from checker.i18n import T, pick, render
from checker.kinds.base import Hit, Outcome, View
from checker.matcher import RuleTimeout
from checker.model import Document, Element, FileResult, Finding, Plan, PlanResult
from checker.plan_info import plan_info
from checker.rulepack import Placeholders, Rule, load_ruleset
from checker.suppress import Suppressions, scan

_LINE_BREAK = re.compile(r"[ \t\u3000]*[\r\n]+[ \t\u3000]*")

# the checklist every plan gets, in this order
ELEMENTS = {
    "guiding-ideology": T("指导思想", "guiding ideology"),
    "rights-protection": T("维权", "rights protection"),
    "finance-audit": T("经费审查", "finance audit"),
    "womens-work": T("女职工工作", "women's work"),
    "monthly-schedule": T("月度安排", "monthly schedule"),
}


def check_document(document: Document, config: Config) -> FileResult:
    """Check ``document`` with the rule set of ``config``; messages in config.lang."""
    return check_with(load_ruleset(config).rules, document, config)


def check_text(text: str, config: Config, rules: list[Rule] | None = None, path: str = "<text>") -> FileResult:
    """Parse and check text already in memory (with ``rules``, or the rule set of ``config``)."""
    from checker.pipeline import parse

    document = parse(text, path=path)
    return check_with(load_ruleset(config).rules if rules is None else rules, document, config)


def check_with(rules: list[Rule], document: Document, config: Config) -> FileResult:
    """Check ``document`` with ``rules``; a rule whose regex times out makes the file's error."""
    result = FileResult(path=document.path, format=document.format, encoding=document.encoding)
    ignored = config.ignored_for_path(document.path)
    rules = [rule for rule in rules if rule.id not in ignored]
    suppressions = scan(document)
    try:
        result.plans = [_check_plan(plan, rules, document, config, suppressions) for plan in document.plans]
        view = View(document, config, furniture=document.furniture)
        for rule in rules:
            if rule.module.FILE_LEVEL:
                result.findings += _findings(rule, rule.module.check(rule, view), document, config.lang,
                                             suppressions, None)
    except RuleTimeout as timeout:
        return FileResult(path=document.path, format=document.format, encoding=document.encoding,
                          error=timeout.message(config.lang))
    result.findings.sort(key=_order)
    return result


def _check_plan(plan: Plan, rules: list[Rule], document: Document, config: Config,
                suppressions: Suppressions) -> PlanResult:
    info = plan_info(plan)
    view = View(document, config, plan, blocks=plan.content,
                furniture=[b for b in plan.blocks if b.kind == "furniture"], info=info)
    start_line = document.location(plan.start)[0]
    result = PlanResult(index=plan.index, title=info.title, start_line=start_line,
                        end_line=document.location(max(plan.end - 1, plan.start))[0],
                        unit=info.unit, year=info.year)
    elements = {}
    for rule in rules:
        outcome = rule.module.check(rule, view)
        if outcome.months:
            result.schedule_months = list(outcome.months)
        if rule.id in ELEMENTS:
            elements[rule.id] = _element(rule.id, outcome, document, config.lang)
        if outcome.hits:
            result.findings += _findings(rule, outcome, document, config.lang, suppressions, plan.index)
    result.elements = [elements[rule_id] for rule_id in ELEMENTS if rule_id in elements]
    result.findings.sort(key=_order)
    return result


def _element(rule_id: str, outcome: Outcome, document: Document, lang: str) -> Element:
    element = Element(rule=rule_id, label=ELEMENTS[rule_id](lang), present=outcome.evidence is not None)
    if outcome.evidence is not None:
        found = outcome.evidence
        element.line, element.column = document.location(found.at)
        original = document.norm.original[document.norm.to_original(found.start):document.norm.to_original(found.end)]
        element.evidence = _LINE_BREAK.sub("", original).strip()    # as written, rejoined across a page break
    return element


def _findings(rule: Rule, outcome: Outcome, document: Document, lang: str, suppressions: Suppressions,
              plan_index: int | None) -> list[Finding]:
    findings = []
    for hit in outcome.hits:
        finding = _finding(rule, hit, document, lang)
        if suppressions.allows(rule.id, finding.line, plan_index):
            findings.append(finding)
    return findings


def _finding(rule: Rule, hit: Hit, document: Document, lang: str) -> Finding:
    line, column = document.location(hit.start)
    end_line, end_column = document.location(max(hit.end - 1, hit.start))
    fields = Placeholders({name: render(value, lang) for name, value in hit.fields.items()})
    return Finding(rule=rule.id, severity=rule.severity,
                   message=pick(rule.message, lang).format_map(fields),
                   hint=pick(rule.hint, lang).format_map(fields),
                   line=line, column=column, end_line=end_line, end_column=end_column + 1,
                   source=document.norm.original_line(line))


def _order(finding: Finding) -> tuple:
    return finding.line, finding.column, finding.rule
