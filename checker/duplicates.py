"""Duplicate submissions in one batch: near-copies of another file, or copies of a template site.

Each file's text becomes a set of clause hashes summarised by a MinHash (datasketch); a
MinHash LSH index finds, for every file, the earlier files that share most of its text,
so a batch costs near-linear time and a few hundred bytes of memory per file; the first
files of a batch are compared exactly instead (see DuplicateFinder). Workers compute the
clause hashes (plain Python, no numpy); the main process builds the MinHashes and compares
them in input order, so the result does not depend on the number of jobs, and datasketch
is imported only once a comparison needs it, after the workers have started.
"""
from __future__ import annotations

import re
import zlib

from checker.model import Document, FileResult, Finding

NUM_PERM = 64
SCHEME = "affine32"        # datasketch's permutation scheme for 32-bit hashes (crc32 here)
THRESHOLD = 0.6            # estimated share of clauses two submissions have in common
MIN_CLAUSES = 8            # shorter texts are not compared
SMALL_BATCH = 64           # up to this many files, candidates are found without datasketch
_CLAUSE = re.compile(r"[^。;!?！？；\n]{6,}")
# (a class first, not a repeat: re scans for a pattern fast only when it opens with one)
_DIGITS = re.compile(r"[0-9xX×一二三四五六七八九十][0-9xX×一二三四五六七八九十]*")


def clause_hashes(document: Document) -> list[int]:
    """Stable hashes of the plan text's clauses (numbers and placeholders folded)."""
    text = _DIGITS.sub("0", "\n".join(block.text for plan in document.plans for block in plan.content))
    return sorted({zlib.crc32(clause.strip().encode("utf-8")) for clause in _CLAUSE.findall(text)})


def signature(document: Document) -> bytes | None:
    """The document's clause hashes packed as 32-bit integers, or None when it is too short
    to compare."""
    from array import array

    hashes = clause_hashes(document)
    return array("I", hashes).tobytes() if len(hashes) >= MIN_CLAUSES else None


class DuplicateFinder:
    """Flags each submission that shares most of its text with an earlier one of the batch.

    A file's candidates are the earlier files that may share most of its text: for the first
    SMALL_BATCH files, those whose clause sets overlap by at least half the threshold
    (compared exactly); after them, those a MinHash LSH index tuned to half the threshold
    proposes. Either way the MinHash estimate decides, and a small batch of distinct drafts
    never pays for importing datasketch (numpy, scipy: about half a second).
    """

    def __init__(self, rule, lang: str):
        self.rule = rule
        self.lang = lang
        self.threshold = rule.prepared["threshold"]
        self.first: dict[str, tuple] = {}  # the first files: path -> (clause set, clause hashes)
        self.index = None          # the LSH index, made once the batch outgrows SMALL_BATCH
        self.permutations = None   # the MinHashes' shared permutations, made once
        self.rows: dict[str, int] = {}      # each file's row in ``self.hashvalues``
        self.hashvalues: list = []         # the MinHash values of the files that have one

    def add(self, result: FileResult) -> FileResult:
        """``result`` with a finding when an earlier file is a near-copy; then remember it."""
        signature_bytes, result.signature = result.signature, None   # not kept in results
        if signature_bytes is None or not result.plans or result.path in self.first or result.path in self.rows:
            return result
        from array import array

        hashes = array("I", signature_bytes)
        if self.index is None and len(self.first) < SMALL_BATCH:
            clauses = frozenset(hashes)
            candidates = [other for other, (theirs, _) in self.first.items()
                          if _overlap(clauses, theirs) >= self.threshold / 2]
            self.first[result.path] = (clauses, hashes)
            if candidates:
                for other in candidates:
                    if other not in self.rows:
                        self._minhash(other, self.first[other][1])
                self._decide(result, self._minhash(result.path, hashes), candidates)
            return result
        if self.index is None:
            self._make_index()
        minhash = self._minhash(result.path, hashes)
        candidates = self.index.query(minhash)
        if candidates:
            self._decide(result, minhash, candidates)
        self.index.insert(result.path, minhash)
        return result

    def _make_index(self) -> None:
        """The LSH index of the first files; it proposes the candidates from now on."""
        from datasketch import LeanMinHash, MinHashLSH

        # The index only proposes candidates, the estimate decides: an index tuned to the
        # threshold itself (10 bands of 6 rows) misses ~29% of pairs sharing 70% of text.
        self.index = MinHashLSH(threshold=self.threshold / 2, num_perm=NUM_PERM)
        for path, (_, hashes) in self.first.items():
            if path in self.rows:
                minhash = LeanMinHash(seed=1, hashvalues=self.hashvalues[self.rows[path]], scheme=SCHEME)
            else:
                minhash = self._minhash(path, hashes)
            self.index.insert(path, minhash)
        self.first = {}

    def _minhash(self, path: str, hashes):
        """The MinHash of a file's clause hashes; its values become the file's row."""
        from datasketch import LeanMinHash, MinHash

        sketch = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int, scheme=SCHEME, permutations=self.permutations)
        self.permutations = sketch.permutations
        sketch.update_batch(hashes.tolist())
        minhash = LeanMinHash(sketch)
        self.rows[path] = len(self.hashvalues)
        self.hashvalues.append(minhash.hashvalues)
        return minhash

    def _decide(self, result: FileResult, minhash, candidates: list[str]) -> None:
        """Report the candidate with the largest estimated share, if it reaches the threshold."""
        import numpy

        # the share of equal hash values (LeanMinHash.jaccard) of every candidate at once
        rows = numpy.array([self.hashvalues[self.rows[other]] for other in candidates])
        equal = numpy.count_nonzero(rows == minhash.hashvalues, axis=1) / NUM_PERM
        shares = [(float(share), other) for share, other in zip(equal, candidates) if share >= self.threshold]
        if shares:
            share, other = max(shares)
            self._report(result, other, share)

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


def _overlap(clauses: frozenset, others: frozenset) -> float:
    """The exact share of clauses two files have in common (Jaccard index)."""
    shared = len(clauses & others)
    return shared / (len(clauses) + len(others) - shared)


def _display(path: str) -> str:
    """``path`` relative to the current folder when it lies below it."""
    import os

    relative = os.path.relpath(path) if os.path.isabs(path) else path
    return path if relative.startswith("..") else relative
