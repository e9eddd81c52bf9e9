"""Normalisation for matching, with every position mapped back to the original.

Steps (plan-conventions §7): full-width ASCII, digits and brackets become half-width;
U+3000/NBSP become spaces; lone CR becomes LF; CR of CRLF, zero-width characters, pinyin
glosses of mirror sites (``權(quán)益``) and anti-copy marks between Chinese characters are
removed; Traditional characters become Simplified (OpenCC, only when the text has any).
Character replacements keep lengths; removals are recorded in a sparse offset map.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

# Same-length replacements.
_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({0x3000: " ", 0x00A0: " ", 0xFF61: "。", 0xFF64: "、", 0x2014: "-", 0x2013: "-"})
_LONE_CR = re.compile(r"\r(?!\n)")

# Removed characters: CR of CRLF, zero-width, pinyin glosses, anti-copy marks.
_REMOVE = re.compile(
    r"\r(?=\n)"
    r"|[\u200b-\u200d\u2060\ufeff]"
    r"|(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}\)"
    r"|(?<=[\u4e00-\u9fff])[`'’](?=[\u4e00-\u9fff])"
)

# Frequent characters that exist only in Traditional script: one hit is enough to convert.
_TRADITIONAL = re.compile(
    "[們這會個來時為說國過對學發經職權與劃動應當從還後樣關點產實現機開問題體麼兩將長門見業黨聯單辦總數處協議義勞員資審費維護導階觀務響團區歷環鄉鎮縣廠醫競賽衛於齊組織紀計畫參與選舉場廣電傳統獎勵慶檢題製節讀書館廳歲屆稅幫溫暖築設備險區條例規範財"
    "]"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class NormText:
    """Normalised text plus the map from its offsets to the original's lines and columns."""

    __slots__ = ("original", "text", "_norm_starts", "_orig_starts", "_line_starts")

    def __init__(self, original: str, text: str, norm_starts: list[int], orig_starts: list[int]):
        self.original = original
        self.text = text
        self._norm_starts = norm_starts
        self._orig_starts = orig_starts
        self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(original)]

    def to_original(self, offset: int) -> int:
        """Offset in the original text of normalised offset ``offset``."""
        run = bisect_right(self._norm_starts, offset) - 1
        return self._orig_starts[run] + offset - self._norm_starts[run]

    def location(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the original; columns count characters."""
        position = min(self.to_original(offset), len(self.original))
        line = bisect_right(self._line_starts, position)
        return line, position - self._line_starts[line - 1] + 1

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def original_line(self, line: int) -> str:
        """The original text of 1-based ``line`` without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.original)
        return self.original[start:end].rstrip("\r\n")


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported only for drafts that contain Traditional characters

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> Simplified, guaranteed to keep the length of every line."""
    if not _TRADITIONAL.search(text):
        return text
    converter = _t2s()
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not line.isascii():
            converted = converter.convert(line)
            if len(converted) != len(line):  # a phrase rule changed the length: go character-wise
                converted = "".join(converter.convert(ch) if len(converter.convert(ch)) == 1 else ch for ch in line)
            lines[index] = converted
    return "\n".join(lines)


def normalize(original: str) -> NormText:
    """Normalise ``original`` for matching; see the module docstring for the steps."""
    folded = _LONE_CR.sub("\n", original.translate(_WIDTH_TABLE))
    kept: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    last = norm_pos = 0
    for match in _REMOVE.finditer(folded):
        if match.start() > last or not kept:
            norm_starts.append(norm_pos)
            orig_starts.append(last)
            kept.append(folded[last:match.start()])
            norm_pos += match.start() - last
        last = match.end()
    norm_starts.append(norm_pos)
    orig_starts.append(last)
    kept.append(folded[last:])
    return NormText(original, to_simplified("".join(kept)), norm_starts, orig_starts)
