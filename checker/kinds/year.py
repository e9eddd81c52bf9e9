"""Kind ``year``: the plan's year (from its title) disagrees with years in its text.

A plan titled 2025 whose schedule says 2024年3月, or whose body opens a paragraph with
2024年，… was usually copied from last year's plan. Checked, each switched by a parameter:
years in schedule entries, dated years (YYYY年M月) anywhere, and years opening a paragraph.
A school-year title (2024—2025学年) allows both years. Messages may use ``{year}`` (the
year found) and ``{plan_year}``.
"""
from __future__ import annotations

import re

from checker.kinds.base import Hit, Outcome, Param, View

PARAMETERS = (
    Param("schedule", "bool", True, "Check years written in schedule entries."),
    Param("dates", "bool", True, "Check years of dates (YYYY年M月) anywhere in the plan."),
    Param("openings", "bool", True, "Check a year that opens a paragraph (YYYY年，…)."),
)
FIELDS = ("year", "plan_year")
FILE_LEVEL = False

_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[ \t]*年")
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
    hits = []
    for block in view.blocks:
        if block.kind in ("title", "marker"):
            continue
        for match in _YEAR.finditer(block.text):
            year = int(match.group(1))
            if year in allowed or not _counts(prepared, block, match):
                continue
            hits.append(Hit(block.offset(match.start(1)), block.offset(match.end(1) - 1) + 1,
                            {"year": str(year), "plan_year": str(plan_year)}))
    return Outcome(hits=hits)


def _allowed_years(title: str, plan_year: int) -> set[int]:
    span = _RANGE.search(title)
    return {int(span.group(1)), int(span.group(2))} if span else {plan_year}


def _counts(prepared: Prepared, block, match: re.Match) -> bool:
    """Whether this year mention is one the parameters ask to check."""
    if prepared.schedule and block.kind == "schedule":
        return True
    rest = block.text[match.end():]
    if prepared.dates and _DATED.match(rest):
        return True
    return prepared.openings and match.start() == 0 and bool(_OPENING.match(rest))
