"""Report formats: one module per format, each with one ``Reporter`` subclass.

A run streams results: ``file()`` is called once per checked file, in input order, as
soon as it is ready; ``finish()`` once at the end with the totals. A reporter keeps only
what its format needs until the end (JSON and SARIF write per file as they go).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from checker.model import FileResult, RuleInfo, Summary

# format name -> "module:Class"; modules are imported only when chosen
FORMATS = {
    "rich": "checker.formats.text:RichReporter",
    "plain": "checker.formats.text:PlainReporter",
    "parsable": "checker.formats.parsable:ParsableReporter",
    "json": "checker.formats.json_report:JsonReporter",
    "sarif": "checker.formats.sarif:SarifReporter",
    "github": "checker.formats.github:GithubReporter",
    "junit": "checker.formats.junit:JunitReporter",
    "html": "checker.formats.html:HtmlReporter",
    "csv": "checker.formats.csv_report:CsvReporter",
}


@dataclass
class ReportOptions:
    lang: str = "zh"
    rules: list[RuleInfo] = field(default_factory=list)  # every rule that ran (SARIF driver, JUnit)
    root: Path = field(default_factory=Path.cwd)         # paths and SARIF URIs are relative to this
    color: bool = False                                  # rich: colour and highlighting allowed
    summary: bool = False                                # add the one-row-per-plan summary table
    tool_version: str = ""


class Reporter:
    """Base class: subclasses write to ``self.out``."""

    def __init__(self, out: TextIO, options: ReportOptions):
        self.out = out
        self.options = options

    def file(self, result: FileResult) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        """Called once after the last file."""


def get_reporter(name: str) -> type[Reporter]:
    module_name, class_name = FORMATS[name].split(":")
    return getattr(importlib.import_module(module_name), class_name)
