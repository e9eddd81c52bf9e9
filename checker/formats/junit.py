"""JUnit XML for CI test views: a testsuite per file, a testcase per (plan, rule).

Every rule that ran is a testcase of every plan, failed where it has findings there;
rules with findings outside every plan get a ``文件 / rule`` testcase. An unreadable file
is one testcase with ``<error>``. Suites are written as files arrive, so the
``<testsuites>`` element carries no totals (each ``<testsuite>`` has its own).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from checker.formats import Reporter, ReportOptions
from checker.formats.text import SEVERITY_LABELS, message_with_hint, plan_name, relative_path
from checker.i18n import T
from checker.model import SEVERITIES, FileResult, Finding, Summary

# characters XML 1.0 cannot hold, even escaped
_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with characters XML cannot hold replaced by U+FFFD."""
    return _INVALID_XML.sub("\ufffd", text)


def failure(findings: list[Finding], lang: str) -> ET.Element:
    """A ``<failure>`` listing ``findings``, typed by the most severe of them."""
    severity = min((f.severity for f in findings), key=SEVERITIES.index)
    message = findings[0].message
    if len(findings) > 1:
        message = T("共 {n} 处：{first}", "{n} findings: {first}").format(n=len(findings), first=message)(lang)
    element = ET.Element("failure", message=xml_text(message), type=severity)
    element.text = xml_text("\n".join(
        f"{f.line}:{f.column} [{SEVERITY_LABELS[f.severity](lang)}] {message_with_hint(f, lang)}"
        for f in findings
    ))
    return element


class JunitReporter(Reporter):
    def __init__(self, out: TextIO, options: ReportOptions):
        super().__init__(out, options)
        self.rule_ids = [rule.id for rule in options.rules]
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="plancheck">\n')

    def file(self, result: FileResult) -> None:
        path = xml_text(relative_path(result.path, self.options.root))
        suite = ET.Element("testsuite", name=path)
        if result.error:
            case = ET.SubElement(suite, "testcase", name=T("读取", "read")(self.options.lang), classname=path)
            ET.SubElement(case, "error", message=xml_text(result.error), type="read-error")
        if result.findings:
            self.add_cases(suite, path, T("文件", "file")(self.options.lang), result.findings, every_rule=False)
        for plan in result.plans:
            self.add_cases(suite, path, plan_name(plan.index, self.options.lang), plan.findings, every_rule=True)
        cases = suite.findall("testcase")
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(case.find("failure") is not None for case in cases)))
        suite.set("errors", str(int(bool(result.error))))
        suite.set("skipped", "0")
        ET.indent(suite, level=1)
        self.out.write("  " + ET.tostring(suite, encoding="unicode") + "\n")

    def add_cases(self, suite: ET.Element, path: str, scope: str, findings: list[Finding], every_rule: bool) -> None:
        """One testcase per rule (all that ran, or only those with findings) in ``scope``."""
        by_rule: dict[str, list[Finding]] = {}
        for finding in findings:
            by_rule.setdefault(finding.rule, []).append(finding)
        rules = [*self.rule_ids, *(r for r in by_rule if r not in self.rule_ids)] if every_rule else list(by_rule)
        for rule in rules:
            case = ET.SubElement(suite, "testcase", name=f"{scope} / {rule}", classname=path)
            if rule in by_rule:
                case.append(failure(by_rule[rule], self.options.lang))

    def finish(self, summary: Summary) -> None:
        self.out.write("</testsuites>\n")
