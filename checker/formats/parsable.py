"""One line per finding, for editors and grep: ``path:line:col: [severity] message (rule)``."""
from __future__ import annotations

from checker.formats import Reporter
from checker.formats.text import relative_path
from checker.model import FileResult


class ParsableReporter(Reporter):
    """Severity names stay English so the lines parse the same in every language."""

    def file(self, result: FileResult) -> None:
        path = relative_path(result.path, self.options.root)
        if result.error:
            self.write(path, 1, 1, "error", result.error, "read-error")
        for finding in result.all_findings():
            self.write(path, finding.line, finding.column, finding.severity, finding.message, finding.rule)

    def write(self, path: str, line: int, column: int, severity: str, message: str, rule: str) -> None:
        message = " ".join(message.split())
        self.out.write(f"{path}:{line}:{column}: [{severity}] {message} ({rule})\n")
