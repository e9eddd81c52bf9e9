"""Every speed figure of plancheck in one table (issue "Fast and unbreakable").

    python benchmarks/run.py [--quick] [--out DIR]

Corpora are generated deterministically by generate.py into ``--out`` (default
benchmarks/out/, gitignored) and reused while their manifest matches. Each figure is the
median of several runs with the spread (min-max); every target gets PASS or FAIL. This is a
report, not a test: it always exits 0. MB are 10^6 bytes.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import generate  # benchmarks/generate.py, next to this script

HERE = Path(__file__).resolve().parent
PLANCHECK = Path(sys.executable).with_name("plancheck")
if not PLANCHECK.exists():
    PLANCHECK = Path(shutil.which("plancheck") or "plancheck")
KEYWORDS = "经审|女职工|维权|指导思想|月份"
SEED = 1


@dataclass
class Row:
    """One line of the table: repeated measurements of one figure against its target."""

    label: str
    values: list[float]
    unit: str
    target: str = ""
    passed: bool | None = None      # None: no target
    note: str = ""                  # why a measurement failed

    def cells(self) -> list[str]:
        if not self.values:
            return [self.label, "-", "-", "0", self.target, "FAIL", self.note]
        median, low, high = statistics.median(self.values), min(self.values), max(self.values)
        spread = f"{_fmt(low)}–{_fmt(high)}" if len(self.values) > 1 else ""
        verdict = {True: "PASS", False: "FAIL", None: ""}[self.passed]
        return [self.label, f"{_fmt(median)} {self.unit}", spread, str(len(self.values)), self.target, verdict,
                self.note]


def _fmt(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


class Failed(Exception):
    """A measured command exited with an error."""


# --------------------------------------------------------------------------- corpora

def corpus(out: Path, kind: str, count: int = 1, size_kb: int | None = None) -> tuple[Path, list[Path]]:
    """The corpus folder and its draft files, generated unless an identical one is there."""
    folder = out / f"{kind}-{count}x{size_kb}kb"
    wanted = {"generator": generate.GENERATOR, "kind": kind, "seed": SEED, "count": count, "size_kb": size_kb}
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    files = [folder / entry["path"] for entry in manifest.get("files", [])]
    if {key: manifest.get(key) for key in wanted} != wanted or not all(path.is_file() for path in files):
        print(f"generating {folder.name} …", file=sys.stderr, flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        manifest = generate.generate(folder, kind, count, SEED, size_kb, jobs=os.cpu_count() or 1).to_dict()
        files = [folder / entry["path"] for entry in manifest["files"]]
    return folder, files


def megabytes(files: list[Path]) -> float:
    return sum(path.stat().st_size for path in files) / 1e6


# --------------------------------------------------------------------------- measuring

def repeat(once, runs: int, budget: float = float("inf")) -> list:
    """The values of ``runs`` calls of ``once()`` (fewer once ``budget`` seconds are spent, at least one)."""
    values: list = []
    started = time.perf_counter()
    while len(values) < runs and (not values or time.perf_counter() - started < budget):
        values.append(once())
    return values


def wall_time(command: list[str]) -> float:
    begin = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - begin
    _check(done.returncode, done.stderr)
    return elapsed


def timed(command: list[str], runs: int, budget: float = float("inf")) -> list[float]:
    return repeat(lambda: wall_time(command), runs, budget)


def _check(returncode: int, stderr: bytes) -> None:
    """Exit 0 and 1 (findings; grep: no match) are normal; other codes and tracebacks are failures."""
    if returncode not in (0, 1) or b"Traceback" in stderr:
        lines = stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit {returncode}"]
        raise Failed(f"exit {returncode}: {lines[-1][:100]}")


def process_tree_memory(root: int) -> dict[int, tuple[int, int]]:
    """pid -> (VmRSS, VmHWM) in bytes for ``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    memory, pending = {}, [root]
    while pending:
        pid = pending.pop()
        pending.extend(children.get(pid, ()))
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if line.startswith(("VmRSS", "VmHWM")))
        if fields:
            memory[pid] = (int(fields["VmRSS"].split()[0]) * 1024, int(fields["VmHWM"].split()[0]) * 1024)
    return memory


