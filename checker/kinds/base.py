"""What every rule kind shares: declared parameters, what a check sees, what it returns.

A kind module declares ``PARAMETERS`` (a tuple of :class:`Param`) and ``FIELDS`` (the
``{placeholders}`` its messages may use), and defines ``prepare(params, rule_id,
trusted) -> object`` (compile once at load) and ``check(rule, view) -> Outcome``.
``FILE_LEVEL = True`` makes the engine also run it on web furniture outside every plan.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, count
from operator import add
from typing import TYPE_CHECKING, Any, Iterable

from checker.i18n import T

if TYPE_CHECKING:
    from checker.config import Config
    from checker.model import Block, Document, Plan
    from checker.plan_info import PlanInfo


class ParamError(Exception):
    """A rule parameter that cannot be used; ``item`` is the index inside a list value."""

    def __init__(self, name: str, text: T, item: int | None = None):
        super().__init__(text.en)
        self.name = name
        self.text = text
        self.item = item


@dataclass(frozen=True)
class Param:
    """One parameter of a rule kind, as written in a rule file."""

    name: str
    type: str            # int | number | bool | choice | strings | terms | patterns
    default: Any
    description: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None


_TYPE_NAMES = {
    "int": T("整数", "a whole number"), "number": T("数字", "a number"), "bool": T("true 或 false", "true or false"),
    "strings": T("字符串列表", "a list of strings"), "patterns": T("正则表达式列表", "a list of regular expressions"),
    "terms": T("词语列表（字符串，或 {term: …, boundary: true}）", "a list of terms (strings or {term: …, boundary: true})"),
}
_NUMBER_TYPES = {"int": (int,), "number": (int, float)}


def validate(spec: tuple[Param, ...], values: dict) -> dict:
    """Every declared parameter with its default filled in; raises ParamError when one is wrong.

    Unknown names are the caller's business (they are reported with the rule's own fields).
    """
    for param in spec:
        if param.name in values:
            _check_type(param, values[param.name])
    return {param.name: values.get(param.name, param.default) for param in spec}


def _check_type(param: Param, value: Any) -> None:
    def wrong(item: int | None = None):
        if param.type == "choice":
            expected = T("以下之一：" + "、".join(param.choices), "one of " + ", ".join(param.choices))
        else:
            expected = _TYPE_NAMES[param.type]
        raise ParamError(param.name, T("{name} 应为{zh}", "{name} must be {en}").format(
            name=param.name, zh=expected.zh, en=expected.en), item)

    kind = param.type
    if kind in _NUMBER_TYPES:
        if isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES[kind]):
            wrong()
        if param.minimum is not None and value < param.minimum:
            raise ParamError(param.name, T("{name} 不能小于 {min}", "{name} must be at least {min}").format(
                name=param.name, min=param.minimum))
    elif kind == "bool" and not isinstance(value, bool) or kind == "choice" and value not in param.choices:
        wrong()
    elif kind in ("strings", "patterns", "terms"):
        if not isinstance(value, list):
            wrong()
        for index, item in enumerate(value):
            if kind == "terms" and isinstance(item, dict):
                if set(item) - {"term", "boundary"} or not isinstance(item.get("boundary", False), bool):
                    wrong(index)
                item = item.get("term")
            if not isinstance(item, str) or not item:
                wrong(index)


# --------------------------------------------------------------------------- what a check sees

class Lines:
    """Texts of blocks joined by newlines, so one regex scan covers a whole plan.

    Line ``i`` is ``texts[i]``, which starts at index ``bases[i]`` of ``blocks[i].text``.
    """

    def __init__(self, blocks: list["Block"], bases: list[int], texts: list[str]):
        self.blocks = blocks
        self.bases = bases
        self.texts = texts
        self.text = "\n".join(texts)
        # starts[i] = len(texts[0]) + … + len(texts[i - 1]) + i newlines, summed in C
        self.starts = list(map(add, accumulate(map(len, texts[:-1]), initial=0), count())) if texts else []

    @classmethod
    def of_blocks(cls, blocks: Iterable["Block"]) -> "Lines":
        blocks = list(blocks)
        return cls(blocks, [0] * len(blocks), [block.text for block in blocks])

    def entry_at(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def line_bounds(self, position: int) -> tuple[int, int]:
        """Start and end (exclusive) in ``text`` of the line holding ``position``."""
        index = self.entry_at(position)
        start = self.starts[index]
        return start, start + len(self.texts[index])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Normalised-document offsets of ``text[start:end]`` (one line, end exclusive)."""
        index = self.entry_at(start)
        block = self.blocks[index]
        local = start - self.starts[index] + self.bases[index]
        return block.offset(local), block.offset(local + max(end - start, 1) - 1) + 1


@dataclass
class View:
    """One plan (or, with ``plan=None``, the furniture outside every plan) as rules see it."""

    document: "Document"
    config: "Config"
    plan: "Plan | None" = None
    blocks: list["Block"] = field(default_factory=list)      # plan content, no web furniture
    furniture: list["Block"] = field(default_factory=list)
    info: "PlanInfo | None" = None
    cache: dict = field(default_factory=dict)                 # analyses rules of one plan share

    def lines(self, key: str, make) -> Lines:
        """``make()`` once per view and key."""
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]


@dataclass
class Hit:
    """A finding before rendering: normalised offsets and the message's placeholder values."""

    start: int
    end: int
    fields: dict = field(default_factory=dict)


@dataclass
class Evidence:
    """Where an element was found (normalised offsets): the match, and the excerpt to show."""

    at: int
    start: int
    end: int


@dataclass
class Outcome:
    hits: list[Hit] = field(default_factory=list)
    evidence: Evidence | None = None            # require/schedule: where the element was found
    months: tuple[int, ...] = ()                # schedule: months the schedule covers


def first_line(block: "Block", **fields) -> Hit:
    """A hit over the first line of ``block`` (a paragraph joined across a page break spans more)."""
    return Hit(block.start, sum(block.pieces[0]) if block.pieces else block.end, fields)


def plan_start(view: View, **fields) -> Hit:
    """A hit on the plan's first line (marker or title): where plan-wide faults are reported."""
    return first_line(view.plan.blocks[0], **fields)
