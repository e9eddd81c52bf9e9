"""How long parsing takes: a 1 MB and a 40 KB draft built from the sample drafts.

    python benchmarks/parse_bench.py [--runs N]

The drafts are deterministic: the UTF-8 samples in samples/, joined in name order and
repeated up to the size. Prints the median of N runs for each stage (normalise, lex and
parse, build the plan tree) and for the whole ``checker.pipeline.parse``.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from checker.grammar import get_parser
from checker.normalize import normalize
from checker.pipeline import parse
from checker.structure import Builder

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SIZES = {"1 MB": 2**20, "40 KB": 40 * 2**10}


def draft(size: int) -> str:
    """Sample drafts repeated up to ``size`` bytes of UTF-8."""
    names = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))
    pieces = []
    for path in names:
        try:
            pieces.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:    # the encoded samples (GB18030, UTF-16, Big5) are skipped
            continue
    unit = "\n".join(pieces)
    text = unit * (size // len(unit.encode("utf-8")) + 1)
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore")


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench(text: str, runs: int) -> dict[str, float]:
    parser = get_parser()
    norm = normalize(text)
    tree, inline_starts = parser.parse(norm.text)
    return {
        "normalise": median_ms(lambda: normalize(text), runs),
        "lex + parse": median_ms(lambda: parser.parse(norm.text), runs),
        "build tree": median_ms(lambda: Builder(parser.patterns, inline_starts).plans(tree), runs),
        "parse() total": median_ms(lambda: parse(text), runs),
    }


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=7, help="runs per measurement (median is shown)")
    runs = options.parse_args().runs
    parse("一、指导思想")   # build the parser before timing
    for label, size in SIZES.items():
        text = draft(size)
        lines = text.count("\n") + 1
        print(f"{label} draft ({len(text):,} characters, {lines:,} lines), median of {runs} runs:")
        for stage, ms in bench(text, runs).items():
            print(f"  {stage:<14} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
