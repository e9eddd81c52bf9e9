"""Self-contained HTML report for reviewers: totals, a sortable and filterable summary table,
and the findings of every plan with the source excerpt highlighted.

CSS and JS are inline; nothing is fetched, and there is no timestamp, so output is deterministic.
"""
from __future__ import annotations

from html import escape
from string import Template

from checker import __version__
from checker.formats import Reporter
from checker.formats.summary import (
    HEADERS, NUMBER_COLUMNS, VERDICTS, SummaryRow, element_rank, format_months, join_missing,
    missing_elements, row_findings, row_values, rows_for, sort_key,
)
from checker.i18n import T
from checker.model import FileResult, Finding, Summary

SEVERITY_LABELS = {"error": T("错误", "Error"), "warning": T("警告", "Warning"), "info": T("提示", "Info")}
STATUS_RANK = {"unreadable": 0, "fail": 1, "pass": 2}
# columns sorted as numbers (the others as text); their keys are set in _row_html
SORT_AS_NUMBER = {1, 3, 4, 5, 6, 7, 8}

CSS = """
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-alt: #f6f8fa;
  --pass: #1a7f37; --fail: #cf222e; --unreadable: #8250df; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0 auto; padding: 1rem 1.5rem 3rem; max-width: 1400px; color: var(--fg);
  font: 14px/1.6 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
h1 { font-size: 1.5rem; margin: .5rem 0; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
.totals { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: 0; padding: 0; list-style: none; }
.totals b { font-size: 1.2rem; }
.generator { color: var(--muted); font-size: .85rem; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: 1rem 0 .5rem;
  padding: .75rem; background: var(--bg-alt); border: 1px solid var(--line); border-radius: 6px; }
.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
.filters input, .filters select { font: inherit; padding: .25rem .4rem; min-width: 10rem; }
#count { margin-left: auto; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { position: sticky; top: 0; background: var(--bg-alt); white-space: nowrap; }
th button { all: unset; cursor: pointer; font-weight: bold; }
th[aria-sort=ascending] button::after { content: " ▲"; }
th[aria-sort=descending] button::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:hover { background: var(--bg-alt); }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; color: #fff; white-space: nowrap; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); }
.badge.unreadable { background: var(--unreadable); }
details { border: 1px solid var(--line); border-radius: 6px; margin: .5rem 0; padding: .25rem .75rem; }
details[open] { background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
summary { cursor: pointer; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; margin: .5rem 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.findings { padding-left: 1.5rem; }
.finding { margin: .5rem 0; }
.loc { font-family: ui-monospace, monospace; color: var(--muted); }
.sev { font-weight: bold; } .error .sev { color: var(--fail); } .warning .sev { color: var(--warn); }
.info .sev { color: var(--muted); }
.rule { background: var(--bg-alt); padding: 0 .3rem; border-radius: 3px; }
.hint { color: var(--muted); }
pre.src { margin: .25rem 0; padding: .4rem .6rem; background: var(--bg-alt); border-radius: 4px;
  white-space: pre-wrap; word-break: break-all; font: inherit; }
mark { background: #fff0a0; outline: 1px solid #d4a72c; }
.reason { color: var(--unreadable); }
.top { font-size: .85rem; }
@media print { .filters, .top { display: none; } details { break-inside: avoid; } }
"""

# plain JS, no "$" so that string.Template leaves it alone
JS = """
(function () {
  "use strict";
  var table = document.getElementById("summary");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById("f-text");
  var verdict = document.getElementById("f-verdict");
  var unit = document.getElementById("f-unit");
  var missing = document.getElementById("f-missing");
  var count = document.getElementById("count");
  var lang = document.documentElement.lang;

  function matches(row) {
    var query = text.value.trim().toLowerCase();
    if (query && row.dataset.text.indexOf(query) < 0) return false;
    if (verdict.selectedIndex > 0 && row.dataset.verdict !== verdict.value) return false;
    if (unit.selectedIndex > 0 && row.dataset.unit !== unit.value) return false;
    if (missing.selectedIndex > 0 &&
        row.dataset.missing.split("|").indexOf(missing.value) < 0) return false;
    return true;
  }

  function update() {
    var shown = 0;
    rows.forEach(function (row) {
      var visible = matches(row);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = count.dataset.template
      .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
  }

  function key(row, column, numeric) {
    var cell = row.cells[column];
    var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    return numeric ? parseFloat(value) : value;
  }

  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, column) {
    th.querySelector("button").addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var numeric = th.dataset.type === "num";
      Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = key(a, column, numeric), y = key(b, column, numeric);
        var order = numeric ? x - y : x.localeCompare(y, lang);
        if (!ascending) order = -order;
        return order || a.dataset.order - b.dataset.order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });

  function openDetails(id) {
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  body.addEventListener("click", function (event) {
    var link = event.target.closest("a.go");
    if (link) openDetails(link.getAttribute("href").slice(1));
  });
  openDetails(decodeURIComponent(location.hash.slice(1)));

  [text, verdict, unit, missing].forEach(function (control) {
    control.addEventListener("input", update);
    control.addEventListener("change", update);
  });
  update();
})();
"""

