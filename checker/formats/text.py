"""Terminal reports: ``rich`` (colour, via Rich) and ``plain`` (the same text, no markup).

Both share one layout: :func:`file_lines` turns a result into lines of ``(text, style)``
pieces; the plain reporter joins the texts, the rich one styles them. This module also
holds the small helpers the other formats share (paths, plan names, severities). Rich is
imported only when a Rich console is needed, so ``plain`` never loads it unless the
summary table is asked for.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, TextIO

from checker.formats import Reporter, ReportOptions
from checker.formats.summary import SummaryRow, format_months, rows_for, sort_rows, summary_table
from checker.i18n import T
from checker.model import Element, FileResult, Finding, PlanResult, Summary

Piece = tuple[str, str]   # (text, Rich style; "" for none)
Line = list[Piece]

SEVERITY_LABELS = {
    "error": T("错误", "error"),
    "warning": T("警告", "warning"),
    "info": T("提示", "info"),
}
SEVERITY_STYLES = {"error": "red", "warning": "yellow", "info": "blue"}
HINT_LABEL = T("提示：", "hint: ")
CONTROLS = dict.fromkeys([*range(0x20), 0x7F], "\ufffd")   # would drive the terminal
_ANY_CONTROL = re.compile("[" + "".join(map(re.escape, map(chr, CONTROLS))) + "]")
GUTTER = "    │ "


# --------------------------------------------------------------------------- shared helpers

def path_under(path: str, root: Path) -> str | None:
    """``path`` relative to ``root`` with forward slashes, or None when outside it."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return None


def relative_path(path: str, root: Path) -> str:
    """``path`` relative to ``root`` when inside it, else as given; forward slashes."""
    return path_under(path, root) or Path(path).as_posix()


def plan_name(index: int, lang: str) -> str:
    """``篇1`` / ``Plan 1``."""
    return T("篇{n}", "Plan {n}").format(n=index)(lang)


def message_with_hint(finding: Finding, lang: str) -> str:
    """The message, then ``提示：hint`` on a new line when the finding has a hint."""
    if not finding.hint:
        return finding.message
    return f"{finding.message}\n{HINT_LABEL(lang)}{finding.hint}"


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: wide (CJK) characters count 2, combining marks 0."""
    return len(text) if text.isascii() else sum(map(_char_width, text))


@lru_cache(maxsize=8192)
def _char_width(char: str) -> int:
    return 0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1


# --------------------------------------------------------------------------- layout

def plan_heading(plan: PlanResult, lang: str) -> str:
    """``篇1 《title》 第14–35行`` / ``Plan 1 “title” lines 14–35``."""
    parts = [plan_name(plan.index, lang)]
    if plan.title:
        parts.append(T("《{t}》", "“{t}”").format(t=plan.title)(lang))
    if plan.start_line == plan.end_line:
        parts.append(T("第{a}行", "line {a}").format(a=plan.start_line)(lang))
    else:
        parts.append(T("第{a}–{b}行", "lines {a}–{b}").format(a=plan.start_line, b=plan.end_line)(lang))
    return " ".join(parts)


def finding_lines(finding: Finding, location_width: int, lang: str) -> Iterator[Line]:
    """The finding's header, its source line with the span marked, and its hint."""
    style = SEVERITY_STYLES[finding.severity]
    label = SEVERITY_LABELS[finding.severity](lang)
    location = f"{finding.line}:{finding.column}"
    yield [
        ("  " + location.ljust(location_width) + "  ", "bold"),
        (label.ljust(7) if lang == "en" else label, f"bold {style}"),
        ("  " + finding.rule, "magenta"),
        ("  " + finding.message, ""),
    ]
    source = finding.source.rstrip("\r\n").replace("\t", " ")
    if source:
        if finding.end_line == finding.line:
            start = max(finding.column - 1, 0)
            end = max(finding.end_column - 1, start)
            before, span, after = source[:start], source[start:end], source[end:]
            yield [(GUTTER, "dim"), (before, ""), (span, f"bold underline {style}"), (after, "")]
            yield [(GUTTER, "dim"), (" " * cell_width(before), ""), ("^" * max(cell_width(span), 1), style)]
        else:
            yield [(GUTTER, "dim"), (source, "")]
    if finding.hint:
        yield [(GUTTER.replace("│", " "), ""), (HINT_LABEL(lang) + finding.hint, "green")]


def findings_lines(findings: list[Finding], lang: str) -> Iterator[Line]:
    """Several findings, their ``line:col`` padded to a common width."""
    width = max((len(f"{f.line}:{f.column}") for f in findings), default=0)
    for finding in findings:
        yield from finding_lines(finding, width, lang)


def element_line(element: Element, lang: str) -> Line:
    """``✔ 指导思想 第3行`` / ``✘ 经费审查 缺失``."""
    if not element.present:
        return [("      ✘ ", "red"), (element.label + T(" 缺失", " missing")(lang), "")]
    where = T(" 第{n}行", " line {n}").format(n=element.line)(lang) if element.line else ""
    return [("      ✔ ", "green"), (element.label + where, "")]


