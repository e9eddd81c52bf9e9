"""Kind ``numbering``: heading numbers run 1, 2, 3 in one style (conventions §2.6).

Siblings are the numbered headings directly under one parent (a section, or the plan's
top level), grouped by numbering family (一、 / (一) / 1. / (1) / ① …). Reported:
- a gap (一、 二、 四、), a repeat (二、 二、) or a step back that is not a restart at 1
  (a restart at 一、 starts a new list: collections glue plans together); an item that
  ran on inside the previous line (style ending ``~``: ``1、摸底；2、申报``) may fill a gap;
- a sibling whose style differs from the list's usual one (1. among 1、, (二) among (一)、).
Not reported, as real drafts do it legitimately: skipped levels (一、 then 1、), a list
that starts above 1, faults of run-on items themselves, ordinal points (一是 …).
Month-keyed schedule items keep the count going but are never reported.
"""
from __future__ import annotations

from collections import Counter
from functools import cache
from operator import attrgetter
from typing import NamedTuple

from checker.i18n import T
from checker.kinds.base import Outcome, Param, View, first_line

PARAMETERS = (
    Param("check_sequence", "bool", True, "Report gaps, repeats and steps back in the numbers."),
    Param("check_style", "bool", True, "Report siblings numbered in a different style."),
)
FIELDS = ("problem",)
FILE_LEVEL = False

_ORDINAL_POINTS = ("一是", "一要", "第一,", "第一，")
_ENCLOSED = {"㈠": "(一)", "⒈": "1.", "⑴": "(1)", "①": "①"}   # first of each run -> its plain style
_CN = "一二三四五六七八九十"
_START = attrgetter("start")
_NUMBERED_KINDS = ("heading", "item", "schedule")


def prepare(params: dict, rule_id: str, trusted: bool) -> dict:
    return params


class Style(NamedTuple):
    """What a block's numbering style means for the checks."""

    family: str          # 一、/一./一, -> 一; (一)、/(一、) -> (一); 1、/1. -> 1
    plain: str           # without the run-on mark, enclosed numerals as their bracketed twins (⑴ -> (1))
    run_on: bool         # the item ran on inside the previous line (style ending ``~``)


@cache
def numbering_style(style: str | None) -> Style | None:
    """The meaning of a numbering style; None for no style and for ordinal points (一是 …)."""
    bare = (style or "").rstrip("~")
    if not bare or bare in _ORDINAL_POINTS:
        return None
    plain = _ENCLOSED.get(bare, bare)
    return Style(plain.replace("、", "").replace(".", "").replace(",", ""), plain, style.endswith("~"))


def cn_numeral(number: int) -> str:
    if number <= 10:
        return _CN[number - 1]
    tens, units = divmod(number, 10)
    return (_CN[tens - 1] if tens > 1 else "") + "十" + (_CN[units - 1] if units else "")


def render(style: str, number: int) -> str:
    """How ``number`` is written in ``style`` (三、, (3), 3., ⑶)."""
    style = style.rstrip("~")
    if style in _ENCLOSED:
        return chr(ord(style) + number - 1)
    if "一" in style:
        return style.replace("一", cn_numeral(number), 1)
    return style.replace("1", str(number), 1)


def _reported(block, style: Style) -> bool:
    """Faults are reported on headings and items at a line start, not on schedule entries."""
    return block.kind != "schedule" and not style.run_on


def sibling_lists(view: View):
    """Lists of two or more numbered siblings, as (block, style) pairs: per parent, per
    numbering family, in document order.

    A parent is a section (or the plan's top level); an unnumbered month label (三月份)
    parents the items below it, so each month's 1、 2、 is a list of its own.
    """
    parents = [(view.plan.preamble, view.plan.sections)]
    parents += [(section.blocks, section.children) for section in view.plan.sections_walk()
                if len(section.blocks) + len(section.children) > 1]
    for blocks, children in parents:
        groups: dict[str, list] = {}
        members = blocks + [c.heading for c in children]
        if blocks and children:          # each list is in document order already
            members.sort(key=_START)
        for block in members:
            if block.number is None:
                if block.kind == "schedule":     # a month label
                    yield from _lists_of_several(groups)
                    groups = {}
            elif block.kind in _NUMBERED_KINDS and (style := numbering_style(block.style)):
                groups.setdefault(style.family, []).append((block, style))
        yield from _lists_of_several(groups)


def _lists_of_several(groups: dict[str, list]):
    return (siblings for siblings in groups.values() if len(siblings) > 1)


def check(rule, view: View) -> Outcome:
    params = rule.prepared
    outcome = Outcome()
    for siblings in sibling_lists(view):
        if params["check_sequence"]:
            outcome.hits += _sequence_faults(siblings)
        if params["check_style"]:
            outcome.hits += _style_faults(siblings)
    return outcome


def _sequence_faults(siblings) -> list:
    numbers = [block.number for block, _ in siblings]
    if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return []                        # the usual case: 1, 2, 3 … (run-on items included)
    hits = []
    previous, filled = None, set()       # filled: numbers that run-on items lead up to
    for block, style in siblings:
        if style.run_on:
            filled.add(block.number + 1)
            continue
        if previous is not None and _reported(block, style):
            number, expected = block.number, previous.number + 1
            restart = number == 1 and previous.number > 1
            if number != expected and not restart and number not in filled:
                hits.append(first_line(block, problem=_sequence_problem(block, previous.number, expected)))
        previous, filled = block, set()
    return hits


def _sequence_problem(block, before: int, expected: int) -> T:
    if block.number == before:
        what = T("重复", "repeated")
    elif block.number > expected:
        what = T("跳号", "number skipped")
    else:
        what = T("顺序颠倒", "out of order")
    return T("“{found}”处应为“{wanted}”（{zh}）", "“{found}” should be “{wanted}” ({en})").format(
        found=render(block.style, block.number), wanted=render(block.style, expected), zh=what.zh, en=what.en)


def _style_faults(siblings) -> list:
    if len({style for _, style in siblings}) == 1:    # the usual case: one style throughout
        return []
    reported = [(block, style.plain) for block, style in siblings if _reported(block, style)]
    if len({plain for _, plain in reported}) < 2:
        return []
    usual, count = Counter(plain for _, plain in reported).most_common(1)[0]
    if count * 2 <= len(reported):   # no clear usual style: do not guess which one is wrong
        return []
    return [first_line(block, problem=T("“{found}”与同级的“{usual}”写法不一致",
                                        "“{found}” is numbered unlike its siblings (“{usual}”)").format(
        found=render(block.style, block.number), usual=usual))
            for block, plain in reported if plain != usual]
