"""The pipeline in one screen: read → normalise → parse → check → report.

``load`` and ``parse`` give the parsed document; ``check_file`` runs the rules on it and
returns a picklable :class:`~checker.model.FileResult` (what workers send back).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from checker.model import Document, FileResult

if TYPE_CHECKING:
    from checker.config import Config


def parse(text: str, *, path: str = "<text>", format: str = "txt", encoding: str | None = None,
          heading_levels: Mapping[int, int] | None = None) -> Document:
    """Normalise and parse text already in memory."""
    from checker.grammar import get_parser
    from checker.normalize import normalize
    from checker.structure import Builder

    norm = normalize(text)
    parser = get_parser()
    tree, inline_starts = parser.parse(norm.text, heading_levels)
    plans, furniture = Builder(parser.patterns, inline_starts).plans(tree)
    return Document(path=path, format=format, encoding=encoding, text=text, norm=norm,
                    plans=plans, furniture=furniture)


def load(path) -> Document:
    """Read a draft (.txt, .md, .docx or "-" for standard input) and parse it.

    Raises :class:`checker.reading.ReadError` for a file that cannot be read.
    """
    from checker.reading import read_source

    source = read_source(path)
    return parse(source.text, path=source.path, format=source.format, encoding=source.encoding,
                 heading_levels=source.heading_levels)


def check_file(path, config: "Config") -> FileResult:
    """Read, parse and check one file; an unreadable file gives a result with ``error``."""
    from checker.engine import check_document
    from checker.reading import ReadError, read_source

    try:
        source = read_source(path, max_docx_xml_bytes=config.max_docx_xml_bytes)
    except ReadError as error:
        return FileResult(path=error.path, error=error.message(config.lang))
    document = parse(source.text, path=source.path, format=source.format, encoding=source.encoding,
                      heading_levels=source.heading_levels)
    result = check_document(document, config)
    if config.batch:
        from checker.duplicates import signature
        result.signature = signature(document)
    return result
