"""SARIF 2.1.0 for GitHub code scanning.

Results are written as each file arrives (the ``tool`` object, which JSON allows in any
order, follows them), so memory stays flat for any number of files.

A file that cannot be read becomes an ``error`` result of the driver rule ``read-error``
at line 1: GitHub shows results as alerts, whereas tool notifications only reach its
tool-status page. Each result carries ``partialFingerprints["plancheckLine/v1"]``: the
SHA-256 of the rule id and the whitespace-normalised source line, plus the number of
the same (rule, text) earlier in the file, so alerts survive edits to other lines.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

import checker
from checker.formats import Reporter, ReportOptions
from checker.formats.text import message_with_hint, path_under
from checker.i18n import T
from checker.model import FileResult, Finding, RuleInfo, Summary

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def read_error_rule(lang: str) -> RuleInfo:
    """The driver rule of results for files that could not be read."""
    return RuleInfo(
        id="read-error",
        kind="io",
        severity="error",
        message=T("文件无法读取", "File cannot be read")(lang),
        description=T("文件无法读取或解码，未做任何检查。",
                      "The file could not be read or decoded, so nothing in it was checked.")(lang),
        hint=T("确认文件存在、可读，且为 UTF-8/GB18030 文本、Markdown 或 .docx。",
               "Make sure the file exists, is readable, and is UTF-8/GB18030 text, Markdown or .docx.")(lang),
    )


def rule_descriptor(rule: RuleInfo) -> dict:
    """The driver's reportingDescriptor for ``rule``."""
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in re.split(r"[^0-9A-Za-z]+", rule.id)),
        "shortDescription": {"text": rule.message or rule.id},
        "fullDescription": {"text": rule.description or rule.message or rule.id},
        "help": {"text": rule.hint or rule.description or rule.id},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    } | ({"properties": {"tags": [rule.kind]}} if rule.kind else {})


def artifact_location(path: str, root: Path) -> dict:
    """A URI relative to ``%SRCROOT%`` (the root), or an absolute file URI outside it."""
    relative = path_under(path, root)
    if relative is None:
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(relative), "uriBaseId": "%SRCROOT%"}


def fingerprint(rule: str, source: str) -> str:
    """SHA-256 of the rule id and the source line with whitespace runs collapsed."""
    text = " ".join(source.split())
    return hashlib.sha256(f"{rule}\0{text}".encode()).hexdigest()


class SarifReporter(Reporter):
    def __init__(self, out: TextIO, options: ReportOptions):
        super().__init__(out, options)
        self.rules = [*options.rules, read_error_rule(options.lang)]
        self.index = {rule.id: i for i, rule in enumerate(self.rules)}
        self.separator = "\n"
        out.write(
            '{"$schema": "%s", "version": "2.1.0", "runs": [{"columnKind": "unicodeCodePoints", "results": ['
            % SCHEMA
        )

    def rule_index(self, rule_id: str, severity: str) -> int:
        """Index of ``rule_id`` in the driver; a rule not announced in options is added."""
        if rule_id not in self.index:
            self.index[rule_id] = len(self.rules)
            self.rules.append(RuleInfo(rule_id, "", severity, "", "", ""))
        return self.index[rule_id]

    def file(self, result: FileResult) -> None:
        location = artifact_location(result.path, self.options.root)
        if result.error:
            error = Finding("read-error", "error", result.error, "", 1, 1, 1, 1)
            self.write(self.result(error, location, {"startLine": 1}, fingerprint(error.rule, "") + ":1"))
        seen: Counter[str] = Counter()
        for finding in result.all_findings():
            region = {
                "startLine": finding.line,
                "startColumn": finding.column,
                "endLine": finding.end_line,
                "endColumn": finding.end_column,
            }
            line_hash = fingerprint(finding.rule, finding.source)
            seen[line_hash] += 1
            self.write(self.result(finding, location, region, f"{line_hash}:{seen[line_hash]}"))

    def result(self, finding: Finding, location: dict, region: dict, line_fingerprint: str) -> dict:
        return {
            "ruleId": finding.rule,
            "ruleIndex": self.rule_index(finding.rule, finding.severity),
            "level": LEVELS[finding.severity],
            "message": {"text": message_with_hint(finding, self.options.lang)},
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
            "partialFingerprints": {"plancheckLine/v1": line_fingerprint},
        }

    def write(self, result: dict) -> None:
        self.out.write(self.separator + json.dumps(result, ensure_ascii=False))
        self.separator = ",\n"

    def finish(self, summary: Summary) -> None:
        driver = {
            "name": "plancheck",
            "version": self.options.tool_version or checker.__version__,
            "rules": [rule_descriptor(rule) for rule in self.rules],
        }
        self.out.write('\n], "tool": ' + json.dumps({"driver": driver}, ensure_ascii=False) + "}]}\n")
