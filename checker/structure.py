"""From the Lark tree to plans, sections and blocks (checker.model).

The grammar decides what each line is and how lines nest; this module reads the parts of
each line (number, title, months) with the grammar's own building-block terminals, joins
paragraphs that a page break split, and decides what is web furniture and what is plan.
"""
from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter

from checker.grammar import LineToken, line_text
from checker.model import Block, Plan, Section

# the block kind of each line class (the rest are text)
_BLOCK_KINDS = {"TITLE": "title", "MARKER": "marker", "FURNITURE": "furniture", "COLLECTION": "furniture",
                "RELATED": "furniture", "MONTH": "schedule", "MONTH_H2": "schedule", "MONTH_H3": "schedule", "MONTH_H4": "schedule",
                "BARE": "heading", "H1": "heading", "H2": "heading", "H3": "heading", "H4": "heading",
                "H5": "item", "POINT": "item"}
_LEVELS = {"H1": 1, "H2": 2, "H3": 3, "H4": 4, "H5": 5, "POINT": None}   # (a bare heading's is given)
# the terminal that reads the number of each numbered line class
_NUMBER_TERMINALS = {"H1": "H1_NUM", "H2": "H2_NUM", "H3": "H3_NUM", "H4": "H4_NUM", "H5": "H5_NUM",
                     "POINT": "POINT_NUM", "MONTH_H2": "H2_NUM", "MONTH_H3": "H3_NUM", "MONTH_H4": "H4_NUM"}
_MONTH_ITEMS = {"MONTH_H2", "MONTH_H3", "MONTH_H4"}    # numbered items that open with their month
_RAN_ON = {"heading", "item", "schedule"}  # block kinds whose style marks a piece split off a line

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "元": 1}
_ENCLOSED = {0x2460: "①", 0x2474: "⑴", 0x2488: "⒈", 0x3220: "㈠"}   # first of each 20/10-run
_END_PUNCTUATION = "。！？；：:;!?…”」）)."
_JOIN_MIN_LENGTH = 25      # a split paragraph's first part is at least this long
_TITLE_LABEL_MAX = 12      # "指导思想：…" — a label before ： of at most this many characters
_YEAR_PREFIX = re.compile(r"^[^月]*年+")    # 2025年3月, 次年1月 (not the 次年 of 12月至次年2月)
_NUMERALS = re.compile(r"[0-9]+|[一二三四五六七八九十]+")
_CN_RUN = re.compile(r"[一二三四五六七八九十]+")
_DIGIT_RUN = re.compile(r"[0-9]+")
# a clause ends at 。 or ; and, in scraped drafts, at "." (but not in 5.12 or 三.八); written
# as one class first, which re scans for fast, and a lookbehind that turns such a "." down
_CLAUSE_END = re.compile(r"[。;.](?<!\.(?=[0-9一二三四五六七八九十]))")
_APPENDIX = re.compile(r"附(?:件|表)?[0-9]*[ \t]*:[ \t]*")
_MD_FIRST = "#*-+"          # the characters a markdown mark (grammar: MD_MARK) starts with
_START = attrgetter("start")


def cn_number(text: str) -> int | None:
    """Value of a Chinese numeral up to 99 (一, 十二, 二十三) or of 1-2 ASCII digits."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)


def _enclosed_number(char: str) -> tuple[int, str] | None:
    code = ord(char)
    for first, style in _ENCLOSED.items():
        if first <= code < first + (10 if first == 0x3220 else 20):
            return code - first + 1, style
    return None


@lru_cache(maxsize=512)
def numbering(token: str) -> tuple[int | None, str]:
    """Value and style of a numbering token: "(三)" -> (3, "(一)"), "12、" -> (12, "1、"), "⑵" -> (2, "⑴")."""
    enclosed = _enclosed_number(token[0])
    if enclosed:
        return enclosed
    digits = _NUMERALS.search(token)
    style = _DIGIT_RUN.sub("1", _CN_RUN.sub("一", token)).replace(" ", "")
    return (cn_number(digits.group()) if digits else None), style


@lru_cache(maxsize=None)
def _numbered(mark: re.Pattern, number: re.Pattern) -> re.Pattern:
    """A numbered line class: its markdown mark or nothing, then its number (group 1);
    compiled once per process, not per document."""
    return re.compile(f"(?:{mark.pattern}|)({number.pattern})")


def _title(text: str) -> str:
    """The heading's own words: up to a short label's colon, else the first clause
    (an appendix mark "附：" is not a label)."""
    appendix = _APPENDIX.match(text) if text.startswith("附") else None
    if appendix:
        text = text[appendix.end():]
    colon = text.find(":")
    if 0 < colon <= _TITLE_LABEL_MAX:
        return text[:colon].strip()
    end = _CLAUSE_END.search(text)
    return (text[:end.start()] if end else text).strip()


def _joinable(previous: Block) -> bool:
    """A block a page break may have cut: long, without end punctuation, not a table row."""
    text = previous.text.rstrip("、")     # "…。、": a stray 、 after the full stop
    return len(text) >= _JOIN_MIN_LENGTH and text[-1] not in _END_PUNCTUATION and "|" not in text


def _join(previous: Block, block: Block) -> None:
    """Append ``block`` (the rest of a split paragraph) to ``previous``."""
    pieces = previous.pieces or ((previous.start, len(previous.text)),)
    previous.pieces = pieces + ((block.start, len(block.text)),)
    previous.text += block.text
    previous.end = block.end


def join_split_lines(blocks: list[Block]) -> list[Block]:
    """Join paragraphs that a page break split (conventions §2.4): a long text line or item
    without end punctuation and the text line after it."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (previous is not None and block.kind == "text" and previous.kind in ("text", "item")
                and _joinable(previous) and "|" not in block.text):
            _join(previous, block)
        else:
            joined.append(block)
    return joined


