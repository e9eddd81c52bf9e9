"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding."""
from __future__ import annotations

from checker.formats import Reporter
from checker.formats.text import message_with_hint, relative_path
from checker.model import FileResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    """``::name key=value,…::message`` with everything escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}\n"


class GithubReporter(Reporter):
    def file(self, result: FileResult) -> None:
        path = relative_path(result.path, self.options.root)
        if result.error:
            self.out.write(command("error", result.error, file=path, title="read-error"))
        for finding in result.all_findings():
            self.out.write(command(
                COMMANDS[finding.severity], message_with_hint(finding, self.options.lang),
                file=path, line=finding.line, col=finding.column,
                endLine=finding.end_line, endColumn=finding.end_column, title=finding.rule,
            ))
