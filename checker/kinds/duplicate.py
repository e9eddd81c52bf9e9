"""Kind ``duplicate``: a submission copied from another one in the batch, or from a template site.

Per plan, this module flags text that comes from a template-site collection: web-page
furniture (小编, 相关文章 …) or a 篇 collection marker. Near-copies between files need the
whole batch: the command line compares the files' MinHash signatures as results arrive
(checker/duplicates.py) and reports them under this rule with ``{reason}`` naming the
other file and the share of shared text. Runs only when a batch holds several files.
"""
from __future__ import annotations

from checker.i18n import T
from checker.kinds.base import Outcome, Param, View, first_line, plan_start

PARAMETERS = (
    Param("threshold", "number", 0.6, "Share of clauses two submissions must have in common.", minimum=0.1),
    Param("template_sites", "bool", True, "Flag plans that carry template-site furniture or collection markers."),
)
FIELDS = ("reason",)
FILE_LEVEL = False

TEMPLATE_REASON = T("含有范文网站合集的内容（“{text}”）", "it holds text from a template-site collection (“{text}”)")
COPY_REASON = T("与 {other} 有约 {share}% 的文本相同", "about {share}% of its text is the same as {other}")


def prepare(params: dict, rule_id: str, trusted: bool) -> dict:
    return params


def check(rule, view: View) -> Outcome:
    if not (view.config.batch and rule.prepared["template_sites"]):
        return Outcome()
    inside = view.plan.marker or next(iter(view.furniture), None)
    source = inside or next(iter(view.document.furniture), None)   # furniture around the plan
    if source is None:
        return Outcome()
    excerpt = source.text if len(source.text) <= 20 else source.text[:20] + "…"
    reason = TEMPLATE_REASON.format(text=excerpt)
    return Outcome(hits=[first_line(inside, reason=reason) if inside else plan_start(view, reason=reason)])
