"""The Lark parser for grammar/plan.lark, fed by its own line lexer.

The lexer reads one token per line as Lark's basic lexer would: the grammar's line
terminals, in Lark's priority order, make one regex (Lark's would also hold the building
blocks, never reached), and one scan of the text yields the lines. The rare line classes
(RARE_LINES) are left out of that scan and tried only on the lines that hold a word their
patterns require. A token's value runs on over the line break and the next line's
indentation; the builder cuts it back. In the same
pass, the post-lexing:
- a line is split where items, points or month keys run on inside it: the SPLIT_*
  terminals are searched once over the whole text and each line takes the cut points
  inside it;
- a markdown heading without a number gets its level from the count of ``#``;
- Word heading styles (Heading 1-4) recorded by the reader are applied.
The tokens go through Lark's LALR tables, which build Lark's tree (Parser._lalr).

The parser is built once per process. A pre-generated standalone parser
(checker/_plan_parser.py, made by ``python -m checker.grammar``) is used when it matches
the grammar file, so a run does not pay for importing Lark and building LALR tables.
Should the parser ever reject a draft (the grammar is meant to accept every line
sequence), the draft is read as plain paragraphs instead of failing.
"""
from __future__ import annotations

import re
import sys
from bisect import bisect_right
from functools import lru_cache, partial
from itertools import chain
from pathlib import Path
from typing import Iterator, Mapping, NamedTuple

from checker.prefilter import character_class, first_characters, required_words
from checker.resources import data_path, fingerprint

GRAMMAR_FILE = "plan.lark"
# Building-block terminals the builder reads lines with.
PART_TERMINALS = (
    "MD_MARK", "H1_NUM", "H2_NUM", "H3_NUM", "H4_NUM", "H5_NUM", "POINT_NUM",
    "MONTH_KEY", "MONTH_NUM", "RANGE_SEP", "MARKER_NUM",
)
# A split point found by SPLIT_<X> starts a line of class <X>. Where two find the same
# point, the one found later in the text wins: a month key (its match starts at the month)
# over an item number (its match starts at the punctuation before it): "。7、8月：…".
_SPLIT_TYPES = {"SPLIT_H3": "H3", "SPLIT_POINT": "POINT", "SPLIT_MONTH": "MONTH"}
# Line classes of rare lines (page furniture, collection markers) whose patterns would read
# every line to its end: only lines holding one of the words their patterns require (found
# in one scan of the text) are tried with them.
RARE_LINES = ("MARKER", "RELATED", "FURNITURE", "COLLECTION")
_SPLITTABLE = frozenset({"TEXT", "H1", "H2", "H3", "H4", "H5", "POINT", "BARE", "MONTH", "MONTH_H2", "MONTH_H3", "MONTH_H4"})
_STYLEABLE = frozenset({"TEXT", "BARE", "POINT", "MD_HEADING"})   # a title keeps being a title
_CUT_SKIP = "。;!?,: \t"   # leading characters of a split match that stay with the previous piece
_LINE_END = " \t\n"


def line_text(value: str) -> str:
    """A line token's own text: without the line break and blanks it runs on over."""
    newline = value.find("\n")
    return (value if newline < 0 else value[:newline]).rstrip(" \t")


class LineToken(NamedTuple):
    """One line: what Lark's LALR parser reads (``type``) and what the builder reads. Lighter
    than Lark's Token, which would also keep line and column numbers nothing here uses."""

    type: str
    value: str         # the line, running on over the line break and the next line's indentation
    start_pos: int
    end_pos: int


_END = LineToken("$END", "", 0, 0)     # what Lark's parser reads as the end of input
_new_token = partial(tuple.__new__, LineToken)   # LineToken(*fields) without its Python-level __new__