class Builder:
    """Turns one parse tree into plans and furniture blocks."""

    def __init__(self, patterns: dict[str, re.Pattern], inline_starts: set[int]):
        self.patterns = patterns
        self.inline_starts = inline_starts
        self._numbers = {kind: _numbered(patterns["MD_MARK"], patterns[name])
                         for kind, name in _NUMBER_TERMINALS.items()}

    # ------------------------------------------------------------------ lines

    def block(self, token, level: int | None = None) -> Block:
        """The block of one line token; ``level`` is given for bare headings."""
        kind = token.type
        text = line_text(token.value)
        start = token.start_pos
        block_kind = _BLOCK_KINDS.get(kind, "text")
        block = Block(block_kind, text, start, start + len(text))
        if block_kind == "heading" or block_kind == "item":
            block.level = _LEVELS.get(kind, level)
            self._number(block, kind)
        elif block_kind == "schedule":
            self._schedule(block, kind)
        if start in self.inline_starts and block_kind in _RAN_ON:
            block.style = (block.style or "") + "~"          # ran on inside a line
        return block

    def _schedule(self, block: Block, kind: str) -> None:
        """Fill a schedule entry's months (and number, for a numbered item)."""
        block.title = block.text
        key_start = self._number(block, kind) if kind in _MONTH_ITEMS else self._body_start(block.text)
        key = self.patterns["MONTH_KEY"].search(block.text, key_start)
        block.months = self.months(key.group()) if key else ()

    def _body_start(self, text: str) -> int:
        """Where a line's text starts after markdown marks ("## ", "- ", "**")."""
        mark = self.patterns["MD_MARK"].match(text) if text[:1] in _MD_FIRST else None
        return mark.end() if mark else 0

    def _number(self, block: Block, kind: str) -> int:
        """Fill number, style and title from the line's numbering token; returns where the
        text after the number starts."""
        text = block.text
        pattern = self._numbers.get(kind)
        match = pattern.match(text) if pattern else None
        if not match:  # a bare, Word-styled or markdown heading without a number
            body_start = self._body_start(text)
            block.style = "#" if text.startswith("#") else "bare"
            block.title = _title(text[body_start:].strip("* "))
            return body_start
        block.number, block.style = numbering(match.group(1))
        if kind not in _MONTH_ITEMS:
            block.title = _title(text[match.end():].strip("* "))
        return match.end()

    def months(self, key: str) -> tuple[int, ...]:
        """Months named by a month key: 3月, 七、八月份, 4-7月, 4至7月, 7月8月, 元月, 次年1月."""
        key = _YEAR_PREFIX.sub("", key)
        numbers = [cn_number(m.group()) for m in self.patterns["MONTH_NUM"].finditer(key)]
        numbers = [n for n in numbers if n and 1 <= n <= 12]
        if len(numbers) == 2 and self.patterns["RANGE_SEP"].search(key):
            first, last = numbers
            span = range(first, last + 1) if first <= last else [*range(first, 13), *range(1, last + 1)]
            return tuple(span)
        return tuple(dict.fromkeys(numbers))

    # ------------------------------------------------------------------ tree

    def items(self, nodes, level: int) -> tuple[list[Block], list[Section]]:
        """Blocks directly in ``nodes`` (inside a container of ``level``) and its sections."""
        blocks: list[Block] = []
        sections: list[Section] = []
        for node in nodes:
            if isinstance(node, LineToken):
                blocks.append(self.block(node))
            elif node.data == "schedule":
                label, *lines = node.children
                blocks.append(self.block(label))
                for token in lines:
                    block = self.block(token)
                    if block.kind == "heading":   # a numbered line under a month label
                        block.kind = "item"
                    blocks.append(block)
            elif node.data == "related":
                blocks.extend(self._furniture(token) for token in node.children)
            elif node.children[0].type in _MONTH_ITEMS:
                blocks.extend(self._entry(node, level))
            else:
                sections.append(self.section(node, level))
        return join_split_lines(blocks), sections

    def _entry(self, node, level: int) -> list[Block]:
        """A numbered item that opens with its month: a schedule entry, and what it holds
        as plain blocks (its sub-items become items)."""
        inner_blocks, inner_sections = self.items(node.children[1:], level)
        held = _in_order(inner_blocks, inner_sections)
        for block in held:
            if block.kind == "heading":
                block.kind = "item"
        return [self.block(node.children[0])] + held

    def _furniture(self, token) -> Block:
        text = line_text(token.value)
        return Block("furniture", text, token.start_pos, token.start_pos + len(text))

    def section(self, node, parent_level: int) -> Section:
        """A heading and what it holds; a bare heading is one level below its container."""
        heading = self.block(node.children[0], level=parent_level + 1)
        if len(node.children) == 1:
            return Section(heading, [], [])
        blocks, sections = self.items(node.children[1:], heading.level or parent_level + 1)
        if (blocks and blocks[0].kind == "text" and (heading.level or 0) >= 3 and heading.number is not None
                and _joinable(heading)):
            _join(heading, blocks.pop(0))     # a numbered item whose paragraph a page break split
            self._number(heading, f"H{heading.level}")
        return Section(heading, blocks, sections)

    def plans(self, tree) -> tuple[list[Plan], list[Block]]:
        """Plans of the document and the furniture outside them."""
        lead, *plan_nodes = [child for child in tree.children if hasattr(child, "data")]
        furniture: list[Block] = []
        if not plan_nodes:  # a file without markers is one plan
            plan = self._plan(1, None, lead.children, furniture)
            return ([plan] if plan else []), furniture
        blocks, sections = self.items(lead.children, 0)
        for block in _in_order(blocks, sections):  # before the first marker: all furniture
            block.kind = "furniture"
            furniture.append(block)
        plans = [self._plan(index, self.block(node.children[0]), node.children[1:], furniture)
                 for index, node in enumerate(plan_nodes, start=1)]
        return plans, furniture

    def _plan(self, index: int, marker: Block | None, nodes, furniture: list[Block]) -> Plan | None:
        blocks, sections = self.items(nodes, 0)
        ordered = ([marker] if marker else []) + _in_order(blocks, sections)
        # furniture before a plan's first line and after its last line belongs to no plan
        first = 0 if marker else next((i for i, b in enumerate(ordered) if b.kind != "furniture"), len(ordered))
        last = max((i for i, b in enumerate(ordered) if b.kind != "furniture"), default=-1)
        furniture.extend(ordered[:first] + ordered[last + 1:])
        kept = ordered[first:last + 1]
        if not kept:
            return None
        kept_ids = {id(b) for b in kept}
        first_heading = min((s.heading.start for s in sections), default=kept[-1].end + 1)
        preamble = [b for b in blocks if id(b) in kept_ids and b.start < first_heading]
        return Plan(index=index, title=self._plan_title(marker, kept), start=kept[0].start, end=kept[-1].end,
                    blocks=kept, sections=sections, preamble=preamble, marker=marker)

    def _plan_title(self, marker: Block | None, blocks: list[Block]) -> str | None:
        if marker is not None:
            title = self.patterns["MARKER_NUM"].sub("", marker.text).strip(" :【】[]")
            if title:
                return title
        for block in blocks[:6]:
            if block.kind == "title":
                inner = re.search(r"《(.+?)》", block.text)    # 关于印发《…工作要点》的通知
                return inner.group(1) if inner else block.text.strip("#* ")
        return None


def _in_order(blocks: list[Block], sections: list[Section]) -> list[Block]:
    """Every block of a container, sections included, in document order."""
    every = list(blocks)
    pending = list(sections)
    while pending:
        section = pending.pop()
        every.append(section.heading)
        every += section.blocks
        pending += section.children
    every.sort(key=_START)
    return every
