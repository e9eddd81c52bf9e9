"""The batch progress bar (Rich, on standard error): count, rate and time remaining."""
from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text

from checker.i18n import T

LABEL = T("检查中", "checking")
RATE = T("{rate:.1f} 个/秒", "{rate:.1f} files/s")


class RateColumn(ProgressColumn):
    """Files checked per second."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def render(self, task) -> Text:
        return Text(RATE.format(rate=task.speed or 0.0)(self.lang), style="progress.data.speed")


def progress_bar(total: int, lang: str) -> Progress:
    progress = Progress(TextColumn(LABEL(lang)), BarColumn(), MofNCompleteColumn(), RateColumn(lang),
                        TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    progress.add_task("check", total=total)
    return progress
