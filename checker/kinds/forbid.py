"""Kind ``forbid``: text that must not appear (template residue, web boilerplate).

One finding at each occurrence of ``terms`` / ``patterns`` in the plan, unless an
``exclude`` pattern overlaps it. With ``include_furniture`` the web-page furniture the
parser set aside (breadcrumbs, 小编 intros, 相关文章 lists) is searched too, also
outside every plan (file-level findings). Messages may use ``{match}``.
"""
from __future__ import annotations

from checker.i18n import T
from checker.kinds.base import Hit, Lines, Outcome, Param, ParamError, View
from checker.matcher import Matcher

PARAMETERS = (
    Param("terms", "terms", [], "Words that must not appear."),
    Param("patterns", "patterns", [], "Regular expressions that must not match."),
    Param("exclude", "patterns", [], "Patterns that excuse an occurrence they overlap."),
    Param("check_boundaries", "bool", False, "Check word boundaries for every term, not only flagged ones."),
    Param("include_furniture", "bool", False, "Also search web-page furniture, inside and outside plans."),
)
FIELDS = ("match",)
FILE_LEVEL = True


class Prepared:
    """The compiled matchers and settings of one rule of this kind."""

    def __init__(self, params: dict, rule_id: str, trusted: bool):
        if not (params["terms"] or params["patterns"]):
            raise ParamError("terms", T("forbid 规则至少需要 terms 或 patterns",
                                        "a forbid rule needs terms or patterns"))
        self.matcher = Matcher(rule_id, terms=params["terms"], patterns=params["patterns"],
                               exclude=params["exclude"], check_boundaries=params["check_boundaries"],
                               trusted=trusted)
        self.include_furniture = params["include_furniture"]


def prepare(params: dict, rule_id: str, trusted: bool) -> Prepared:
    return Prepared(params, rule_id, trusted)


def check(rule, view: View) -> Outcome:
    prepared: Prepared = rule.prepared
    if prepared.include_furniture and view.furniture:
        lines = view.lines("with-furniture", lambda: Lines.of_blocks(
            sorted(view.blocks + view.furniture, key=lambda b: b.start)))
    else:
        lines = view.lines("plan", lambda: Lines.of_blocks(view.blocks))
    hits = []
    for start, end in prepared.matcher.finditer(lines, view.config.regex_timeout):
        first, last = lines.span(start, end)
        hits.append(Hit(first, last, {"match": lines.text[start:end]}))
    return Outcome(hits=hits)
