"""Baselines: record today's findings, then report only new ones.

A finding is known when the baseline holds one with the same file, rule and text of the
line it is on, so edits elsewhere in the file (which move line numbers) do not break it.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path

from checker.atomic import atomic_open
from checker.config import ConfigError
from checker.model import FileResult, Finding

VERSION = 1


def _path_key(path: str) -> str:
    """The path relative to the current folder when it lies below it, with forward slashes."""
    if os.path.isabs(path):
        relative = os.path.relpath(path)
        path = path if relative.startswith("..") else relative
    return path.replace("\\", "/")


def _key(path: str, finding: Finding) -> tuple[str, str, str]:
    return _path_key(path), finding.rule, finding.source.strip()


def write_baseline(target: str, results: list[FileResult]) -> None:
    entries = sorted(_key(result.path, finding) for result in results for finding in result.all_findings())
    with atomic_open(target) as out:
        json.dump({"version": VERSION, "findings": [
            {"path": path, "rule": rule, "line": text} for path, rule, text in entries]},
            out, ensure_ascii=False, indent=1)
        out.write("\n")


class Baseline:
    """Known findings, each matched at most as often as it was recorded."""

    def __init__(self, known: dict[str, Counter]):
        self.known = known      # path -> Counter of (path, rule, line text)

    @classmethod
    def load(cls, source: str) -> "Baseline":
        """Read a baseline file; raises ConfigError with a one-line reason."""
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
            entries = data["findings"]
            known: dict[str, Counter] = {}
            for entry in entries:
                key = (entry["path"], entry["rule"], entry["line"])
                known.setdefault(entry["path"], Counter())[key] += 1
            return cls(known)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
            raise ConfigError(f"{source}: not a plancheck baseline ({error})") from None

    def new_findings(self, result: FileResult) -> FileResult:
        """``result`` without the findings the baseline already knows."""
        remaining = Counter(self.known.get(_path_key(result.path), ()))

        def fresh(findings: list[Finding]) -> list[Finding]:
            kept = []
            for finding in findings:
                key = _key(result.path, finding)
                if remaining[key] > 0:
                    remaining[key] -= 1
                else:
                    kept.append(finding)
            return kept

        plans = [replace(plan, findings=fresh(plan.findings)) for plan in result.plans]
        return replace(result, findings=fresh(result.findings), plans=plans)
