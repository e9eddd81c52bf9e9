"""Duplicate submissions in one batch: near-copies of another file, or copies of a template site.

Each file's text becomes the set of its clauses (numbers and placeholders folded), which the
worker that checked it summarises as a MinHash (rensa's R-MinHash: 128 values, about 400
bytes to send). The main process keeps a MinHash LSH index over the batch: for every file,
the earlier files the index proposes are compared by their estimated share of clauses, in
input order, so the result does not depend on the number of jobs and the time stays
near-linear in the number of files.
"""
from __future__ import annotations

import re

from checker.model import Document, FileResult, Finding

NUM_PERM = 128             # MinHash values per file: the estimate's error is about ±0.04
RECALL = 0.98              # the LSH index proposes a pair at the threshold at least this often
SEED = 1
MIN_CLAUSES = 8            # shorter texts are not compared
_CLAUSE = re.compile(r"[^。;!?！？；\n]{6,}")
# (a class first, not a repeat: re scans for a pattern fast only when it opens with one)
_DIGITS = re.compile(r"[0-9xX×一二三四五六七八九十][0-9xX×一二三四五六七八九十]*")


def clauses(document: Document) -> set[str]:
    """The plan text's clauses, numbers and placeholders folded."""
    text = _DIGITS.sub("0", "\n".join(block.text for plan in document.plans for block in plan.content))
    return {clause.strip() for clause in _CLAUSE.findall(text)}


def signature(document: Document):
    """The document's MinHash (a picklable ``rensa.RMinHash``), or None when it is too short
    to compare."""
    from rensa import RMinHash

    found = clauses(document)
    if len(found) < MIN_CLAUSES:
        return None
    sketch = RMinHash(NUM_PERM, SEED)
    sketch.update(list(found))
    return sketch


def lsh_bands(threshold: float) -> int:
    """The fewest LSH bands (of NUM_PERM // bands values each) that propose a pair sharing
    ``threshold`` of its clauses with probability RECALL: fewer bands propose fewer pairs that
    share less. For the default 0.6, 32 bands of 4: a pair sharing 60% is proposed with
    probability 0.99, one sharing 30% with 0.23."""
    bands = 1
    while bands < NUM_PERM and 1 - (1 - threshold ** (NUM_PERM // bands)) ** bands < RECALL:
        bands *= 2
    return bands


class DuplicateFinder:
    """Flags each submission that shares most of its text with an earlier one of the batch:
    of the earlier files the LSH index proposes, the one with the largest estimated share,
    when that share reaches the rule's threshold."""

    def __init__(self, rule, lang: str):
        from rensa import RMinHashLSH

        self.rule = rule
        self.lang = lang
        self.threshold = rule.prepared["threshold"]
        self.index = RMinHashLSH(self.threshold, NUM_PERM, lsh_bands(self.threshold))
        self.earlier: list[tuple[str, object]] = []   # (path, MinHash), the index's keys
        self.paths: set[str] = set()

    def add(self, result: FileResult) -> FileResult:
        """``result`` with a finding when an earlier file is a near-copy; then remember it."""
        sketch, result.signature = result.signature, None    # not kept in results
        if sketch is None or not result.plans or result.path in self.paths:
            return result
        candidates = (self.earlier[key] for key in self.index.query(sketch))
        shares = [(sketch.jaccard(theirs), path) for path, theirs in candidates]
        best = max((pair for pair in shares if pair[0] >= self.threshold), default=None)
        if best is not None:
            self._report(result, best[1], best[0])
        self.index.insert(len(self.earlier), sketch)
        self.earlier.append((result.path, sketch))
        self.paths.add(result.path)
        return result

    def _report(self, result: FileResult, other: str, share: float) -> None:
        from checker.i18n import pick
        from checker.kinds.duplicate import COPY_REASON

        reason = COPY_REASON.format(other=_display(other), share=round(share * 100))(self.lang)
        plan = result.plans[0]
        plan.findings.append(Finding(
            rule=self.rule.id, severity=self.rule.severity,
            message=pick(self.rule.message, self.lang).format(reason=reason),
            hint=pick(self.rule.hint, self.lang), line=plan.start_line, column=1,
            end_line=plan.start_line, end_column=1))
        plan.findings.sort(key=lambda f: (f.line, f.column, f.rule))


def _display(path: str) -> str:
    """``path`` relative to the current folder when it lies below it."""
    import os

    relative = os.path.relpath(path) if os.path.isabs(path) else path
    return path if relative.startswith("..") else relative