PAGE = Template("""<!DOCTYPE html>
<html lang="$html_lang">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="plancheck $version">
<link rel="icon" href="data:,">
<title>$title</title>
<style>$css</style>
</head>
<body>
<header>
<h1>$title</h1>
<ul class="totals">$totals</ul>
<p class="generator">$generator</p>
</header>
<main>
<div class="filters">
<label>$l_text<input id="f-text" type="search" placeholder="$p_text"></label>
<label>$l_verdict<select id="f-verdict">$o_verdict</select></label>
<label>$l_unit<select id="f-unit">$o_unit</select></label>
<label>$l_missing<select id="f-missing">$o_missing</select></label>
<span id="count" role="status" data-template="$count_template"></span>
</div>
<table id="summary">
<thead><tr>$headers</tr></thead>
<tbody>
$rows
</tbody>
</table>
<h2>$details_title</h2>
$details
</main>
<script>$js</script>
</body>
</html>
""")


def _option(value: str, label: str) -> str:
    return f'<option value="{escape(value)}">{escape(label)}</option>'


def excerpt_html(finding: Finding) -> str:
    """The source line, escaped, with the finding's span (1-based, end exclusive) in ``<mark>``."""
    source = finding.source.rstrip("\r\n")
    start = min(max(finding.column - 1, 0), len(source))
    end = finding.end_column - 1 if finding.end_line == finding.line else len(source)
    end = min(max(end, start), len(source))
    marked = f"<mark>{escape(source[start:end])}</mark>" if end > start else ""
    return escape(source[:start]) + marked + escape(source[end:])


