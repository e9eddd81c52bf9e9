"""Reviewer mode: a batch of a few hundred generated submissions, checked by the installed command.

The batch (benchmarks/generate.py, kind "submissions") is generated once for the module;
its manifest.json is the ground truth: near_copy_of, year_mismatch, web_boilerplate,
unreadable. Every subprocess has a timeout. The whole module takes about 30 s.
"""
from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

PLANCHECK = Path(sys.executable).with_name("plancheck")
REPO = Path(__file__).resolve().parents[1]
GENERATE = REPO / "benchmarks" / "generate.py"
COUNT = 220
SEED = 11
TIMEOUT = 120

COPY = re.compile(r"与 (?P<other>\S+) 有约 (?P<share>\d+)% 的文本相同")
TEMPLATE_SITE = "范文网站"

pytestmark = pytest.mark.skipif(not PLANCHECK.exists(), reason=f"plancheck is not installed next to {sys.executable}")


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    clean_env = {k: v for k, v in os.environ.items()
                 if k not in ("GITHUB_ACTIONS", "CI", "PLANCHECK_LANG", "NO_COLOR", "COLUMNS", "FORCE_COLOR")}
    clean_env.update(env or {})
    return subprocess.run([str(PLANCHECK), *args], cwd=cwd, capture_output=True, env=clean_env, timeout=TIMEOUT)


def _generator():
    """benchmarks/generate.py as a module (the benchmarks folder is not a package)."""
    spec = importlib.util.spec_from_file_location("plancheck_benchmarks_generate", GENERATE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, list[dict]]:
    """The submissions folder and the manifest's file entries."""
    folder = tmp_path_factory.mktemp("submissions")
    manifest = _generator().generate(folder, "submissions", COUNT, SEED, None)
    files = manifest.files
    assert len(files) == COUNT
    assert sum(bool(f["unreadable"]) for f in files) == 2
    assert sum(bool(f["near_copy_of"]) for f in files) >= 5
    assert sum(bool(f["year_mismatch"]) for f in files) >= 5
    return folder, files


@pytest.fixture(scope="module")
def json_runs(batch) -> dict[int, subprocess.CompletedProcess]:
    folder, _ = batch
    return {jobs: run("check", "--format", "json", "--jobs", str(jobs), ".", cwd=folder) for jobs in (1, 2)}


@pytest.fixture(scope="module")
def report(json_runs) -> dict:
    return json.loads(json_runs[1].stdout.decode("utf-8"))


def findings_of(entry: dict, rule: str) -> list[dict]:
    return [f for f in entry["findings"] + [f for plan in entry["plans"] for f in plan["findings"]]
            if f["rule"] == rule]


# --------------------------------------------------------------------------- determinism, exit code

def test_jobs_1_and_2_give_byte_identical_json(json_runs):
    one, two = json_runs[1], json_runs[2]
    assert one.returncode == two.returncode == 2, two.stderr.decode("utf-8", "replace")[-2000:]
    assert one.stdout == two.stdout


def test_one_entry_per_file_in_sorted_order(batch, report):
    _, files = batch
    assert [entry["path"] for entry in report["files"]] == sorted(f["path"] for f in files)
    unreadable = {f["path"] for f in files if f["unreadable"]}
    assert {e["path"] for e in report["files"] if e["error"]} == unreadable
    assert report["summary"]["files"] == COUNT and report["summary"]["unreadable"] == len(unreadable)
    assert report["summary"]["plans"] == sum(len(e["plans"]) for e in report["files"])


def test_exit_code_is_2_because_of_the_unreadable_files(batch, json_runs):
    folder, files = batch
    unreadable = sorted(f["path"] for f in files if f["unreadable"])
    readable = sorted(f["path"] for f in files if not f["unreadable"])[:3]
    assert json_runs[1].returncode == 2
    assert run("check", "--format", "parsable", "--jobs", "1", *readable, cwd=folder).returncode in (0, 1)
    mixed = run("check", "--format", "parsable", "--jobs", "1", *readable, unreadable[0], cwd=folder)
    assert mixed.returncode == 2
    assert run("check", "--exit-zero", "--jobs", "1", *readable, unreadable[0], cwd=folder).returncode == 0


