"""Who submits a plan and for when: unit, year and period, read from its title and first lines.

Titles look like ``XX机械厂工会2024年工作计划``, ``2024年度区总工会工作要点``,
``20XX—20XX学年度第二学期校工会工作计划`` or a notice wrapper
``关于印发《XX集团工会2025年工作要点》的通知`` (conventions §2.1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from checker.model import Plan

_YEAR = re.compile(r"((?:19|20)[0-9]{2})(?=[ \t]*(?:年|[-~至—]))")
_CN_YEAR = re.compile(r"二[〇○零O]([一二三四五六七八九〇○零O])([一二三四五六七八九〇○零O])(?=[ \t]*年)")
_CN_DIGIT = {**{ch: i for i, ch in enumerate("〇一二三四五六七八九")}, "○": 0, "零": 0, "O": 0}
_LEADING_YEAR = re.compile(r"^[ \t]*((?:19|20)[0-9]{2})[ \t]*年")
_WRAPPED = re.compile(r"《([^》]+)》")
_PERIOD = re.compile(r"(?:(?:19|20)[0-9]{2}|20[xX×*_]{2}|二[〇○零O][^年]{2})?[ \t]*(?:[-~至—][ \t]*\S{2,6}?)?"
                     r"(?:学年度?|年度?)(?:第[一二]学期|[上下]半年)?|第[一二]学期|[上下]半年")
_KIND = re.compile(r"(?:工作)?(?:计划|要点|安排|思路|打算|方案)(?:和目标)?.*$")
_UNIT = re.compile(r"^(.*?工会(?:委员会|联合会)?)")
_SHORT = re.compile(r"[上下]半年|学期")
_TITLE_LOOKAHEAD = 6          # a title is among the first blocks of a plan


@dataclass(frozen=True)
class PlanInfo:
    title: str | None
    unit: str | None
    year: int | None
    short_period: bool            # a half-year or semester plan


def plan_info(plan: Plan) -> PlanInfo:
    title = _title(plan)
    year = _year(title or "")
    if year is None:
        for block in plan.preamble[:3]:
            leading = _LEADING_YEAR.match(block.text)
            if leading:
                year = int(leading.group(1))
                break
    return PlanInfo(title=title, unit=_unit(title or ""), year=year,
                    short_period=bool(title and _SHORT.search(title)))


def _title(plan: Plan) -> str | None:
    """The plan's title line (the real title of a notice wrapper: 关于印发《…》的通知)."""
    title = next((b.text.strip("#* ") for b in plan.blocks[:_TITLE_LOOKAHEAD] if b.kind == "title"), plan.title)
    wrapped = _WRAPPED.search(title or "")
    return wrapped.group(1) if wrapped else title


def _year(title: str) -> int | None:
    found = _YEAR.search(title)
    if found:
        return int(found.group(1))
    chinese = _CN_YEAR.search(title)
    if chinese:
        return 2000 + _CN_DIGIT[chinese.group(1)] * 10 + _CN_DIGIT[chinese.group(2)]
    return None


def _unit(title: str) -> str | None:
    bare = _KIND.sub("", _PERIOD.sub("", title)).strip()
    unit = _UNIT.match(bare)
    if not unit or unit.group(1) == "工会":
        return None
    return unit.group(1).strip()