class HtmlReporter(Reporter):
    """Keeps one summary row, its search text and its escaped details per plan; writes at the end."""

    def __init__(self, out, options):
        super().__init__(out, options)
        self._entries: list[tuple[SummaryRow, str, str]] = []   # row, search text, details html
        self._missing_labels: dict[str, str] = {}                # element rule -> label

    def _t(self, text: T, **params) -> str:
        return text.format(**params)(self.options.lang) if params else text(self.options.lang)

    def file(self, result: FileResult) -> None:
        for plan in result.plans:
            for element in missing_elements(plan):
                self._missing_labels.setdefault(element.rule, element.label)
        for row, findings in zip(rows_for(result), row_findings(result)):
            search = " ".join(filter(None, [
                row.path, row.unit, row.plan_title, row.error,
                *(f"{finding.rule} {finding.message}" for finding in findings),
            ])).lower()
            number = len(self._entries)
            self._entries.append((row, search, self._details(number, row, findings)))

    # ------------------------------------------------------------------ details

    def _details(self, number: int, row: SummaryRow, findings: list[Finding]) -> str:
        lang = self.options.lang
        heading = [f'<span class="badge {row.status}">{escape(VERDICTS[row.status](lang))}</span>',
                   f"<b>{escape(row.path)}</b>"]
        if row.plan_index is not None:
            heading.append(escape(self._t(T("第{n}篇", "plan {n}"), n=row.plan_index)))
        heading += [escape(part) for part in (row.plan_title, row.unit) if part]
        if row.year is not None:
            heading.append(str(row.year))
        parts = [f'<details id="d{number}"><summary>{" · ".join(heading)}</summary>']
        if row.error is not None:
            parts.append(f'<p class="reason">{escape(row.error)}</p>')
        else:
            missing = join_missing(row.missing, lang) or self._t(T("无", "none"))
            parts.append(
                '<dl class="meta">'
                f"<dt>{escape(self._t(HEADERS[5]))}</dt><dd>{escape(missing)}</dd>"
                f"<dt>{escape(self._t(HEADERS[8]))}</dt><dd>{escape(format_months(row.months, lang))}</dd>"
                "</dl>")
            if findings:
                parts.append('<ol class="findings">')
                parts += [self._finding(finding) for finding in findings]
                parts.append("</ol>")
            else:
                parts.append(f"<p>{escape(self._t(T('没有发现问题。', 'No problems found.')))}</p>")
        parts.append(f'<a class="top" href="#summary">↑ {escape(self._t(T("返回汇总表", "Back to the table")))}</a>')
        parts.append("</details>")
        return "\n".join(parts)

    def _finding(self, finding: Finding) -> str:
        severity = SEVERITY_LABELS.get(finding.severity)
        parts = [
            f'<li class="finding {escape(finding.severity)}"><div>',
            f'<span class="loc">{finding.line}:{finding.column}</span> ',
            f'<span class="sev">{escape(severity(self.options.lang) if severity else finding.severity)}</span> ',
            f'<code class="rule">{escape(finding.rule)}</code> ',
            f'<span class="msg">{escape(finding.message)}</span></div>',
        ]
        if finding.hint:
            parts.append(f'<div class="hint">{escape(finding.hint)}</div>')
        if finding.source.strip():
            parts.append(f'<pre class="src">{excerpt_html(finding)}</pre>')
        parts.append("</li>")
        return "".join(parts)

    # ------------------------------------------------------------------ table

    def _row_html(self, number: int, position: int, row: SummaryRow, search: str) -> str:
        """One ``<tr>``; ``position`` (initial display order) breaks ties when sorting."""
        values = row_values(row, self.options.lang)
        sort_keys = {
            1: row.plan_index or 0,
            3: row.year or 0,
            4: STATUS_RANK[row.status],
            5: len(row.missing),
            6: row.errors,
            7: row.warnings,
            8: len(row.months),
        }
        cells = [f'<td><a class="go" href="#d{number}">{escape(values[0])}</a></td>']
        for column, value in enumerate(values[1:], start=1):
            attributes = ""
            if column in SORT_AS_NUMBER:
                attributes = f' data-sort="{sort_keys[column]}"'
            if column in NUMBER_COLUMNS:
                attributes += ' class="num"'
            if column == 1 and row.plan_title:
                attributes += f' title="{escape(row.plan_title)}"'
            if column == 4:
                value_html = f'<span class="badge {row.status}">{escape(value)}</span>'
            else:
                value_html = escape(value)
            cells.append(f"<td{attributes}>{value_html}</td>")
        return (
            f'<tr id="r{number}" data-order="{position}" data-verdict="{row.status}"'
            f' data-unit="{escape(row.unit or "")}" data-missing="{escape("|".join(row.missing))}"'
            f' data-text="{escape(search)}">{"".join(cells)}</tr>'
        )

    # ------------------------------------------------------------------ page

    def finish(self, summary: Summary) -> None:
        lang = self.options.lang
        order = sorted(range(len(self._entries)), key=lambda number: sort_key(self._entries[number][0]))
        statuses = [row.status for row, _, _ in self._entries]
        totals = [
            (T("文件", "Files"), summary.files),
            (T("计划", "Plans"), summary.plans),
            (VERDICTS["pass"], statuses.count("pass")),
            (VERDICTS["fail"], statuses.count("fail")),
            (VERDICTS["unreadable"], summary.unreadable),
            (T("错误", "Errors"), summary.errors),
            (T("警告", "Warnings"), summary.warnings),
        ]
        units = sorted({row.unit or "" for row, _, _ in self._entries})
        labels = [label for _, label in sorted(self._missing_labels.items(),
                                                key=lambda item: (element_rank(item[0]), item[0]))]
        everything = self._t(T("全部", "All"))
        colon = ": " if lang == "en" else "："
        self.out.write(PAGE.substitute(
            html_lang="en" if lang == "en" else "zh-CN",
            version=escape(self.options.tool_version or __version__),
            title=escape(self._t(T("工会工作计划审查汇总", "Trade-union work plan review"))),
            css=CSS,
            js=JS,
            totals="".join(f"<li>{escape(self._t(label))}{colon}<b>{value}</b></li>"
                           for label, value in totals),
            generator=escape(self._t(T("由 plancheck {v} 生成", "Generated by plancheck {v}"),
                                     v=self.options.tool_version or __version__)),
            l_text=escape(self._t(T("搜索", "Search"))),
            p_text=escape(self._t(T("单位、文件、标题、问题…", "unit, file, title, finding…"))),
            l_verdict=escape(self._t(HEADERS[4])),
            o_verdict=_option("", everything) + "".join(
                _option(status, text(lang)) for status, text in VERDICTS.items()),
            l_unit=escape(self._t(HEADERS[2])),
            o_unit=_option("", everything) + "".join(
                _option(unit, unit or self._t(T("（未识别）", "(unknown)"))) for unit in units),
            l_missing=escape(self._t(HEADERS[5])),
            o_missing=_option("", everything) + "".join(_option(label, label) for label in labels),
            count_template=escape(self._t(T("显示 {shown} / {total}", "Showing {shown} / {total}"))),
            headers="".join(
                f'<th data-type="{"num" if column in SORT_AS_NUMBER else "text"}">'
                f'<button type="button">{escape(header(lang))}</button></th>'
                for column, header in enumerate(HEADERS)),
            rows="\n".join(self._row_html(number, position, *self._entries[number][:2])
                           for position, number in enumerate(order)),
            details_title=escape(self._t(T("各计划详情", "Details per plan"))),
            details="\n".join(self._entries[number][2] for number in order),
        ))
