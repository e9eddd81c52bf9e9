"""How long parsing takes, stage by stage: on a 1 MB and a 40 KB draft built from the sample
drafts, or per file of a benchmark corpus.

    python benchmarks/parse_bench.py [--runs N]
    python benchmarks/parse_bench.py --corpus benchmarks/out/collections-300x40kb [--files N]

The sample drafts are deterministic: the UTF-8 samples in samples/, joined in name order and
repeated up to the size. Prints the median of N runs of each stage (normalise, lex, lex and
LALR parse, build the plan tree) and of the whole ``checker.pipeline.parse``; for a corpus,
the time per file, over its first N files.
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


def median_ms(action, texts: list[str], runs: int) -> float:
    """Median over ``runs`` of the time ``action`` takes per text, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            action(text)
        times.append((time.perf_counter() - start) / len(texts))
    return statistics.median(times) * 1000


def bench(texts: list[str], runs: int) -> dict[str, float]:
    parser = get_parser()
    norms = [normalize(text).text for text in texts]
    trees = {norm: parser.parse(norm) for norm in norms}

    def lex(norm: str) -> None:
        for _ in parser.lexer.tokens(norm, {}, set()):
            pass

    def build(norm: str) -> None:
        tree, inline_starts = trees[norm]
        Builder(parser.patterns, inline_starts).plans(tree)

    return {
        "normalise": median_ms(normalize, texts, runs),
        "lex": median_ms(lex, norms, runs),
        "lex + LALR": median_ms(parser.parse, norms, runs),
        "build tree": median_ms(build, norms, runs),
        "parse() total": median_ms(parse, texts, runs),
    }


def report(label: str, texts: list[str], runs: int) -> None:
    print(f"{label}, median of {runs} runs:")
    for stage, ms in bench(texts, runs).items():
        print(f"  {stage:<14} {ms:8.2f} ms")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=7, help="runs per measurement (median is shown)")
    options.add_argument("--corpus", type=Path, help="time the .txt files of this folder instead")
    options.add_argument("--files", type=int, default=50, help="how many corpus files (in name order)")
    args = options.parse_args()
    parse("一、指导思想")   # build the parser before timing
    if args.corpus:
        paths = sorted(args.corpus.glob("*.txt"))[:args.files]
        texts = [path.read_text(encoding="utf-8") for path in paths]
        report(f"{args.corpus}: per file of {len(texts)}", texts, args.runs)
        return
    for label, size in SIZES.items():
        text = draft(size)
        report(f"{label} draft ({len(text):,} characters, {text.count(chr(10)) + 1:,} lines)", [text], args.runs)


if __name__ == "__main__":
    main()
