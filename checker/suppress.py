"""Inline suppressions written in a draft.

- ``plancheck: disable=ID[,ID…]`` (also inside ``<!-- … -->``): those rules are off for the
  plan that holds the line, or for the whole file when the line is outside every plan;
- ``plancheck: disable-line=ID`` / ``disable-next-line=ID``: off for findings that start on
  that line / on the next non-blank line.
``all`` stands for every rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.model import Document

_DIRECTIVE = re.compile(r"plancheck:[ \t]*disable(-line|-next-line)?[ \t]*=[ \t]*"
                        r"([A-Za-z0-9_-]+(?:[ \t]*,[ \t]*[A-Za-z0-9_-]+)*)")
ALL = "all"


@dataclass
class Suppressions:
    file: set[str] = field(default_factory=set)
    plans: dict[int, set[str]] = field(default_factory=dict)      # plan index -> ids
    lines: dict[int, set[str]] = field(default_factory=dict)      # original line -> ids

    def allows(self, rule_id: str, line: int, plan_index: int | None = None) -> bool:
        for ids in (self.file, self.plans.get(plan_index, ()), self.lines.get(line, ())):
            if rule_id in ids or ALL in ids:
                return False
        return True


def scan(document: Document) -> Suppressions:
    """The suppressions of ``document``."""
    found = Suppressions()
    if "plancheck" not in document.norm.text:
        return found
    for match in _DIRECTIVE.finditer(document.norm.text):
        ids = {part.strip() for part in match.group(2).split(",")}
        line, _ = document.location(match.start())
        if match.group(1) == "-line":
            found.lines.setdefault(line, set()).update(ids)
        elif match.group(1) == "-next-line":
            found.lines.setdefault(_next_filled_line(document, line), set()).update(ids)
        else:
            plan = next((p for p in document.plans if p.start <= match.start() < p.end), None)
            (found.plans.setdefault(plan.index, set()) if plan else found.file).update(ids)
    return found


def _next_filled_line(document: Document, line: int) -> int:
    for following in range(line + 1, document.norm.line_count + 1):
        if document.norm.original_line(following).strip():
            return following
    return line + 1
