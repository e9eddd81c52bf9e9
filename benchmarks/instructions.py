"""Instructions per checked file, counted by valgrind's callgrind: a figure that does not move
with the machine's load, for comparing two versions of the code (wall times on a shared
virtual machine vary by up to a third from run to run).

    python benchmarks/instructions.py [--corpus DIR] [--files N]

Runs ``check_file`` (as a batch worker does) over N files of the corpus under callgrind, and
once over none of them, with the hash seed and the address-space layout fixed, and prints
the difference per file. The corpus is made by ``python benchmarks/run.py``. Needs valgrind.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent / "out" / "collections-2000x40kb"
FIRST = 100     # the files counted start here; file 0 warms the caches up in both runs


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.txt"))


def child(corpus: Path, count: int) -> None:
    """What runs under callgrind: one warm-up file, then ``count`` files."""
    from checker.config import Config
    from checker.pipeline import check_file

    config = Config(batch=True)
    files = corpus_files(corpus)
    check_file(files[0], config)
    for path in files[FIRST:FIRST + count]:
        check_file(path, config)


def instructions(corpus: Path, count: int) -> int:
    """Instructions callgrind counts for a child process checking ``count`` files."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               sys.executable, __file__, "--child", str(count), "--corpus", str(corpus)]
    if shutil.which("setarch"):
        command = ["setarch", platform.machine(), "-R", *command]   # the same addresses every run
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if done.returncode != 0 or not found:
        sys.exit(f"instructions.py: callgrind run failed:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.corpus, args.child)
        return 0
    if not shutil.which("valgrind"):
        sys.exit("instructions.py: needs valgrind (apt install valgrind)")
    if len(corpus_files(args.corpus)) < FIRST + args.files:
        sys.exit(f"instructions.py: {args.corpus} needs {FIRST + args.files} files; run benchmarks/run.py first")
    subprocess.run([sys.executable, __file__, "--child", "1", "--corpus", str(args.corpus)], check=True)  # bytecode caches
    per_file = (instructions(args.corpus, args.files) - instructions(args.corpus, 0)) / args.files
    print(f"{args.corpus.name}: {per_file / 1e6:.1f} M instructions per file "
          f"(check_file, batch mode, mean of {args.files} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
