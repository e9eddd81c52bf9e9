"""The Lark parser for grammar/plan.lark and its post-lexer.

The lexer yields one token per line. The post-lexer then
- splits a line where items, points or month keys run on inside it (SPLIT_* terminals),
  turning each split into a line break of its own;
- gives markdown headings without a number their level from the count of ``#``;
- applies Word heading styles (Heading 1-4) recorded by the reader;
- ends the last line with a line break when the file does not.

The parser is built once per process. A pre-generated standalone parser
(checker/_plan_parser.py, made by ``python -m checker.grammar``) is used when it matches
the grammar file, so a run does not pay for importing Lark and building LALR tables.
"""
from __future__ import annotations

import hashlib
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Mapping

from checker.resources import data_path

GRAMMAR_FILE = "plan.lark"
# Building-block terminals the Python side reads lines with (kept in the parser by Lark
# because the post-lexer declares them).
PART_TERMINALS = (
    "MD_HEADING", "MD_MARK", "H1_NUM", "H2_NUM", "H3_NUM", "H4_NUM", "H5_NUM", "POINT_NUM",
    "MONTH_KEY", "MONTH_NUM", "RANGE_SEP", "MARKER_NUM", "SPLIT_H3", "SPLIT_POINT", "SPLIT_MONTH",
)
# A split point found by SPLIT_<X> starts a line of class <X>.
_SPLIT_TYPES = {"SPLIT_H3": "H3", "SPLIT_POINT": "POINT", "SPLIT_MONTH": "MONTH"}
_SPLITTABLE = {"TEXT", "H1", "H2", "H3", "H4", "H5", "POINT", "BARE", "MONTH", "MONTH_ITEM"}
_STYLEABLE = {"TEXT", "TITLE", "BARE", "POINT", "MD_HEADING"}


class PlanPostLex:
    """Post-lexer: split run-on lines, level markdown and Word-styled headings."""

    always_accept = PART_TERMINALS

    def __init__(self):
        self.split_re: re.Pattern | None = None   # set once the terminals are known
        self.heading_levels: Mapping[int, int] = {}
        self.inline_starts: set[int] = set()      # start offsets of tokens made by a split

    def process(self, stream: Iterator) -> Iterator:
        token = None
        for token in stream:
            if token.type in _STYLEABLE:
                token = self._restyle(token)
            if token.type in _SPLITTABLE and self.split_re is not None:
                yield from self._split(token)
            else:
                yield token
        if token is not None and token.type != "_NL":  # the last line has no line break
            yield _piece(token, "_NL", "", len(token.value))

    def _restyle(self, token):
        level = self.heading_levels.get(token.line - 1)
        if level:
            return _retyped(token, f"H{min(level, 4)}")
        if token.type == "MD_HEADING":
            hashes = len(token) - len(token.lstrip("#"))
            return _retyped(token, "TITLE" if hashes == 1 else f"H{min(hashes - 1, 4)}")
        return token

    def _split(self, token):
        cuts = [(m.start(), m.lastgroup) for m in self.split_re.finditer(token.value) if m.start() > 0]
        if not cuts:
            yield token
            return
        bounds = [(0, token.type)] + [(start + _leading_space(token.value, start), _SPLIT_TYPES[group])
                                      for start, group in cuts]
        for index, (start, kind) in enumerate(bounds):
            end = bounds[index + 1][0] if index + 1 < len(bounds) else len(token.value)
            piece = token.value[start:end].rstrip(" \t")
            if not piece:
                continue
            if index:
                yield _piece(token, "_NL", "", start)
                self.inline_starts.add(token.start_pos + start)
            yield _piece(token, kind, piece, start)


def _leading_space(text: str, start: int) -> int:
    return len(text[start:]) - len(text[start:].lstrip(" \t"))


def _retyped(token, kind: str):
    return _piece(token, kind, token.value, 0)


def _piece(token, kind: str, value: str, offset: int):
    """A token of ``kind`` for ``value`` found ``offset`` characters into ``token``."""
    cls = type(token)
    return cls(kind, value, token.start_pos + offset, token.line, token.column + offset,
               token.line, token.column + offset + len(value), token.start_pos + offset + len(value))


class Parser:
    """A parser for the plan grammar plus compiled patterns of its building blocks."""

    def __init__(self, lark_parser, postlex: PlanPostLex):
        self._lark = lark_parser
        self.postlex = postlex
        terminals = {t.name: t for t in lark_parser.terminals}
        self.patterns = {name: re.compile(terminals[name].pattern.to_regexp()) for name in PART_TERMINALS}
        postlex.split_re = re.compile("|".join(
            f"(?P<{name}>{terminals[name].pattern.to_regexp()})" for name in _SPLIT_TYPES))

    def parse(self, text: str, heading_levels: Mapping[int, int] | None = None):
        """Parse normalised ``text``; returns (lark tree, start offsets of run-on pieces)."""
        self.postlex.heading_levels = heading_levels or {}
        self.postlex.inline_starts = set()
        tree = self._lark.parse(text)
        return tree, self.postlex.inline_starts


def grammar_text() -> str:
    return data_path("grammar", GRAMMAR_FILE).read_text(encoding="utf-8")


def grammar_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _build_with_lark(text: str, postlex: PlanPostLex):
    import lark

    return lark.Lark(text, parser="lalr", lexer="basic", postlex=postlex,
                     propagate_positions=False, maybe_placeholders=False)


@lru_cache(maxsize=1)
def get_parser() -> Parser:
    """The process-wide parser: the standalone tables when current, else built by Lark."""
    text = grammar_text()
    postlex = PlanPostLex()
    try:
        from checker import _plan_parser as standalone
    except ImportError:
        standalone = None
    if standalone is not None and getattr(standalone, "GRAMMAR_HASH", None) == grammar_hash(text):
        return Parser(standalone.Lark_StandAlone(postlex=postlex), postlex)
    return Parser(_build_with_lark(text, postlex), postlex)


def generate_standalone(target: Path) -> None:
    """Write the standalone parser module for the current grammar to ``target``."""
    from lark.tools.standalone import gen_standalone

    text = grammar_text()
    lark_parser = _build_with_lark(text, PlanPostLex())
    with open(target, "w", encoding="utf-8") as out:
        out.write("# Generated by `python -m checker.grammar` from grammar/plan.lark: do not edit.\n")
        out.write("# flake8: noqa\n")
        gen_standalone(lark_parser, out=out, compress=True)
        out.write(f"\nGRAMMAR_HASH = {grammar_hash(text)!r}\n")


if __name__ == "__main__":
    destination = Path(__file__).with_name("_plan_parser.py")
    generate_standalone(destination)
    print(f"wrote {destination}", file=sys.stderr)
