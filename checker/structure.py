"""From the Lark tree to plans, sections and blocks (checker.model).

The grammar decides what each line is and how lines nest; this module reads the parts of
each line (number, title, months) with the grammar's own building-block terminals, joins
paragraphs that a page break split, and decides what is web furniture and what is plan.
"""
from __future__ import annotations

import re

from checker.model import Block, Plan, Section

# how a line class becomes a block
_HEADING_LEVEL = {"H1": 1, "BARE": 1, "H2": 2, "H3": 3, "H4": 4, "H5": 5}
_SECTION_RULES = {"section1", "section2", "section3", "section4"}
_NUMBER_TERMINAL = {"H1": "H1_NUM", "H2": "H2_NUM", "H3": "H3_NUM", "H4": "H4_NUM", "H5": "H5_NUM",
                    "POINT": "POINT_NUM", "MONTH_ITEM": "H3_NUM"}

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "元": 1}
_ENCLOSED = {0x2460: "①", 0x2474: "⑴", 0x2488: "⒈", 0x3220: "㈠"}   # first of each 20/10-run
_END_PUNCTUATION = "。！？；：:;!?…”」）)"
_JOIN_MIN_LENGTH = 25      # a split paragraph's first part is at least this long
_TITLE_LABEL_MAX = 12      # "指导思想：…" — a label before ： of at most this many characters


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


