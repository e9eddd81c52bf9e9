"""Where the time of one check goes, stage by stage: per file of a benchmark corpus, or on a
1 MB and a 40 KB draft built from the sample drafts.

    python benchmarks/stages.py [--runs N]
    python benchmarks/stages.py --corpus benchmarks/out/collections-2000x40kb [--files N]

The sample drafts are deterministic: the UTF-8 samples in samples/, joined in name order and
repeated up to the size. Each stage (read, normalise, lex, LALR parse, build the plan tree,
rules, the MinHash for duplicate detection) is timed on its own, as the median of N runs
over the same texts, so its code and data are warm. The last line times ``check_file`` once
per file, stages interleaved, as a batch worker runs it; that figure is the honest one and
is higher than the sum of the stages.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from checker.config import Config
from checker.duplicates import signature
from checker.engine import check_document
from checker.grammar import get_parser
from checker.model import Document
from checker.normalize import normalize
from checker.pipeline import check_file, parse
from checker.reading import read_source
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


def median_ms(action, items: list, runs: int) -> float:
    """Median over ``runs`` of the time ``action`` takes per item, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for item in items:
            action(item)
        times.append((time.perf_counter() - start) / len(items))
    return statistics.median(times) * 1000


def bench(paths: list[Path], runs: int) -> dict[str, float]:
    config = Config(batch=True)
    parser = get_parser()
    sources = [read_source(path) for path in paths]
    norms = [normalize(source.text) for source in sources]
    lexed = [(list(parser.lexer.tokens(norm.text, {}, starts := set())), starts) for norm in norms]
    trees = [(parser._lalr(iter(tokens)), starts) for tokens, starts in lexed]
    documents = [Document(path=source.path, format=source.format, encoding=source.encoding, text=source.text,
                          norm=norm, plans=Builder(parser.patterns, starts).plans(tree)[0], furniture=[])
                 for source, norm, (tree, starts) in zip(sources, norms, trees)]
    stages = {
        "read": median_ms(read_source, paths, runs),
        "normalise": median_ms(lambda source: normalize(source.text), sources, runs),
        "lex": median_ms(lambda norm: list(parser.lexer.tokens(norm.text, {}, set())), norms, runs),
        "LALR": median_ms(lambda pair: parser._lalr(iter(pair[0])), lexed, runs),
        "build tree": median_ms(lambda pair: Builder(parser.patterns, pair[1]).plans(pair[0]), trees, runs),
        "rules": median_ms(lambda document: check_document(document, config), documents, runs),
        "MinHash": median_ms(signature, documents, runs),
    }
    stages["sum of stages"] = sum(stages.values())
    stages["check_file, one pass"] = median_ms(lambda path: check_file(path, config), paths, 1)
    return stages


def report(label: str, paths: list[Path], runs: int) -> None:
    size = sum(path.stat().st_size for path in paths) / len(paths)
    print(f"{label}, median of {runs} runs (per file of {size / 1000:.0f} KB):")
    for stage, ms in bench(paths, runs).items():
        print(f"  {stage:<22} {ms:8.2f} ms" + (f"   {size / ms / 1000:.2f} MB/s on one core" if "," in stage else ""))


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=5, help="runs per measurement (median is shown)")
    options.add_argument("--corpus", type=Path, help="time the .txt files of this folder instead")
    options.add_argument("--files", type=int, default=100, help="how many corpus files (in name order)")
    args = options.parse_args()
    parse("一、指导思想")   # build the parser before timing
    if args.corpus:
        paths = sorted(args.corpus.glob("*.txt"))[:args.files]
        report(f"{args.corpus}: {len(paths)} files", paths, args.runs)
        return
    with tempfile.TemporaryDirectory() as folder:
        for label, size in SIZES.items():
            path = Path(folder) / f"{label.replace(' ', '')}.txt"
            path.write_text(draft(size), encoding="utf-8")
            report(f"{label} draft", [path], args.runs)


if __name__ == "__main__":
    main()