class KeepTerminals:
    """Lark's post-lexer hook, used only to make Lark keep the terminals no rule uses: the
    building blocks and MD_HEADING (which the lexer turns into a title or heading)."""

    always_accept = ("MD_HEADING", "SPLIT_CUE") + PART_TERMINALS + tuple(_SPLIT_TYPES)

    def process(self, stream: Iterator) -> Iterator:
        return stream


def _lark_order(terminal) -> tuple:
    """The order Lark's basic lexer tries terminals in."""
    return -terminal.priority, -terminal.pattern.max_width, -len(terminal.pattern.value), terminal.name


class LineLexer:
    """Lines to tokens: the grammar's line terminals (those above priority 0; the building
    blocks have 0), then the post-lexing."""

    def __init__(self, terminals):
        lines = sorted((t for t in terminals if t.priority > 0), key=_lark_order)
        sources = {t.name: t.pattern.to_regexp() for t in terminals}
        alternatives = [_guarded(t.name, sources[t.name]) for t in lines]
        # (a rare class without required words would be tried on every line)
        rare_words = {name: required_words(sources[name]) for name in RARE_LINES}
        rare = [index for index, t in enumerate(lines) if rare_words.get(t.name)]
        self._common_classes = _union(a for a, t in zip(alternatives, lines) if not rare_words.get(t.name))
        # A line holding a rare word is tried with the classes down to the last rare one; where
        # none fits, no common class above it did either, and the line keeps its common class.
        self._rare_classes = _union(alternatives[:rare[-1] + 1] if rare else [])
        words = {word for found in rare_words.values() for word in found or ()}
        words = [word for word in words if not any(other != word and other in word for other in words)]
        self._rare_words = re.compile("|".join(map(re.escape, sorted(words))) or "(?!)")   # (篇 covers 上一篇)
        # the SPLIT_* terminals in one scan, tried only where SPLIT_CUE matches (one character)
        splits = "|".join(f"(?P<{name}>{sources[name]})" for name in _SPLIT_TYPES)
        self._splits = re.compile(f"{sources['SPLIT_CUE']}(?<=(?={splits})(?s:.))")

    def lines(self, text: str) -> list[LineToken]:
        """One token per line, as Lark's basic lexer reads them (TEXT takes any line, so the
        matches cover the whole text): every line by the common classes, then the few lines
        that hold a rare class's word by the classes down to the last rare one."""
        tokens = [_new_token((match.lastgroup, match.group(), *match.span()))
                  for match in self._common_classes.finditer(text)]
        hits = [match.start() for match in self._rare_words.finditer(text)]
        if hits:
            starts = [token.start_pos for token in tokens]
            for index in {bisect_right(starts, hit) - 1 for hit in hits}:
                match = self._rare_classes.match(text, starts[index])
                if match:
                    tokens[index] = _new_token((match.lastgroup, match.group(), *match.span()))
        return tokens

    def tokens(self, text: str, heading_levels: Mapping[int, int], inline_starts: set[int]) -> list:
        """The post-lexed tokens of ``text``; adds the start of every piece split off a line
        to ``inline_starts``. Most lines need no post-lexing, so the work goes by the few
        styled lines and cut points rather than by every line."""
        tokens = self.lines(text)
        styled = _styled_starts(text, heading_levels) if heading_levels else {}
        if styled or "#" in text:
            tokens = [_restyle(token, styled) if styled or token.type == "MD_HEADING" else token
                      for token in tokens]
        cuts = self.cuts(text)
        if not cuts:
            return tokens
        starts = [token.start_pos for token in tokens]
        inside: dict[int, list[int]] = {}     # token index -> the cut points inside it
        for offset in sorted(cuts):
            index = bisect_right(starts, offset) - 1
            # (a cut at a line's start is no cut)
            if index >= 0 and starts[index] < offset and tokens[index].type in _SPLITTABLE:
                inside.setdefault(index, []).append(offset)
        if not inside:
            return tokens
        post_lexed = []
        for index, token in enumerate(tokens):
            if index in inside:
                inline_starts.update(inside[index])
                post_lexed += _split(token, [(offset, cuts[offset]) for offset in inside[index]])
            else:
                post_lexed.append(token)
        return post_lexed

    def cuts(self, text: str) -> dict[int, str]:
        """Start offsets of run-on pieces in ``text`` and the line class each starts."""
        found = {}
        for match in self._splits.finditer(text):
            piece = match.group(match.lastgroup)
            found[match.start() + len(piece) - len(piece.lstrip(_CUT_SKIP))] = _SPLIT_TYPES[match.lastgroup]
        return found