def peak_memory(command: list[str]) -> tuple[float, float]:
    """MB: (peak of the process tree's summed VmRSS, sampled every 50 ms; largest VmHWM of one process).

    VmHWM is each process's own peak, so the second figure misses nothing between samples.
    (getrusage's ru_maxrss is not used: Linux carries the spawning process's peak RSS over
    fork and exec, so it would report this script's size, not plancheck's.)
    """
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        peak, high_water = 0, {}
        while process.poll() is None:
            sample = process_tree_memory(process.pid)
            peak = max(peak, sum(rss for rss, _ in sample.values()))
            high_water.update((pid, hwm) for pid, (_, hwm) in sample.items())
            time.sleep(0.05)
        stderr.seek(0)
        _check(process.returncode, stderr.read())
    return peak / 1e6, max(high_water.values(), default=0) / 1e6


def measure(label: str, unit: str, target: str, work, meets=None) -> Row:
    """A row from ``work()`` (a list of values); ``meets(median)`` decides PASS/FAIL."""
    try:
        values = work()
    except Failed as error:
        return Row(label, [], unit, target, False, str(error))
    passed = meets(statistics.median(values)) if meets else None
    return Row(label, values, unit, target, passed)


# --------------------------------------------------------------------------- the figures

def cold_start(out: Path) -> list[Row]:
    _, (draft,) = corpus(out, "single", size_kb=10)
    check = [str(PLANCHECK), "check", str(draft), "--format", "plain"]
    subprocess.run(check, capture_output=True)  # warm the page cache and __pycache__
    return [
        measure("python -c pass (floor)", "s", "", lambda: timed([sys.executable, "-c", "pass"], 7)),
        measure("plancheck --version", "s", "≤ 0.15 s",
                lambda: timed([str(PLANCHECK), "--version"], 7), lambda t: t <= 0.15),
        measure(f"check one {draft.stat().st_size // 1000} KB draft, plain", "s", "≤ 0.3 s",
                lambda: timed(check, 7), lambda t: t <= 0.3),
    ]


def throughput(out: Path, count: int, scratch: Path, budget: float) -> list[Row]:
    """Each format's rate; the formats' runs take turns, so a change in the machine's speed
    during the measurement falls on every format alike."""
    folder, files = corpus(out, "collections", count, 40)
    size = megabytes(files)
    formats = ("json", "plain", "sarif")
    commands = {fmt: [str(PLANCHECK), "check", str(folder), "--jobs", "2", "--format", fmt,
                      "--no-progress", "-o", str(scratch / f"x.{fmt}")] for fmt in formats}
    rates: dict[str, list[float]] = {fmt: [] for fmt in formats}
    errors: dict[str, Failed] = {}

    def one_round() -> None:
        for fmt in formats:
            if fmt not in errors:
                try:
                    rates[fmt].append(size / wall_time(commands[fmt]))
                except Failed as error:
                    errors[fmt] = error

    repeat(one_round, 3, budget)

    def rates_of(fmt: str) -> list[float]:
        if fmt in errors:
            raise errors[fmt]
        return rates[fmt]

    rows = [measure(f"check {count} × 40 KB ({size:.0f} MB), --jobs 2, {fmt}", "MB/s", "≥ 8 MB/s",
                    partial(rates_of, fmt), lambda rate: rate >= 8)      # the target holds for every format
            for fmt in formats]
    grep = ["grep", "-cE", KEYWORDS, *map(str, files)]
    rows.append(measure(f"grep -cE keywords, same {count} files (floor)", "MB/s", "",
                        lambda: [size / t for t in timed(grep, 5)]))
    return rows


