"""Kind ``year``: the plan's year (from its title) disagrees with years in its text.

A plan titled 2025 whose schedule says 2024年3月, whose body opens a paragraph with
2024年，…, or whose heading reads 三、2024年工作安排 was usually copied from last year's
plan. Checked, each switched by a parameter: years in schedule entries, dated years
(YYYY年M月) anywhere, years opening a paragraph, and years in a heading that names the
plan's own work (安排, 计划, 目标 … after the year; not a review such as 2024年工作回顾).
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
    Param("headings", "bool", True, "Check a year in a heading about the plan's work (YYYY年工作安排)."),
)
FIELDS = ("year", "plan_year")
FILE_LEVEL = False

# (?<![0-9]{5}): no digit before the year; checked after it, so the scan can skip to a 1 or 2
_YEAR = re.compile(r"((?:19|20)[0-9]{2})(?<![0-9]{5})[ \t]*年")
_DATED = re.compile(r"[ \t]*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})月")
_OPENING = re.compile(r"[ \t]*(?:度)?[,，]")
# a heading about the plan's own work after the year, and words of a look back, which a plan
# may head with last year (一、2024年工作回顾)
_PLANNED = re.compile(r"安排|计划|要点|目标|任务|重点|打算|思路|措施|行事历")
_LOOK_BACK = re.compile(r"回顾|总结|完成|成绩|成效|情况|基础|形势")
_RANGE = re.compile(r"((?:19|20)[0-9]{2})[ \t]*[-~至—–][ \t]*((?:19|20)[0-9]{2})")


class Prepared:
    def __init__(self, params: dict):
        self.schedule = params["schedule"]
        self.dates = params["dates"]
        self.openings = params["openings"]
        self.headings = params["headings"]


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
    if prepared.headings and block.kind == "heading":
        after = lines.texts[index][match.end() - lines.starts[index]:]
        return bool(_PLANNED.search(after)) and not _LOOK_BACK.search(after)
    return prepared.openings and match.start() == lines.starts[index] and bool(_OPENING.match(lines.text, match.end()))
