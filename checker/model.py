"""The data every stage passes on: a parsed document's structure and the check results.

Offsets (``start``/``end``) are positions in the *normalised* text (see normalize.py);
``Document.location`` turns them into 1-based line/column of the original file.
Result objects hold only plain values so they pickle across worker processes.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from checker.normalize import NormText

SEVERITIES = ("error", "warning", "info")  # most severe first


# --------------------------------------------------------------------------- structure

@dataclass(slots=True)
class Block:
    """One logical line of a draft: a heading, a paragraph, a schedule entry, furniture …

    ``text`` is normalised (half-width, Simplified) and is what rules match against.
    A paragraph that a page break split over several lines is one block; ``pieces``
    then lists ``(norm_start, length)`` of each part so offsets map back exactly.
    """

    kind: str                    # title | marker | heading | item | text | schedule | furniture
    text: str
    start: int
    end: int
    level: int | None = None     # heading/item level 1-5
    number: int | None = None    # value of the heading number (三 -> 3); None when bare
    style: str | None = None     # numbering style: "一、" "(一)" "1." "1、" "(1)" "⑴" "①" "第一部分" "#" "bare" "一是" …
    title: str | None = None     # heading text without its number, cut at a short "label："
    months: tuple[int, ...] = ()  # schedule entries: months covered, calendar numbers 1-12
    pieces: tuple[tuple[int, int], ...] = ()

    def offset(self, index: int) -> int:
        """Normalised-text offset of ``self.text[index]``."""
        if not self.pieces:
            return self.start + index
        for piece_start, length in self.pieces:
            if index < length:
                return piece_start + index
            index -= length
        last_start, last_length = self.pieces[-1]
        return last_start + last_length + index


@dataclass(slots=True)
class Section:
    """A heading with the blocks under it and its sub-sections."""

    heading: Block
    blocks: list[Block] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)

    def walk(self) -> Iterator["Section"]:
        """This section and every one below it, in document order."""
        return _walk([self])

    def all_blocks(self) -> Iterator[Block]:
        """The heading, then every block below it in document order."""
        yield self.heading
        for block in self.blocks:
            yield block
        for child in self.children:
            yield from child.all_blocks()


def _walk(sections: list[Section]) -> Iterator[Section]:
    """Sections and their descendants in document order (a stack, not nested generators)."""
    pending = sections[::-1]
    while pending:
        section = pending.pop()
        yield section
        pending += section.children[::-1]


@dataclass(slots=True)
class Plan:
    """One plan of a file (a collection file holds several)."""

    index: int                          # 1-based
    title: str | None
    start: int
    end: int
    blocks: list[Block]                 # every block in document order
    sections: list[Section]             # top-level sections
    preamble: list[Block] = field(default_factory=list)  # blocks before the first heading
    marker: Block | None = None         # the collection marker that opened it

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    @property
    def schedule(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "schedule"]

    @property
    def content(self) -> list[Block]:
        """Blocks that belong to the plan proper (no web furniture)."""
        return [b for b in self.blocks if b.kind != "furniture"]

    def sections_walk(self) -> Iterator[Section]:
        return _walk(self.sections)


@dataclass(slots=True)
class Document:
    """A read and parsed draft."""

    path: str
    format: str                 # txt | md | docx
    encoding: str | None
    text: str                   # the decoded original
    norm: "NormText"            # normalised text with the map back to ``text``
    plans: list[Plan]
    furniture: list[Block]      # web-page furniture outside every plan

    def location(self, offset: int, end: bool = False) -> tuple[int, int]:
        """1-based (line, column) in the original of normalised offset ``offset``;
        ``end=True`` for an exclusive end position (it stays before removed characters)."""
        return self.norm.location(offset, end=end)


# --------------------------------------------------------------------------- results

def _pickled_as_fields(cls):
    """Pickle instances as their class and field values, which a batch's workers send for
    every finding: the state methods dataclass gives a slotted class look up its fields for
    each object, several times slower."""
    values = attrgetter(*(item.name for item in fields(cls)))
    cls.__reduce__ = lambda self: (cls, values(self))
    return cls


@_pickled_as_fields
@dataclass(slots=True)
class Finding:
    """One reported problem. Lines and columns are 1-based; ``end_column`` is exclusive."""

    rule: str
    severity: str
    message: str
    hint: str
    line: int
    column: int
    end_line: int
    end_column: int
    source: str = ""            # the original line the finding starts on


@_pickled_as_fields
@dataclass(slots=True)
class Element:
    """A required element in a plan's checklist: present (with where) or missing."""

    rule: str
    label: str                  # e.g. 指导思想 / guiding ideology
    present: bool
    line: int | None = None
    column: int | None = None
    evidence: str = ""


@_pickled_as_fields
@dataclass(slots=True)
class PlanResult:
    index: int
    title: str | None
    start_line: int
    end_line: int
    schedule_months: list[int] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)
    unit: str | None = None     # submitting unit, read from the title
    year: int | None = None     # plan year, read from the title


@_pickled_as_fields
@dataclass(slots=True)
class FileResult:
    path: str
    format: str | None = None
    encoding: str | None = None
    error: str | None = None    # why the file could not be checked (rendered message)
    plans: list[PlanResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)   # outside every plan (furniture)
    signature: object = None    # batch runs: the MinHash for duplicate detection (not reported)

    def all_findings(self) -> Iterator[Finding]:
        yield from self.findings
        for plan in self.plans:
            yield from plan.findings



@dataclass(slots=True)
class RuleInfo:
    """What a report needs to know of a rule (SARIF driver, JUnit, ``explain``); text is rendered."""

    id: str
    kind: str
    severity: str
    message: str                # short description
    description: str            # full description
    hint: str                   # how to fix it, with an example phrasing


@dataclass(slots=True)
class Summary:
    """Totals over a run, filled file by file."""

    files: int = 0
    plans: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    unreadable: int = 0

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.plans += len(result.plans)
        if result.error:
            self.unreadable += 1
        for finding in result.all_findings():
            if finding.severity == "error":
                self.errors += 1
            elif finding.severity == "warning":
                self.warnings += 1
            else:
                self.infos += 1