def scaling(out: Path) -> list[Row]:
    from checker.config import Config
    from checker.pipeline import check_file

    _, (small,) = corpus(out, "single", size_kb=10)
    _, (large,) = corpus(out, "single", size_kb=1024)
    _, (big,) = corpus(out, "big", size_kb=10 * 1024)
    config = Config()

    def api_times(path: Path, runs: int) -> list[float]:
        times = []
        for _ in range(runs):
            begin = time.perf_counter()
            result = check_file(path, config)
            times.append(time.perf_counter() - begin)
            if result.error:
                raise Failed(f"{path.name}: {result.error}")
        return times

    try:
        api_times(small, 1)  # warm-up: grammar, dictionaries, rule pack
        small_times, large_times = api_times(small, 7), api_times(large, 3)
    except Exception as error:  # e.g. the engine is missing: report it, keep the table
        return [Row("scaling (Python API)", [], "", "≤ 120×", False, f"{type(error).__name__}: {error}")]
    factor = large.stat().st_size / small.stat().st_size
    ratios = [t / statistics.median(small_times) for t in large_times]
    big_mb = big.stat().st_size / 1e6
    return [
        Row(f"check_file {small.stat().st_size // 1000} KB draft (API)", small_times, "s"),
        Row(f"check_file {large.stat().st_size / 1e6:.1f} MB draft (API)", large_times, "s"),
        Row(f"time ratio 1 MB / 10 KB (size × {factor:.0f})", ratios, "×", "≤ 120×",
            statistics.median(ratios) <= 120),
        measure(f"check one {big_mb:.0f} MB draft, plain (CLI)", "s", "completes",
                lambda: timed([str(PLANCHECK), "check", str(big), "--format", "plain"], 1), lambda t: True),
    ]


def memory(out: Path, count: int, scratch: Path, budget: float) -> list[Row]:
    folder, files = corpus(out, "collections", count, 4)
    command = [str(PLANCHECK), "check", str(folder), "--jobs", "2", "--format", "json", "--no-progress",
               "-o", str(scratch / "memory.json")]
    label = f"{count} × ~{megabytes(files) / count * 1000:.0f} KB, --jobs 2, json"
    try:
        runs = repeat(lambda: peak_memory(command), 2, budget * 0.3)
    except Failed as error:
        return [Row(f"peak RSS {label}", [], "MB", "< 250 MB", False, str(error))]
    return [
        Row(f"peak RSS, sum over process tree: {label}", [total for total, _ in runs], "MB", "< 250 MB",
            statistics.median(total for total, _ in runs) < 250),
        Row("  peak of the largest single process (VmHWM)", [single for _, single in runs], "MB"),
    ]


# --------------------------------------------------------------------------- report

def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU")
    version = subprocess.run([str(PLANCHECK), "--version"], capture_output=True, text=True).stdout.strip()
    return (f"machine: {len(os.sched_getaffinity(0))} of {os.cpu_count()} cores, {model}; "
            f"Python {platform.python_version()}; {version or 'plancheck not runnable'}")


def print_table(sections: list[tuple[str, list[Row]]]) -> None:
    header = ["measure", "median", "spread (min–max)", "runs", "target", "result", ""]
    table = [row.cells() for _, rows in sections for row in rows]
    widths = [max(len(cells[i]) for cells in [header, *table]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()

    print(line(header))
    for title, rows in sections:
        print(f"-- {title}")
        for row in rows:
            print(line(row.cells()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora (300 collections, 2,000 small files)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="corpus folder (default: benchmarks/out)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    budget = 15 if args.quick else 90  # seconds of repeats for the slowest figure
    # An installed plancheck runs from byte-compiled modules: let the first run write them, or
    # every cold start would measure Python compiling its sources.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    print(machine(), flush=True)
    with tempfile.TemporaryDirectory(prefix="plancheck-bench-") as scratch:
        sections = [
            ("cold start (fresh process, warm disk cache)", cold_start(args.out)),
            ("throughput, end to end", throughput(args.out, 300 if args.quick else 2000, Path(scratch), budget)),
            ("scaling", scaling(args.out)),
            ("memory", memory(args.out, 2000 if args.quick else 10_000, Path(scratch), budget)),
        ]
    print_table(sections)
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
