"""The Lark parser for grammar/plan.lark and its post-lexer.

The lexer yields one token per line (its value runs on over the line break and the next
line's indentation; the builder cuts it back). The post-lexer then
- splits a line where items, points or month keys run on inside it: the SPLIT_* terminals
  are searched once over the whole text and each line takes the cut points inside it;
- gives markdown headings without a number their level from the count of ``#``;
- applies Word heading styles (Heading 1-4) recorded by the reader.

The parser is built once per process. A pre-generated standalone parser
(checker/_plan_parser.py, made by ``python -m checker.grammar``) is used when it matches
the grammar file, so a run does not pay for importing Lark and building LALR tables.
Should the parser ever reject a draft (the grammar is meant to accept every line
sequence), the draft is read as plain paragraphs instead of failing.
"""
from __future__ import annotations

import hashlib
import re
import sys
from bisect import bisect_right
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
# A split point found by SPLIT_<X> starts a line of class <X>; where two find the same
# point, the later one here wins (a month key over an item number: "。7、8月：…").
_SPLIT_TYPES = {"SPLIT_H3": "H3", "SPLIT_POINT": "POINT", "SPLIT_MONTH": "MONTH"}
_SPLITTABLE = frozenset({"TEXT", "H1", "H2", "H3", "H4", "H5", "POINT", "BARE", "MONTH", "MONTH_H3", "MONTH_H4"})
_STYLEABLE = frozenset({"TEXT", "BARE", "POINT", "MD_HEADING"})   # a title keeps being a title
_CUT_SKIP = "。;!?,: \t"   # leading characters of a split match that stay with the previous piece
_LINE_END = " \t\n"


def line_text(value: str) -> str:
    """A line token's own text: without the line break and blanks it runs on over."""
    newline = value.find("\n")
    return (value if newline < 0 else value[:newline]).rstrip(" \t")


class PlanPostLex:
    """Post-lexer: split run-on lines, level markdown and Word-styled headings."""

    always_accept = PART_TERMINALS

    def __init__(self):
        self.heading_levels: Mapping[int, int] = {}
        self.cut_offsets: list[int] = []          # sorted start offsets of run-on pieces
        self.cut_kinds: list[str] = []            # the line class each of them starts
        self.inline_starts: set[int] = set()      # start offsets of tokens made by a split

    def process(self, stream: Iterator) -> Iterator:
        offsets = self.cut_offsets
        for token in stream:
            if token.type in _STYLEABLE:
                token = self._restyle(token)
            if token.type in _SPLITTABLE and offsets:
                first = bisect_right(offsets, token.start_pos)
                if first < len(offsets) and offsets[first] < token.start_pos + len(token):
                    yield from self._split(token, first)
                    continue
            yield token

    def _restyle(self, token):
        level = self.heading_levels.get(token.line - 1)
        if level:
            return _piece(token, f"H{min(level, 4)}", token.value, 0)
        if token.type == "MD_HEADING":
            hashes = len(token) - len(token.lstrip("#"))
            return _piece(token, "TITLE" if hashes == 1 else f"H{min(hashes - 1, 4)}", token.value, 0)
        return token

    def _split(self, token, first: int):
        end = token.start_pos + len(token)
        bounds = [(token.start_pos, token.type)]
        index = first
        while index < len(self.cut_offsets) and self.cut_offsets[index] < end:
            bounds.append((self.cut_offsets[index], self.cut_kinds[index]))
            index += 1
        for number, (start, kind) in enumerate(bounds):
            stop = bounds[number + 1][0] if number + 1 < len(bounds) else end
            offset = start - token.start_pos
            piece = token.value[offset:stop - token.start_pos].rstrip(_LINE_END)
            if number:
                self.inline_starts.add(start)
            yield _piece(token, kind, piece, offset)


def _piece(token, kind: str, value: str, offset: int):
    """A token of ``kind`` for ``value`` found ``offset`` characters into ``token``."""
    return type(token)(kind, value, token.start_pos + offset, token.line, token.column + offset,
                       token.line, token.column + offset + len(value), token.start_pos + offset + len(value))


