"""CSV report: the summary rows, worst first, UTF-8 with BOM so spreadsheet programs read Chinese."""
from __future__ import annotations

import csv

from checker.formats import Reporter
from checker.formats.summary import HEADERS, SummaryRow, row_values, rows_for, sort_rows
from checker.model import FileResult, Summary

# a cell starting with one of these is a formula to spreadsheet programs
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(cell: str) -> str:
    """Neutralise spreadsheet formulas in text taken from the drafts (CSV injection)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


class CsvReporter(Reporter):
    """Collects the summary rows and writes them sorted at the end."""

    def __init__(self, out, options):
        super().__init__(out, options)
        self._rows: list[SummaryRow] = []

    def file(self, result: FileResult) -> None:
        self._rows.extend(rows_for(result))

    def finish(self, summary: Summary) -> None:
        lang = self.options.lang
        self.out.write("\ufeff")
        writer = csv.writer(self.out, lineterminator="\n")
        writer.writerow([header(lang) for header in HEADERS])
        for row in sort_rows(self._rows):
            writer.writerow([_safe(cell) for cell in row_values(row, lang)])