def _guarded(name: str, source: str) -> str:
    """Terminal ``name`` as an alternative of a union, named by it and opened by a lookahead
    for the characters it can begin with, which turns most lines down faster than the
    terminal's own pattern would."""
    starts = first_characters([], [source])
    return f"(?={character_class(starts)})(?P<{name}>{source})" if starts else f"(?P<{name}>{source})"


def _union(alternatives) -> re.Pattern:
    """One regex trying ``alternatives`` in order (none: a regex that never matches)."""
    return re.compile("|".join(alternatives) or "(?!)")


def _styled_starts(text: str, heading_levels: Mapping[int, int]) -> dict[int, int]:
    """Word heading levels keyed by where each styled line's text starts (after its indentation)."""
    starts = {}
    offset = 0
    for index, line in enumerate(text.split("\n")):
        if index in heading_levels:
            starts[offset + len(line) - len(line.lstrip(" \t"))] = heading_levels[index]
        offset += len(line) + 1
    return starts


def _restyle(token, styled: Mapping[int, int]):
    """A Word-styled line becomes a heading of its style's level; a markdown heading without
    a number, of its count of ``#`` (one ``#`` is the title)."""
    level = styled.get(token.start_pos)
    if level and token.type in _STYLEABLE:
        return _piece(token, f"H{min(level, 4)}", token.value, 0)
    if token.type == "MD_HEADING":
        hashes = len(token.value) - len(token.value.lstrip("#"))
        return _piece(token, "TITLE" if hashes == 1 else f"H{min(hashes - 1, 4)}", token.value, 0)
    return token


def _split(token, cuts: list[tuple[int, str]]) -> Iterator:
    """The pieces of ``token`` at ``cuts`` (offset and line class of each piece after the first)."""
    bounds = [(token.start_pos, token.type)] + cuts
    for number, (start, kind) in enumerate(bounds):
        stop = bounds[number + 1][0] if number + 1 < len(bounds) else token.end_pos
        offset = start - token.start_pos
        yield _piece(token, kind, token.value[offset:stop - token.start_pos].rstrip(_LINE_END), offset)


def _piece(token, kind: str, value: str, offset: int):
    """A token of ``kind`` for ``value`` found ``offset`` characters into ``token``."""
    start = token.start_pos + offset
    return LineToken(kind, value, start, start + len(value))


