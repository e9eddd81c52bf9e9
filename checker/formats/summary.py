"""One summary row per plan for reviewers: verdict, missing required elements, counts, months.

Shared by the terminal summary table, the CSV report and the HTML report.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.i18n import T
from checker.model import Element, FileResult, Finding, PlanResult

if TYPE_CHECKING:
    from rich.table import Table

# the required elements, in the order reports list them
REQUIRED_ELEMENTS = (
    "guiding-ideology",    # 指导思想
    "rights-protection",   # 维权
    "finance-audit",       # 经费审查
    "womens-work",         # 女职工工作
    "monthly-schedule",    # 月度安排
)

HEADERS = (
    T("文件", "File"),
    T("篇", "Plan"),
    T("单位", "Unit"),
    T("年度", "Year"),
    T("结论", "Verdict"),
    T("缺少的要素", "Missing elements"),
    T("错误", "Errors"),
    T("警告", "Warnings"),
    T("月度覆盖", "Months covered"),
)

VERDICTS = {
    "pass": T("合格", "Pass"),
    "fail": T("需修改", "Needs changes"),
    "unreadable": T("无法读取", "Unreadable"),
}

NUMBER_COLUMNS = frozenset({1, 3, 6, 7})   # columns of HEADERS holding plain numbers

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(slots=True)
class SummaryRow:
    """One plan of one file, or one unreadable file."""

    path: str
    plan_index: int | None
    plan_title: str | None
    unit: str | None
    year: int | None
    ok: bool                  # no error-severity finding
    missing: list[str]        # labels of missing required elements, in REQUIRED_ELEMENTS order
    errors: int
    warnings: int
    months: list[int]
    error: str | None         # why the file could not be read

    @property
    def status(self) -> str:
        """``unreadable``, ``pass`` or ``fail`` (the keys of :data:`VERDICTS`)."""
        if self.error is not None:
            return "unreadable"
        return "pass" if self.ok else "fail"


def missing_elements(plan: PlanResult) -> list[Element]:
    """The plan's missing elements, required ones in fixed order, unknown ones after."""
    missing = [element for element in plan.elements if not element.present]
    return sorted(missing, key=lambda element: element_rank(element.rule))


def element_rank(rule: str) -> int:
    """Position of an element rule in the fixed order; unknown rules come last."""
    return REQUIRED_ELEMENTS.index(rule) if rule in REQUIRED_ELEMENTS else len(REQUIRED_ELEMENTS)


def row_findings(result: FileResult) -> list[list[Finding]]:
    """The findings behind each row of :func:`rows_for`, aligned with it.

    Findings outside every plan (web furniture) count on the file's first row, so totals add up.
    """
    if result.error:
        return [[]]
    if not result.plans:
        return [list(result.findings)]
    return [(list(result.findings) if number == 0 else []) + plan.findings
            for number, plan in enumerate(result.plans)]


def rows_for(result: FileResult) -> list[SummaryRow]:
    """One row per plan; one row with the reason for an unreadable file (or one without plans)."""
    if result.error:
        return [SummaryRow(result.path, None, None, None, None, False, [], 0, 0, [], result.error)]
    plans: list[PlanResult | None] = list(result.plans) or [None]
    return [_row(result.path, plan, findings) for plan, findings in zip(plans, row_findings(result))]


def _row(path: str, plan: PlanResult | None, findings: list[Finding]) -> SummaryRow:
    errors = sum(finding.severity == "error" for finding in findings)
    warnings = sum(finding.severity == "warning" for finding in findings)
    if plan is None:
        return SummaryRow(path, None, None, None, None, errors == 0, [], errors, warnings, [], None)
    return SummaryRow(
        path=path,
        plan_index=plan.index,
        plan_title=plan.title,
        unit=plan.unit,
        year=plan.year,
        ok=errors == 0,
        missing=[element.label for element in missing_elements(plan)],
        errors=errors,
        warnings=warnings,
        months=sorted(set(plan.schedule_months)),
        error=None,
    )


def sort_key(row: SummaryRow) -> tuple:
    """Worst first: unreadable, then most missing, errors, warnings; then path and plan."""
    return (row.error is None, -len(row.missing), -row.errors, -row.warnings,
            row.path, row.plan_index or 0)


def sort_rows(rows) -> list[SummaryRow]:
    """The rows worst first (see :func:`sort_key`)."""
    return sorted(rows, key=sort_key)


def format_months(months, lang: str) -> str:
    """Months as text, runs of three or more collapsed: ``1–6、9、11月`` / ``Jan–Jun, Sep, Nov``."""
    valid = sorted({month for month in months if 1 <= month <= 12})
    if not valid:
        return T("无", "none")(lang)
    name = (lambda month: MONTH_ABBR[month - 1]) if lang == "en" else str
    runs: list[list[int]] = []
    for month in valid:
        if runs and month == runs[-1][-1] + 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{name(run[0])}–{name(run[-1])}")
        else:
            parts.extend(name(month) for month in run)
    return ", ".join(parts) if lang == "en" else "、".join(parts) + "月"


def join_missing(missing: list[str], lang: str) -> str:
    return ("; " if lang == "en" else "、").join(missing)


def row_values(row: SummaryRow, lang: str) -> list[str]:
    """The row as text cells under :data:`HEADERS`; an unreadable file shows its reason as missing."""
    verdict = VERDICTS[row.status](lang)
    plan = "" if row.plan_index is None else str(row.plan_index)
    year = "" if row.year is None else str(row.year)
    if row.error is not None:
        return [row.path, plan, row.unit or "", year, verdict, row.error, "", "", ""]
    return [
        row.path, plan, row.unit or "", year, verdict, join_missing(row.missing, lang),
        str(row.errors), str(row.warnings), format_months(row.months, lang),
    ]


_VERDICT_STYLES = {"pass": "bold green", "fail": "bold red", "unreadable": "bold magenta"}


def summary_table(rows, lang: str) -> "Table":
    """A rich table of ``rows`` in the order given (pass them through :func:`sort_rows`)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=T("审查汇总", "Review summary")(lang), title_justify="left")
    for number, header in enumerate(HEADERS):
        table.add_column(header(lang), justify="right" if number in NUMBER_COLUMNS else "left")
    for row in rows:
        cells = [Text(value) for value in row_values(row, lang)]   # Text: no markup in user data
        cells[4].stylize(_VERDICT_STYLES[row.status])
        table.add_row(*cells)
    return table