class Builder:
    """Turns one parse tree into plans and furniture blocks."""

    def __init__(self, patterns: dict[str, re.Pattern], inline_starts: set[int]):
        self.patterns = patterns
        self.inline_starts = inline_starts

    # ------------------------------------------------------------------ lines

    def block(self, token) -> Block:
        kind = token.type
        text = token.value
        block = Block(kind="text", text=text, start=token.start_pos, end=token.start_pos + len(text))
        if kind in ("TITLE", "MARKER"):
            block.kind = kind.lower()
        elif kind in ("FURNITURE", "COLLECTION", "RELATED"):
            block.kind = "furniture"
        elif kind in ("MONTH", "MONTH_ITEM"):
            block.kind = "schedule"
            self._number(block, kind)
            key = self.patterns["MONTH_KEY"].search(text)
            block.months = self.months(key.group()) if key else ()
            block.title = text
        elif kind in _HEADING_LEVEL or kind == "POINT":
            block.kind = "heading" if kind in ("H1", "BARE", "H2", "H3", "H4") else "item"
            block.level = _HEADING_LEVEL.get(kind)
            self._number(block, kind)
        if token.start_pos in self.inline_starts and block.kind in ("heading", "item", "schedule"):
            block.style = (block.style or "") + "~"          # ran on inside a line
        return block

    def _number(self, block: Block, kind: str) -> None:
        """Fill number, style and title from the line's numbering token."""
        text = block.text
        mark = self.patterns["MD_MARK"].match(text)
        body_start = mark.end() if mark else 0
        if kind == "BARE" or kind not in _NUMBER_TERMINAL and kind != "MONTH":
            block.style = "#" if mark and text.startswith("#") else "bare"
            block.title = self._title(text[body_start:].strip("* "))
            return
        if kind == "MONTH":
            return
        match = self.patterns[_NUMBER_TERMINAL[kind]].match(text, body_start)
        if not match:  # a Word-styled or markdown heading without a number
            block.style = "#" if text.startswith("#") else "bare"
            block.title = self._title(text[body_start:].strip("* "))
            return
        token = match.group()
        enclosed = _enclosed_number(token[0]) if token else None
        if enclosed:
            block.number, block.style = enclosed
        else:
            digits = re.search(r"[0-9]+|[一二三四五六七八九十]+", token)
            block.number = cn_number(digits.group()) if digits else None
            block.style = re.sub(r"[0-9]+", "1", re.sub(r"[一二三四五六七八九十]+", "一", token)).replace(" ", "")
        if kind != "MONTH_ITEM":
            block.title = self._title(text[match.end():].strip("* "))

    @staticmethod
    def _title(text: str) -> str:
        """The heading's own words: up to a short label's colon, else the first clause."""
        colon = text.find(":")
        if 0 < colon <= _TITLE_LABEL_MAX:
            return text[:colon].strip()
        return re.split(r"[。;]", text, maxsplit=1)[0].strip()

    def months(self, key: str) -> tuple[int, ...]:
        """Months named by a month key: 3月, 七、八月份, 4-7月, 4至7月, 7月8月, 元月."""
        key = re.sub(r"^.*?年+", "", key)          # a year before the month
        numbers = [cn_number(m.group()) for m in self.patterns["MONTH_NUM"].finditer(key)]
        numbers = [n for n in numbers if n and 1 <= n <= 12]
        if len(numbers) == 2 and self.patterns["RANGE_SEP"].search(key):
            first, last = numbers
            span = range(first, last + 1) if first <= last else [*range(first, 13), *range(1, last + 1)]
            return tuple(span)
        return tuple(dict.fromkeys(numbers))

    # ------------------------------------------------------------------ tree

    def items(self, nodes) -> tuple[list[Block], list[Section]]:
        """Blocks directly in ``nodes`` and the sections among them."""
        blocks: list[Block] = []
        sections: list[Section] = []
        for node in nodes:
            if node.data in _SECTION_RULES:
                sections.append(self.section(node))
                continue
            for child in node.children:
                if hasattr(child, "data"):  # a line under a month label
                    for token in child.children:
                        block = self.block(token)
                        if child.data == "entry_item":
                            block.kind = "item"
                        blocks.append(block)
                elif node.data == "related":
                    blocks.append(self._furniture(child))
                else:
                    blocks.append(self.block(child))
        return join_split_lines(blocks), sections

    @staticmethod
    def _furniture(token) -> Block:
        return Block(kind="furniture", text=token.value, start=token.start_pos,
                     end=token.start_pos + len(token.value))

    def section(self, node) -> Section:
        heading = self.block(node.children[0])
        blocks, sections = self.items(node.children[1:])
        # keep document order: a section's own blocks come before its sub-sections
        return Section(heading=heading, blocks=blocks, children=sections)

    def plans(self, tree) -> tuple[list[Plan], list[Block]]:
        """Plans of the document and the furniture outside them."""
        lead, *plan_nodes = [child for child in tree.children if hasattr(child, "data")]
        furniture: list[Block] = []
        if not plan_nodes:  # a file without markers is one plan
            plan = self._plan(1, None, lead.children, furniture)
            return ([plan] if plan else []), furniture
        blocks, sections = self.items(lead.children)
        for block in _in_order(blocks, sections):  # before the first marker: all furniture
            block.kind = "furniture"
            furniture.append(block)
        plans = [self._plan(index, self.block(node.children[0]), node.children[1:], furniture)
                 for index, node in enumerate(plan_nodes, start=1)]
        return plans, furniture

    def _plan(self, index: int, marker: Block | None, nodes, furniture: list[Block]) -> Plan | None:
        blocks, sections = self.items(nodes)
        ordered = ([marker] if marker else []) + _in_order(blocks, sections)
        # furniture before a plan's first line and after its last line belongs to no plan
        first = 0 if marker else next((i for i, b in enumerate(ordered) if b.kind != "furniture"), len(ordered))
        last = max((i for i, b in enumerate(ordered) if b.kind != "furniture"), default=-1)
        furniture.extend(ordered[:first] + ordered[last + 1:])
        kept = ordered[first:last + 1]
        if not kept:
            return None
        kept_ids = {id(b) for b in kept}
        return Plan(index=index, title=self._plan_title(marker, kept), start=kept[0].start, end=kept[-1].end,
                    blocks=kept, sections=sections, preamble=[b for b in blocks if id(b) in kept_ids],
                    marker=marker)

    def _plan_title(self, marker: Block | None, blocks: list[Block]) -> str | None:
        if marker is not None:
            title = self.patterns["MARKER_NUM"].sub("", marker.text).strip(" :【】[]")
            if title:
                return title
        for block in blocks[:6]:
            if block.kind == "title":
                return block.text.strip("#* ")
        return None


def _in_order(blocks: list[Block], sections: list[Section]) -> list[Block]:
    """Every block of a container, sections included, in document order."""
    every = blocks + [b for section in sections for b in section.all_blocks()]
    return sorted(every, key=lambda b: b.start)


def join_split_lines(blocks: list[Block]) -> list[Block]:
    """Join a paragraph that a page break split: a long text line without end punctuation
    followed by a text line (conventions §2.4)."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (previous is not None and block.kind == "text" and previous.kind == "text"
                and len(previous.text) >= _JOIN_MIN_LENGTH and previous.text[-1] not in _END_PUNCTUATION):
            pieces = previous.pieces or ((previous.start, len(previous.text)),)
            joined[-1] = Block(kind="text", text=previous.text + block.text, start=previous.start, end=block.end,
                               pieces=pieces + ((block.start, len(block.text)),))
        else:
            joined.append(block)
    return joined
