"""Kind ``year``: the plan's year (from its title) disagrees with years in its text.

A plan titled 2025 whose schedule says 2024年3月, or whose body opens a paragraph with
2024年，… was usually copied from last year's plan. Checked, each switched by a parameter:
years in schedule entries, dated years (YYYY年M月) anywhere, and years opening a paragraph.
A school-year title (2024—2025学年) allows both years. Messages may use ``{year}`` (the
year found) and ``{plan_year}``.
"""
from __future__ import annotations

import re

from checker.kinds.base import Hit, Lines, Outcome, Param, View

PARAMETERS = (
    Param("schedule", "bool", True, "Check years written in schedule entries."),
    Param("dates", "bool", True, "Check years of dates (YYYY年M月) anywhere in the plan."),
    Param("openings", "bool", True, "Check a year that opens a paragraph (YYYY年，…)."),
)
FIELDS = ("year", "plan_year")
FILE_LEVEL = False

# (?<![0-9]{5}): no digit before the year; checked after it, so the scan can skip to a 1 or 2
_YEAR = re.compile(r"((?:19|20)[0-9]{2})(?<![0-9]{5})[ \t]*年")
_DATED = re.compile(r"[ \t]*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})月")
_OPENING = re.compile(r"[ \t]*(?:度)?[,，]")
_RANGE = re.compile(r"((?:19|20)[0-9]{2})[ \t]*[-~至—–][ \t]*((?:19|20)[0-9]{2})")


class Prepared:
    def __init__(self, params: dict):
        self.schedule = params["schedule"]
        self.dates = params["dates"]
        self.openings = params["openings"]


def prepare(params: dict, rule_id: str, trusted: bool) -> Prepared:
    return Prepared(params)


def check(rule, view: View) -> Outcome:
    prepared: Prepared = rule.prepared
    plan_year = view.info.year if view.info else None
    if plan_year is None:
        return Outcome()
    allowed = _allowed_years(view.info.title or "", plan_year)
    lines = view.lines("plan", lambda: Lines.of_blocks(view.blocks))
    hits = []
    for match in _YEAR.finditer(lines.text):     # one scan of the plan; no match crosses a line
        year = int(match.group(1))
        if year in allowed:
            continue
        index = lines.entry_at(match.start())
        block = lines.blocks[index]
        if block.kind in ("title", "marker") or not _counts(prepared, block, lines, index, match):
            continue
        start, end = lines.span(*match.span(1))
        hits.append(Hit(start, end, {"year": str(year), "plan_year": str(plan_year)}))
    return Outcome(hits=hits)


def _allowed_years(title: str, plan_year: int) -> set[int]:
    span = _RANGE.search(title)
    return {int(span.group(1)), int(span.group(2))} if span else {plan_year}


def _counts(prepared: Prepared, block, lines: Lines, index: int, match: re.Match) -> bool:
    """Whether this year mention is one the parameters ask to check."""
    if prepared.schedule and block.kind == "schedule":
        return True
    if prepared.dates and _DATED.match(lines.text, match.end()):
        return True
    return prepared.openings and match.start() == lines.starts[index] and bool(_OPENING.match(lines.text, match.end()))