# --------------------------------------------------------------------------- reviewer reports

def _table_rows(text: str) -> list[list[str]]:
    """The body rows of the summary table (a row continued on further lines is joined)."""
    start = text.index("审查汇总")
    rows: list[list[str]] = []
    for line in text[start:].splitlines():
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        if cells[0]:
            rows.append(cells)
        else:                                   # a wrapped cell: continue the previous row
            rows[-1] = [a + b for a, b in zip(rows[-1], cells)]
    return rows


@pytest.fixture(scope="module")
def summary_text(batch) -> str:
    # COLUMNS: rich would cut the table to 80 columns (and the paths to "branch-…") without it
    folder, _ = batch
    done = run("check", "--summary", "--format", "plain", ".", cwd=folder, env={"COLUMNS": "400"})
    assert done.returncode == 2
    return done.stdout.decode("utf-8")


def test_summary_has_one_row_per_plan_and_unreadable_files_as_error_rows(batch, report, summary_text):
    _, files = batch
    rows = _table_rows(summary_text)
    expected = {(e["path"], str(p["index"])) for e in report["files"] for p in e["plans"]}
    unreadable = {f["path"] for f in files if f["unreadable"]}
    assert len(rows) == len(expected) + len(unreadable)
    assert {(r[0], r[1]) for r in rows if r[1]} == expected
    error_rows = [r for r in rows if r[4] == "无法读取"]
    assert {r[0] for r in error_rows} == unreadable
    assert rows[:len(unreadable)] == error_rows                         # worst first
    reasons = {r[0]: r[5] for r in error_rows}
    assert all(reasons.values())
    assert summary_text.rstrip().endswith(f"无法读取 {len(unreadable)}")


def test_summary_in_a_file_keeps_whole_paths(batch):
    folder, files = batch
    some = sorted(f["path"] for f in files if f["unreadable"]) + sorted(f["path"] for f in files)[:3]
    done = run("check", "--summary", "--format", "plain", "--jobs", "1", *some, cwd=folder)
    rows = _table_rows(done.stdout.decode("utf-8"))
    assert {r[0] for r in rows} == set(some)


def test_csv_report(batch, report):
    folder, files = batch
    done = run("check", "--format", "csv", "-o", "report.csv", ".", cwd=folder)
    assert done.returncode == 2 and done.stdout == b""
    try:
        data = (folder / "report.csv").read_bytes()
    finally:
        (folder / "report.csv").unlink(missing_ok=True)     # not a draft, but keep the batch as generated
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert rows[0] == ["文件", "篇", "单位", "年度", "结论", "缺少的要素", "错误", "警告", "月度覆盖"]
    body = rows[1:]
    plans = {(e["path"], str(p["index"])) for e in report["files"] for p in e["plans"]}
    unreadable = {f["path"] for f in files if f["unreadable"]}
    assert len(body) == len(plans) + len(unreadable)
    assert {(r[0], r[1]) for r in body if r[1]} == plans
    assert {r[0] for r in body if r[4] == "无法读取"} == unreadable

    def badness(row):
        if row[4] == "无法读取":
            return (0, 0, 0, 0, row[0])
        missing = len(row[5].split("、")) if row[5] else 0
        return (1, -missing, -int(row[6]), -int(row[7]), row[0], int(row[1]))

    assert body == sorted(body, key=badness)                       # worst first
    by_plan = {(e["path"], str(p["index"])): p for e in report["files"] for p in e["plans"]}
    for row in body[len(unreadable):]:
        plan = by_plan[(row[0], row[1])]
        assert int(row[6]) == sum(f["severity"] == "error" for f in plan["findings"])
        assert row[4] == ("合格" if row[6] == "0" else "需修改")


# --------------------------------------------------------------------------- ground truth

def _family(files: list[dict]) -> dict[str, str]:
    """Each file's original: itself, or the file it (transitively) copies."""
    source = {f["path"]: f["near_copy_of"] for f in files}

    def root(path: str) -> str:
        while source.get(path):
            path = source[path]
        return path
    return {path: root(path) for path in source}