class Parser:
    """A parser for the plan grammar plus compiled patterns of its building blocks."""

    def __init__(self, lark_parser, postlex: PlanPostLex, module):
        self._lark = lark_parser
        self._module = module           # lark, or the standalone module: Tree, Token, LarkError
        self.postlex = postlex
        terminals = {t.name: t for t in lark_parser.terminals}
        self.patterns = {name: re.compile(terminals[name].pattern.to_regexp()) for name in PART_TERMINALS}
        self._splits = [(self.patterns[name], kind) for name, kind in _SPLIT_TYPES.items()]

    def cuts(self, text: str) -> dict[int, str]:
        """Start offsets of run-on pieces in ``text`` and the line class each starts."""
        found = {}
        for pattern, kind in self._splits:
            for match in pattern.finditer(text):
                piece = match.group()
                found[match.start() + len(piece) - len(piece.lstrip(_CUT_SKIP))] = kind
        return found

    def parse(self, text: str, heading_levels: Mapping[int, int] | None = None):
        """Parse normalised ``text``; returns (tree, start offsets of run-on pieces)."""
        postlex = self.postlex
        cuts = self.cuts(text)
        postlex.cut_offsets = sorted(cuts)
        postlex.cut_kinds = [cuts[offset] for offset in postlex.cut_offsets]
        postlex.heading_levels = heading_levels or {}
        postlex.inline_starts = set()
        try:
            return self._lark.parse(text), postlex.inline_starts
        except self._module.LarkError:
            return self._paragraphs(text), set()

    def _paragraphs(self, text: str):
        """The fallback tree: one plan of plain text lines."""
        token_cls = self._module.Token
        tokens = []
        line_start = 0
        for number, line in enumerate(text.split("\n"), start=1):
            stripped = line.strip(" \t")
            if stripped:
                column = len(line) - len(line.lstrip(" \t")) + 1
                start = line_start + column - 1
                tokens.append(token_cls("TEXT", stripped, start, number, column,
                                        number, column + len(stripped), start + len(stripped)))
            line_start += len(line) + 1
        tree_cls = self._module.Tree
        return tree_cls("start", [tree_cls("lead", tokens)])


def grammar_text() -> str:
    return data_path("grammar", GRAMMAR_FILE).read_text(encoding="utf-8")


def grammar_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build_with_lark(text: str, postlex: PlanPostLex, **options):
    """The Lark parser for grammar ``text`` (LALR, basic lexer)."""
    import lark

    return lark.Lark(text, parser="lalr", lexer="basic", postlex=postlex,
                     propagate_positions=False, maybe_placeholders=False, **options)


def standalone_module():
    """checker._plan_parser when it was generated from the current grammar, else None."""
    try:
        from checker import _plan_parser as standalone
    except ImportError:
        return None
    return standalone if getattr(standalone, "GRAMMAR_HASH", None) == grammar_hash(grammar_text()) else None


@lru_cache(maxsize=1)
def get_parser() -> Parser:
    """The process-wide parser: the standalone tables when current, else built by Lark."""
    postlex = PlanPostLex()
    standalone = standalone_module()
    if standalone is not None:
        return Parser(standalone.Lark_StandAlone(postlex=postlex), postlex, standalone)
    import lark

    return Parser(build_with_lark(grammar_text(), postlex), postlex, lark)


def generate_standalone(target: Path) -> None:
    """Write the standalone parser module for the current grammar to ``target``."""
    from lark.tools.standalone import gen_standalone

    text = grammar_text()
    lark_parser = build_with_lark(text, PlanPostLex())   # the post-lexer keeps PART_TERMINALS …
    lark_parser.options.postlex = None                   # … and is given again when loading
    with open(target, "w", encoding="utf-8") as out:
        out.write("# Generated by `python -m checker.grammar` from grammar/plan.lark: do not edit.\n")
        out.write("# flake8: noqa\n")
        gen_standalone(lark_parser, out=out, compress=True)
        out.write(f"\nGRAMMAR_HASH = {grammar_hash(text)!r}\n")


if __name__ == "__main__":
    destination = Path(__file__).with_name("_plan_parser.py")
    generate_standalone(destination)
    print(f"wrote {destination}", file=sys.stderr)