def file_lines(result: FileResult, options: ReportOptions) -> Iterator[Line]:
    """Everything shown for one file."""
    lang = options.lang
    path = relative_path(result.path, options.root)
    if result.error:
        yield [(path, "bold"), (": ", ""), (result.error, "red")]
        return
    yield [(path, "bold")]
    yield from findings_lines(result.findings, lang)
    for plan in result.plans:
        yield [("  " + plan_heading(plan, lang), "bold cyan")]
        yield from ([("  ", "")] + line for line in findings_lines(plan.findings, lang))
        if plan.elements:
            yield [("    " + T("要素：", "Elements:")(lang), "bold")]
            yield from (element_line(element, lang) for element in plan.elements)
        months = format_months(plan.schedule_months, lang)
        yield [("    " + T("月度安排覆盖：", "Monthly schedule covers: ")(lang), "bold"), (months, "")]


def summary_line(summary: Summary, lang: str) -> Line:
    """``共检查 3 个文件、9 份计划：错误 4，警告 7，提示 1``."""
    if lang == "en":
        text = (
            f"Checked {summary.files} file{'s' * (summary.files != 1)}, "
            f"{summary.plans} plan{'s' * (summary.plans != 1)}: "
            f"{summary.errors} error{'s' * (summary.errors != 1)}, "
            f"{summary.warnings} warning{'s' * (summary.warnings != 1)}, {summary.infos} info"
        )
        unreadable = f", {summary.unreadable} unreadable"
    else:
        text = (
            f"共检查 {summary.files} 个文件、{summary.plans} 份计划："
            f"错误 {summary.errors}，警告 {summary.warnings}，提示 {summary.infos}"
        )
        unreadable = f"，无法读取 {summary.unreadable}"
    style = "bold red" if summary.errors or summary.unreadable else "bold"
    return [(text + (unreadable if summary.unreadable else ""), style)]


# --------------------------------------------------------------------------- reporters

def make_console(out: TextIO, color: bool):
    """A Rich console on ``out``; no ANSI codes at all unless ``color``. Written to a pipe or
    file, tables get the width their content needs instead of an assumed 80 columns."""
    from rich.console import Console

    to_terminal = hasattr(out, "isatty") and out.isatty()
    return Console(
        file=out,
        width=None if to_terminal else 1000,
        color_system="auto" if color else None,
        force_terminal=True if color else None,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
    )


def neutralised(text: str) -> str:
    """``text`` with control characters (which would drive the terminal) replaced."""
    return text.translate(CONTROLS) if _ANY_CONTROL.search(text) else text


def line_pieces(lines: Iterable[Line]) -> Iterator[Piece]:
    """The pieces of ``lines``, control characters neutralised, a newline after each line."""
    for line in lines:
        for text, style in line:
            yield neutralised(text), style
        yield "\n", ""


class _TextReporter(Reporter):
    """The shared layout; subclasses say how lines are written (one call per file)."""

    def __init__(self, out: TextIO, options: ReportOptions):
        super().__init__(out, options)
        self.rows: list[SummaryRow] = []

    def write(self, lines: Iterable[Line]) -> None:
        raise NotImplementedError

    def file(self, result: FileResult) -> None:
        self.write(file_lines(result, self.options))
        if self.options.summary:
            self.rows.extend(rows_for(replace(result, path=relative_path(result.path, self.options.root))))

    def finish(self, summary: Summary) -> None:
        if self.options.summary:
            self.console().print(summary_table(sort_rows(self.rows), self.options.lang))
        self.write([summary_line(summary, self.options.lang)])

    def console(self):
        """The Rich console the summary table is printed on."""
        return make_console(self.out, False)


class PlainReporter(_TextReporter):
    """No colour, no markup: plain lines of text."""

    def write(self, lines: Iterable[Line]) -> None:
        self.out.write("".join([neutralised("".join([text for text, _ in line])) + "\n" for line in lines]))


class RichReporter(_TextReporter):
    """Coloured when ``options.color``; otherwise the same text as ``plain``.

    Pieces are rendered with ``Style.render`` rather than ``Console.print``, which is
    about ten times slower per file; the console still picks the colour system.
    """

    def __init__(self, out: TextIO, options: ReportOptions):
        super().__init__(out, options)
        from rich.console import COLOR_SYSTEMS
        from rich.style import Style

        self._console = make_console(out, options.color)
        self._color_system = COLOR_SYSTEMS.get(self._console.color_system or "")
        self._parse = Style.parse   # cached by Rich

    def console(self):
        return self._console

    def write(self, lines: Iterable[Line]) -> None:
        system = self._color_system
        self.out.write("".join(
            self._parse(style).render(text, color_system=system) for text, style in line_pieces(lines)
        ))
