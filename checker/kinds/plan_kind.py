"""Kind ``kind``: the text reads as a plan, not a summary of past work (conventions §1).

Counts past-tense markers (完成了, 取得了, 已经, 共…人次, 回顾 …) and future markers
(要, 将, 拟, 力争, 确保 …) over the plan's text. One finding on the plan's first line
when there are at least ``min_past`` past markers and more than ``ratio`` times as many
past as future ones. Messages may use ``{past}`` and ``{future}`` (the counts).
"""
from __future__ import annotations

from checker.i18n import T
from checker.kinds.base import Lines, Outcome, Param, ParamError, View, plan_start
from checker.matcher import Matcher

PARAMETERS = (
    Param("past_terms", "terms", [], "Words that mark a report of past work."),
    Param("past_patterns", "patterns", [], "Regular expressions that mark past work."),
    Param("future_terms", "terms", [], "Words that mark planned work."),
    Param("future_patterns", "patterns", [], "Regular expressions that mark planned work."),
    Param("min_past", "int", 5, "Past markers needed before the plan can read as a summary.", minimum=1),
    Param("ratio", "number", 1.5, "Past markers must outnumber future ones by this factor.", minimum=0),
)
FIELDS = ("past", "future")
FILE_LEVEL = False


class Prepared:
    """The compiled matchers and settings of one rule of this kind."""

    def __init__(self, params: dict, rule_id: str, trusted: bool):
        if not (params["past_terms"] or params["past_patterns"]):
            raise ParamError("past_terms", T("kind 规则至少需要 past_terms 或 past_patterns",
                                             "a kind rule needs past_terms or past_patterns"))
        self.past = Matcher(rule_id, terms=params["past_terms"], patterns=params["past_patterns"],
                            trusted=trusted, name="past_patterns")
        self.future = Matcher(rule_id, terms=params["future_terms"], patterns=params["future_patterns"],
                              trusted=trusted, name="future_patterns")
        self.min_past = params["min_past"]
        self.ratio = params["ratio"]


def prepare(params: dict, rule_id: str, trusted: bool) -> Prepared:
    return Prepared(params, rule_id, trusted)


def check(rule, view: View) -> Outcome:
    prepared: Prepared = rule.prepared
    lines = view.lines("plan", lambda: Lines.of_blocks(view.blocks))
    timeout = view.config.regex_timeout
    past = sum(1 for _ in prepared.past.finditer(lines, timeout))
    if past < prepared.min_past:
        return Outcome()
    future = sum(1 for _ in prepared.future.finditer(lines, timeout))
    if past <= prepared.ratio * future:
        return Outcome()
    return Outcome(hits=[plan_start(view, past=past, future=future)])
