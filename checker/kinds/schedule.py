"""Kind ``schedule``: the plan's month-by-month schedule (月度工作安排, conventions §3).

A schedule is a contiguous run of month-keyed entries (blocks the parser marked
``schedule``: ``3月：…``, ``三月份`` over its items, ``1、一月…``) that names at least
``min_distinct`` distinct months; a level-1/2 heading, a bare heading, a title or a
collection marker ends a run. Month mentions in prose (拟于4月份…) are not entries, and
schedules keyed by quarter (第一季度) or school week (第3周) are not monthly ones.
One rule per ``check``:
- ``presence``: there is a schedule (else one finding on the plan's first line);
- ``coverage``: it names at least ``min_months`` months, ``min_months_short`` for a
  half-year or semester plan (上半年/下半年/学期 in the title); config min_months wins;
- ``order``: months never go back: calendar order, or one wrap to January in a schedule
  that starts in autumn (school year 9→12→1→8); a month keyed again after a later one
  (3月 4月 5月 4月) is reported.
"""
from __future__ import annotations

from dataclasses import dataclass

from checker.i18n import T
from checker.kinds.base import Evidence, Hit, Outcome, Param, View, first_line, plan_start

PARAMETERS = (
    Param("check", "choice", "presence", "What to check: presence, coverage or order.",
          choices=("presence", "coverage", "order")),
    Param("min_distinct", "int", 3, "Distinct months that make a run of entries a schedule.", minimum=1),
    Param("min_months", "int", 6, "coverage: months an annual plan should schedule.", minimum=1),
    Param("min_months_short", "int", 3, "coverage: months a half-year or semester plan should schedule.",
          minimum=1),
)
FIELDS = ("count", "min", "months", "month")
FILE_LEVEL = False

_AUTUMN = 7          # a wrap to January is in order when the schedule starts this month or later


def prepare(params: dict, rule_id: str, trusted: bool) -> dict:
    return params


@dataclass
class Schedule:
    runs: list[list]             # qualifying runs of schedule blocks
    months: tuple[int, ...]      # distinct months of all runs, sorted


def find_schedule(view: View, min_distinct: int) -> Schedule:
    """The plan's schedule runs (shared by the rules of one plan)."""
    key = ("schedule", min_distinct)
    if key in view.cache:
        return view.cache[key]
    entries = [index for index, block in enumerate(view.blocks) if block.kind == "schedule" and block.months]
    runs, run = [], []
    for block in view.blocks[entries[0]:entries[-1] + 1] if entries else ():   # runs lie between entries
        if _ends_run(block):
            runs.append(run)
            run = []
        elif block.kind == "schedule" and block.months:
            run.append(block)
    runs.append(run)
    kept = [r for r in runs if len({m for b in r for m in b.months}) >= min_distinct]
    schedule = Schedule(kept, tuple(sorted({m for r in kept for b in r for m in b.months})))
    view.cache[key] = schedule
    return schedule


def _ends_run(block) -> bool:
    if block.kind in ("title", "marker"):
        return True
    return block.kind == "heading" and (block.level is None or block.level <= 2 or block.style in ("bare", "#"))


def month_list(months) -> T:
    return T("、".join(f"{m}月" for m in months), ", ".join(str(m) for m in months))


def check(rule, view: View) -> Outcome:
    params = rule.prepared
    schedule = find_schedule(view, params["min_distinct"])
    outcome = Outcome(months=schedule.months)
    if not schedule.runs:
        if params["check"] == "presence":
            outcome.hits.append(plan_start(view))
        return outcome
    first = schedule.runs[0][0]
    if params["check"] == "presence":
        line = first_line(first)
        outcome.evidence = Evidence(at=line.start, start=line.start, end=line.end)
    elif params["check"] == "coverage":
        short = view.info is not None and view.info.short_period
        wanted = view.config.min_months or params["min_months_short" if short else "min_months"]
        if len(schedule.months) < wanted:
            outcome.hits.append(first_line(first, count=len(schedule.months), min=wanted,
                                       months=month_list(schedule.months)))
    else:
        for run in schedule.runs:
            outcome.hits += _order_faults(run)
    return outcome


def _order_faults(run) -> list[Hit]:
    """A hit on each entry whose month goes back in time (a month already passed comes again).

    Entries sharing a month in a row (3月：… 3月：…) and overlapping ranges are fine.
    """
    hits = []
    firsts: list[int] = []
    for block in run:
        month = block.months[0]
        if firsts and not _in_order(firsts + [month]):
            hits.append(first_line(block, month=month_list(block.months)))
        else:
            firsts.append(month)
    return hits


def _in_order(months: list[int]) -> bool:
    wraps = sum(1 for before, after in zip(months, months[1:]) if after < before)
    return wraps == 0 or wraps == 1 and months[0] >= _AUTUMN and months[-1] < months[0]