class Parser:
    """The plan grammar's LALR parser, its line lexer and compiled patterns of its building blocks."""

    def __init__(self, lark_parser, module):
        self._lark = lark_parser
        self._module = module           # lark, or the standalone module: its Tree
        terminals = {t.name: t for t in lark_parser.terminals}
        self.patterns = {name: re.compile(terminals[name].pattern.to_regexp()) for name in PART_TERMINALS}
        self.lexer = LineLexer(lark_parser.terminals)
        conf = lark_parser.parse_interactive().parser_state.parse_conf
        self._actions = _actions(conf)
        self._start_state, self._end_state = conf.start_state, conf.end_state

    def parse(self, text: str, heading_levels: Mapping[int, int] | None = None):
        """Parse normalised ``text``; returns (tree, start offsets of run-on pieces)."""
        inline_starts: set[int] = set()
        tokens = self.lexer.tokens(text, heading_levels or {}, inline_starts)
        try:
            return self._lalr(tokens), inline_starts
        except KeyError:       # a token the tables have no action for
            return self._paragraphs(text), set()

    def _lalr(self, tokens: list):
        """The tree Lark's LALR tables and tree builder make of ``tokens``: the loop of Lark's
        ``feed_token``, without its per-call set-up and the Python-level hashing and
        comparing of rules it does for every reduction (about 30% of the parse)."""
        actions, end_state = self._actions, self._end_state
        states = [self._start_state]
        values = []
        for token in chain(tokens, (_END,)):
            while True:
                action = actions[states[-1]][token.type]
                if action.__class__ is int:         # shift
                    states.append(action)
                    values.append(token)
                    break
                size, origin, build = action        # reduce
                if size:
                    children = values[-size:]
                    del states[-size:], values[-size:]
                else:
                    children = []
                value = build(children)
                state = actions[states[-1]][origin]
                if state == end_state:
                    return value
                states.append(state)
                values.append(value)

    def _paragraphs(self, text: str):
        """The fallback tree: one plan of plain text lines."""
        tokens = []
        line_start = 0
        for line in text.split("\n"):
            stripped = line.strip(" \t")
            if stripped:
                start = line_start + len(line) - len(line.lstrip(" \t"))
                tokens.append(LineToken("TEXT", stripped, start, start + len(stripped)))
            line_start += len(line) + 1
        tree_cls = self._module.Tree
        return tree_cls("start", [tree_cls("lead", tokens)])


def _actions(conf) -> dict[int, dict]:
    """Lark's parse table, per state: for each terminal or rule name, the state to shift to,
    or the reduction as (length, rule name, Lark's tree-building callback)."""
    return {
        state: {symbol: arg if isinstance(arg, int) else (len(arg.expansion), arg.origin.name, conf.callbacks[arg])
                for symbol, (_, arg) in row.items()}
        for state, row in conf.states.items()
    }


def grammar_text() -> str:
    return data_path("grammar", GRAMMAR_FILE).read_text(encoding="utf-8")


def build_with_lark(text: str, **options):
    """The Lark parser for grammar ``text`` (LALR, basic lexer)."""
    import lark

    return lark.Lark(text, parser="lalr", lexer="basic", postlex=KeepTerminals(),
                     propagate_positions=False, maybe_placeholders=False, **options)


def standalone_module():
    """checker._plan_parser when it was generated from the current grammar, else None."""
    hidden = "regex" not in sys.modules
    if hidden:      # Lark would import it to measure patterns, which the standalone never does
        sys.modules["regex"] = None
    try:
        from checker import _plan_parser as standalone
    except ImportError:
        return None
    finally:
        if hidden:
            del sys.modules["regex"]
    return standalone if getattr(standalone, "GRAMMAR_HASH", None) == fingerprint(grammar_text()) else None


@lru_cache(maxsize=1)
def get_parser() -> Parser:
    """The process-wide parser: the standalone tables when current, else built by Lark."""
    standalone = standalone_module()
    if standalone is not None:
        return Parser(standalone.Lark_StandAlone(), standalone)
    import lark

    return Parser(build_with_lark(grammar_text()), lark)


def generate_standalone(target: Path) -> None:
    """Write the standalone parser module for the current grammar to ``target``."""
    from lark.tools.standalone import gen_standalone

    text = grammar_text()
    lark_parser = build_with_lark(text)      # KeepTerminals keeps the building blocks …
    lark_parser.options.postlex = None       # … which the standalone then holds by itself
    with open(target, "w", encoding="utf-8") as out:
        out.write("# Generated by `python -m checker.grammar` from grammar/plan.lark: do not edit.\n")
        out.write("# flake8: noqa\n")
        gen_standalone(lark_parser, out=out, compress=True)
        out.write(f"\nGRAMMAR_HASH = {fingerprint(text)!r}\n")


if __name__ == "__main__":
    destination = Path(__file__).with_name("_plan_parser.py")
    generate_standalone(destination)
    print(f"wrote {destination}", file=sys.stderr)
