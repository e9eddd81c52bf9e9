"""Word segmentation for honest keyword boundaries: 经审 is not a word of 已经审议.

jieba is imported and its dictionary loaded only when a rule asks for a boundary check,
once per process. The dictionary is not jieba's full 5 MB one but the compact
``checker/data/segdict.txt`` (made by ``scripts/build_segdict.py``: every dictionary
word holding a character of a boundary-checked term of the default rules, plus the most
frequent words, with jieba's original total so word probabilities stay as in jieba)
and the union-domain words of ``rules/union-dict.txt``. HMM is off: unknown words stay
single characters, which is what a boundary check wants.
"""
from __future__ import annotations

import re
import sys
import types
from functools import lru_cache
from pathlib import Path

from checker.resources import data_path

SEGDICT = Path(__file__).resolve().parent / "data" / "segdict.txt"
UNION_DICT = "union-dict.txt"
WINDOW = 12                         # characters of context on each side of a match
_CLAUSE_BREAK = re.compile(r"[。；;！!？?，,：:\s]")


def read_compact(path: Path = SEGDICT) -> tuple[dict[str, int], int]:
    """Word frequencies of the compact dictionary (word prefixes included, at 0) and jieba's
    full frequency total.

    Format (written by scripts/build_segdict.py): ``#total N``, then ``word freq`` lines.
    """
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    fields = body.split()
    return dict(zip(fields[::2], map(int, fields[1::2]))), int(header.split()[1])


def _import_jieba():
    # jieba's _compat imports pkg_resources only to open its dict.txt, which we never read;
    # pkg_resources drags in setuptools (~180 ms). A None entry in sys.modules makes that
    # import fail, and jieba falls back to plain file access. Likewise jieba.finalseg holds
    # the HMM tables (~30 ms to load) that HMM=False never uses: a placeholder module stands
    # in during the import. Both entries are removed again, so a later real import works.
    stand_ins = {"pkg_resources": None, "jieba.finalseg": types.ModuleType("jieba.finalseg")}
    added = [name for name in stand_ins if name not in sys.modules]
    sys.modules.update({name: stand_ins[name] for name in added})
    try:
        import jieba
    finally:
        for name in added:
            del sys.modules[name]
    return jieba


@lru_cache(maxsize=1)
def tokenizer():
    """The process-wide jieba tokenizer over the compact and the union dictionaries."""
    jieba = _import_jieba()
    words, total = read_compact()
    tok = jieba.Tokenizer()
    # filled directly: Tokenizer.initialize() would log to stderr and write a cache file
    tok.FREQ = words
    tok.total = total
    tok.initialized = True
    for line in data_path("rules", UNION_DICT).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, *rest = line.split()
            tok.add_word(word, int(rest[0]) if rest else None)
    return tok


@lru_cache(maxsize=8192)
def words_of(window: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each word of ``window``."""
    spans = []
    position = 0
    for word in tokenizer().cut(window, HMM=False):
        spans.append((position, position + len(word)))
        position += len(word)
    return tuple(spans)


def crosses_word(text: str, start: int, end: int) -> bool:
    """Whether a word around ``text[start:end]`` straddles its start or end.

    Only the clause around the match, at most WINDOW characters each side, is segmented.
    A word that holds the whole match is fine (经审 in 经审会).
    """
    left = max(start - WINDOW, 0)
    for brk in _CLAUSE_BREAK.finditer(text, left, start):
        left = brk.end()
    stop = _CLAUSE_BREAK.search(text, end, min(end + WINDOW, len(text)))
    right = stop.start() if stop else min(end + WINDOW, len(text))
    first, last = start - left, end - left
    for word_start, word_end in words_of(text[left:right]):
        if word_start < first < word_end < last or first < word_start < last < word_end:
            return True
    return False
