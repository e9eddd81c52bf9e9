"""Normalisation for matching, with every position mapped back to the original.

Steps (plan-conventions §7): full-width ASCII, digits and brackets become half-width;
U+3000, NBSP and other blanks become spaces; lone CR becomes LF; CR of CRLF, zero-width
characters, pinyin glosses of mirror sites (``權(quán)益``) and anti-copy marks between
Chinese characters are removed; Traditional characters become Simplified (OpenCC, only
when the text has any). Replacements keep lengths; removals are recorded in a sparse
offset map, so every normalised offset maps back to a line and column of the original.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate

# Same-length replacements (a NFKC fold would also flatten ①/⑴/⒈, which carry levels).
_WIDTH_PAIRS = [(chr(code), chr(code - 0xFEE0)) for code in range(0xFF01, 0xFF5F)]
_BLANKS = (0x3000, 0x00A0, 0x000B, 0x000C, 0x202F, 0x205F, *range(0x2000, 0x200B))
_WIDTH_PAIRS += [(chr(code), " ") for code in _BLANKS]
_WIDTH_PAIRS += [("｡", "。"), ("､", "、"), ("\u2014", "-"), ("\u2013", "-")]
_WIDE = re.compile("[" + "".join(re.escape(wide) for wide, _ in _WIDTH_PAIRS) + "]")
_NARROW = dict(_WIDTH_PAIRS)
_LONE_CR = re.compile(r"\r(?!\n)")

# Removed characters: CR of CRLF, zero-width, pinyin glosses, anti-copy marks. The pattern
# opens with a character class (a fast scan) and checks each case's context after it.
_REMOVE = re.compile(
    r"[\r\u200b-\u200d\u2060\ufeff(`'’]"
    r"(?:(?<=\r)(?=\n)"                                                  # CR of CRLF
    r"|(?<=[\u200b-\u200d\u2060\ufeff])"                                 # zero-width
    r"|(?<=[\u4e00-\u9fff]\()[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}\)"   # 權(quán)益
    r"|(?<=[\u4e00-\u9fff][`'’])(?=[\u4e00-\u9fff]))"                   # 活动的`举办
)

# Frequent characters that exist only in Traditional script: one hit is enough to convert.
_TRADITIONAL = re.compile(
    "[們這會個來時為說國過對學發經職權與劃動應當從還後樣關點產實現機開問題體麼兩將長門見業黨聯單辦總數處協議義勞員資審費維護"
    "導階觀務響團區歷環鄉鎮縣廠醫競賽衛於齊組織紀計畫參選舉場廣電傳統獎勵慶檢製節讀書館廳歲屆稅幫溫築設備險條規範財]"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class NormText:
    """Normalised text plus the map from its offsets to the original's lines and columns."""

    __slots__ = ("original", "text", "_norm_starts", "_orig_starts", "_line_starts")

    def __init__(self, original: str, text: str, norm_starts: list[int], orig_starts: list[int]):
        self.original = original
        self.text = text
        self._norm_starts = norm_starts      # run i of kept characters starts at norm_starts[i] …
        self._orig_starts = orig_starts      # … and at orig_starts[i] in the original
        if "\r" in original:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(original)]
        else:   # the same, faster
            self._line_starts = [0, *accumulate(len(line) + 1 for line in original.split("\n")[:-1])]

    def to_original(self, offset: int, end: bool = False) -> int:
        """Offset in the original text of normalised offset ``offset``. Where characters
        were removed just before it, a start lies after them and an ``end`` before them."""
        if end and offset > 0:
            run = bisect_left(self._norm_starts, offset) - 1
        else:
            run = bisect_right(self._norm_starts, offset) - 1
        return min(self._orig_starts[run] + offset - self._norm_starts[run], len(self.original))

    def location(self, offset: int, end: bool = False) -> tuple[int, int]:
        """1-based (line, column) in the original; columns count characters."""
        position = self.to_original(offset, end)
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
    convert = _t2s().convert
    converted = convert(text)
    lines = text.split("\n")
    converted_lines = converted.split("\n")
    if len(converted_lines) == len(lines) and all(len(a) == len(b) for a, b in zip(lines, converted_lines)):
        return converted
    return "\n".join(_convert_line(line, convert) for line in lines)


def _convert_line(line: str, convert) -> str:
    """One line converted; character by character where a phrase rule changed its length."""
    converted = convert(line)
    if len(converted) == len(line):
        return converted
    return "".join(c if len(c) == 1 else ch for ch, c in zip(line, map(convert, line)))


def _fold(text: str) -> str:
    """Same-length replacements: each character to replace that occurs is replaced everywhere
    at its first occurrence, so the text is scanned once plus once per distinct character."""
    position = 0
    while match := _WIDE.search(text, position):
        text = text.replace(match.group(), _NARROW[match.group()])
        position = match.start()
    return _LONE_CR.sub("\n", text)


def normalize(original: str) -> NormText:
    """Normalise ``original`` for matching; see the module docstring for the steps."""
    folded = _fold(original)
    kept: list[str] = []
    norm_starts = [0]
    orig_starts = [0]
    last = 0
    for match in _REMOVE.finditer(folded):
        kept.append(folded[last:match.start()])
        last = match.end()
        norm_starts.append(norm_starts[-1] + len(kept[-1]))
        orig_starts.append(last)
    kept.append(folded[last:])
    return NormText(original, to_simplified("".join(kept)), norm_starts, orig_starts)
