"""JSON report, version 1, streamed: the header, each file object as it arrives, the summary.

One file object per line keeps the output diffable; nothing in it depends on the clock.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from operator import attrgetter
from typing import TextIO

from checker.formats import Reporter, ReportOptions
from checker.formats.text import relative_path
from checker.model import Element, FileResult, Finding, PlanResult, Summary

FINDING_FIELDS = ("rule", "severity", "line", "column", "end_line", "end_column", "message", "hint")
ELEMENT_FIELDS = ("rule", "label", "present", "line", "column", "evidence")


def _pick(obj: Finding | Element, names: tuple[str, ...]) -> dict:
    return dict(zip(names, _GETTERS[names](obj)))


_GETTERS = {names: attrgetter(*names) for names in (FINDING_FIELDS, ELEMENT_FIELDS)}


def plan_object(plan: PlanResult) -> dict:
    return {
        "index": plan.index,
        "title": plan.title,
        "start_line": plan.start_line,
        "end_line": plan.end_line,
        "unit": plan.unit,
        "year": plan.year,
        "schedule_months": list(plan.schedule_months),
        "elements": [_pick(element, ELEMENT_FIELDS) for element in plan.elements],
        "findings": [_pick(finding, FINDING_FIELDS) for finding in plan.findings],
    }


def file_object(result: FileResult, options: ReportOptions) -> dict:
    return {
        "path": relative_path(result.path, options.root),
        "format": result.format,
        "encoding": result.encoding,
        "error": result.error,
        "findings": [_pick(finding, FINDING_FIELDS) for finding in result.findings],
        "plans": [plan_object(plan) for plan in result.plans],
    }


class JsonReporter(Reporter):
    def __init__(self, out: TextIO, options: ReportOptions):
        super().__init__(out, options)
        self.separator = "\n"
        out.write('{"version": 1, "files": [')

    def file(self, result: FileResult) -> None:
        self.out.write(self.separator + json.dumps(file_object(result, self.options), ensure_ascii=False))
        self.separator = ",\n"

    def finish(self, summary: Summary) -> None:
        self.out.write('\n], "summary": ' + json.dumps(asdict(summary)) + "}\n")