def test_duplicates_name_exactly_the_near_copies(batch, report, capsys):
    _, files = batch
    truth = {(f["path"], f["near_copy_of"]) for f in files if f["near_copy_of"]}
    copies = {path for path, _ in truth}
    found, template = set(), set()
    for entry in report["files"]:
        duplicates = findings_of(entry, "duplicate-submission")
        assert len(duplicates) <= 1, entry["path"]
        for finding in duplicates:
            match = COPY.search(finding["message"])
            if match:
                found.add((entry["path"], match["other"]))
                assert int(match["share"]) >= 60
            else:
                assert TEMPLATE_SITE in finding["message"], finding["message"]
                template.add(entry["path"])
    # A copy may name its source or, when one source was copied twice, the earlier copy: the
    # MinHash estimates (128 values, about ±4%) can rank a sibling above the source.
    family = _family(files)
    right = {(path, other) for path, other in found if path in copies and family[path] == family[other]}
    flagged = {path for path, _ in found}
    precision = len(right) / len(found) if found else 1.0
    recall = len(copies & {path for path, _ in right}) / len(copies)
    with capsys.disabled():
        print(f"\nduplicate-submission: {len(truth)} near copies in the manifest, {len(found)} flagged, "
              f"{len(found & truth)} naming the exact source; precision {precision:.2f}, recall {recall:.2f}")
    assert not copies - flagged, f"near copies missed: {sorted(truth - found)}"
    assert found == right, f"false near copies: {sorted(found - right)}"
    assert len(found & truth) >= len(truth) - 1

    # The rule's other reason: text from a template-site collection (manifest web_boilerplate).
    # The generator wraps only .txt/.md files in web text; a .docx marked web_boilerplate holds none.
    web = {f["path"] for f in files if f["web_boilerplate"]}
    web_text = {f["path"] for f in files if f["web_boilerplate"] and f["format"] in ("txt", "md")}
    assert template <= web, f"template-site findings on clean files: {sorted(template - web)}"
    assert web_text <= template, f"template-site text missed: {sorted(web_text - template)}"


def _year_findings(report) -> set[str]:
    return {entry["path"] for entry in report["files"] if findings_of(entry, "year-mismatch")}


def test_year_mismatch_has_no_false_findings(batch, report, capsys):
    _, files = batch
    truth = {f["path"] for f in files if f["year_mismatch"]}
    flagged = _year_findings(report)
    with capsys.disabled():
        print(f"\nyear-mismatch: {len(truth)} in the manifest, {len(flagged)} flagged, {len(flagged & truth)} right "
              f"(recall {len(flagged & truth) / len(truth):.2f})")
    assert not flagged - truth, f"false year-mismatch findings: {sorted(flagged - truth)}"


def test_year_mismatch_in_the_opening_paragraph_is_flagged(batch, report):
    # the generator writes last year into the first paragraph when the plan has no schedule
    _, files = batch
    openings = {f["path"] for f in files if f["year_mismatch"] and not f["months"]}
    assert openings, "the batch has no mismatch of this variant: change SEED"
    assert openings <= _year_findings(report)


def test_year_mismatch_in_the_schedule_heading_is_flagged(batch, report):
    # otherwise the generator writes last year into the heading of the schedule section
    _, files = batch
    headings = {f["path"] for f in files if f["year_mismatch"] and f["months"]}
    assert headings <= _year_findings(report), sorted(headings - _year_findings(report))


# --------------------------------------------------------------------------- Python API

def test_python_api_one_result_per_file_and_results_pickle(batch):
    import checker
    from checker.config import Config

    folder, files = batch
    results = list(checker.check_paths([str(folder)], Config()))
    assert len(results) == COUNT
    assert [Path(r.path).name for r in results] == sorted(f["path"] for f in files)
    assert {Path(r.path).name for r in results if r.error} == {f["path"] for f in files if f["unreadable"]}
    copies = pickle.loads(pickle.dumps(results))
    assert copies == results
    assert sum(len(r.plans) for r in copies) == COUNT - 2
