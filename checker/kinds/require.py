"""Kind ``require``: the plan must contain an element (指导思想, 维权, 经审, 女职工工作 …).

The element is present when
- a heading names it: ``heading_terms`` / ``heading_patterns`` matched against heading
  titles, numbered items' first sentence and short labels (``指导思想：…``); or
- the text in ``scope`` holds at least ``min_count`` matches of ``terms`` / ``patterns``.
``exclude`` patterns veto a candidate they overlap (设备维护, 经审批). Terms given as
``{term: 女工, boundary: true}`` (or all terms, with ``check_boundaries``) must not cut
a word of the segmented sentence (子女工作, 男女工人).
When the element is missing, one finding sits on the plan's first line; when present,
the plan's checklist records where (evidence).
"""
from __future__ import annotations

import re

from checker.i18n import T
from checker.kinds.base import Evidence, Lines, Outcome, Param, ParamError, View, plan_start
from checker.matcher import Matcher

PARAMETERS = (
    Param("terms", "terms", [], "Words that show the element anywhere in the scope."),
    Param("patterns", "patterns", [], "Regular expressions that show the element in the scope."),
    Param("heading_terms", "terms", [], "Words that show the element when a heading names them."),
    Param("heading_patterns", "patterns", [], "Regular expressions matched against heading titles."),
    Param("exclude", "patterns", [], "Patterns that veto a candidate match they overlap."),
    Param("check_boundaries", "bool", False, "Check word boundaries for every term, not only flagged ones."),
    Param("scope", "choice", "plan", "Where terms/patterns count: the whole plan, headings only, the "
          "preamble before the first heading, or sections whose heading holds a section_terms word.",
          choices=("plan", "headings", "preamble", "section")),
    Param("section_terms", "strings", [], "With scope: section, words of the headings whose sections count."),
    Param("min_count", "int", 1, "Matches needed in the scope (a heading match is always enough).", minimum=1),
)
FIELDS = ()
FILE_LEVEL = False

_LABEL = re.compile(r"^[^,。;:!?、“”()]{2,16}(?=:)")   # "指导思想：…" (text already half-width)
_EVIDENCE_WIDTH = 40


class Prepared:
    """The compiled matchers and settings of one require rule."""

    def __init__(self, params: dict, rule_id: str, trusted: bool):
        if not (params["terms"] or params["patterns"] or params["heading_terms"] or params["heading_patterns"]):
            raise ParamError("terms", T("require 规则至少需要 terms、patterns、heading_terms 或 heading_patterns 之一",
                                        "a require rule needs terms, patterns, heading_terms or heading_patterns"))
        if params["scope"] == "section" and not params["section_terms"]:
            raise ParamError("section_terms", T("scope: section 需要 section_terms",
                                                "scope: section needs section_terms"))
        common = dict(exclude=params["exclude"], check_boundaries=params["check_boundaries"], trusted=trusted)
        self.body = Matcher(rule_id, terms=params["terms"], patterns=params["patterns"], **common)
        self.heading = Matcher(rule_id, terms=params["heading_terms"], patterns=params["heading_patterns"],
                               name="heading_patterns", **common)
        self.scope = params["scope"]
        self.section_terms = tuple(params["section_terms"])
        self.min_count = params["min_count"]


def prepare(params: dict, rule_id: str, trusted: bool) -> Prepared:
    return Prepared(params, rule_id, trusted)


def heading_lines(view: View) -> Lines:
    """Heading titles, numbered items' titles and short ``label:`` prefixes of the plan."""
    def make():
        blocks, bases, texts = [], [], []
        for block in view.blocks:
            if block.kind in ("heading", "item") and block.title:
                blocks.append(block)
                bases.append(max(block.text.find(block.title), 0))
                texts.append(block.title)
            elif block.kind == "text" and ":" in block.text:
                stripped = block.text.lstrip(" #*")
                label = _LABEL.match(stripped)
                if label:
                    blocks.append(block)
                    bases.append(len(block.text) - len(stripped))
                    texts.append(label.group())
        return Lines(blocks, bases, texts)
    return view.lines("headings", make)


def scope_lines(view: View, scope: str, section_terms: tuple[str, ...]) -> Lines:
    if scope == "headings":
        return heading_lines(view)
    if scope == "plan":
        return view.lines("plan", lambda: Lines.of_blocks(view.blocks))
    if scope == "preamble":
        return view.lines("preamble", lambda: Lines.of_blocks(
            b for b in view.plan.preamble if b.kind not in ("furniture", "marker", "title")))

    def sections():
        blocks, taken = [], set()
        for section in view.plan.sections_walk():
            title = section.heading.title or section.heading.text
            if id(section.heading) not in taken and any(term in title for term in section_terms):
                inside = [b for b in section.all_blocks() if b.kind != "furniture"]
                taken.update(id(b) for b in inside)
                blocks.extend(inside)
        return Lines.of_blocks(blocks)
    return view.lines(("section", section_terms), sections)


def check(rule, view: View) -> Outcome:
    prepared: Prepared = rule.prepared
    timeout = view.config.regex_timeout
    headings = heading_lines(view)
    for start, end in prepared.heading.finditer(headings, timeout):
        return present(headings, start, end)
    lines = scope_lines(view, prepared.scope, prepared.section_terms)
    found = []
    for span in prepared.body.finditer(lines, timeout):
        found.append(span)
        if len(found) >= prepared.min_count:
            return present(lines, *found[0])
    return Outcome(hits=[plan_start(view)])


def present(lines: Lines, start: int, end: int) -> Outcome:
    """An outcome recording where the element was found, with a short excerpt around it."""
    line_start, line_end = lines.line_bounds(start)
    left = max(line_start, min(start - 10, line_end - _EVIDENCE_WIDTH))
    right = min(line_end, left + _EVIDENCE_WIDTH)
    excerpt_start, excerpt_end = lines.span(left, right)
    return Outcome(evidence=Evidence(at=lines.span(start, end)[0], start=excerpt_start, end=excerpt_end))
