"""Rule kinds: one module per kind, registered here by the name rule files use.

Each module declares PARAMETERS (name, type, default, description; validated when a
rule file is loaded), FIELDS (message placeholders) and FILE_LEVEL, and defines
``prepare(params, rule_id, trusted)`` and ``check(rule, view) -> Outcome``
(see checker/kinds/base.py). A new kind = a new module + one line below.
"""
from __future__ import annotations

from checker.kinds import duplicate, forbid, numbering, plan_kind, require, schedule, year

KINDS = {
    "require": require,      # an element must be present (指导思想, 维权, 经审, 女职工工作 …)
    "schedule": schedule,    # the month-by-month schedule: presence, coverage, order
    "forbid": forbid,        # text that must not appear (template residue, web boilerplate)
    "numbering": numbering,  # heading numbers run 1, 2, 3 in one style
    "kind": plan_kind,       # the text reads as a plan, not a summary
    "year": year,            # years in the text agree with the plan's year
    "duplicate": duplicate,  # copied from another submission or a template site (batches)
}
