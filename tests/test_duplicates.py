"""Duplicate submissions: the first files of a batch are compared exactly, later ones through
the MinHash LSH index; both ways flag the same near-copies, and a small batch of distinct
drafts never imports datasketch."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from checker import duplicates
from checker.config import Config
from checker.duplicates import DuplicateFinder
from checker.pipeline import check_file
from checker.rulepack import load_ruleset

REPO = Path(__file__).resolve().parents[1]
DRAFTS = ("factory-plan-2025.txt", "scraped-street-plan.txt", "township-plan-inline-items.txt",
          "community-plan-months-variants.txt", "agency-plan-parts.txt")


def _near_copy(text: str, unit: str) -> str:
    """The draft as another branch would resubmit it: its own name, every sixth line dropped,
    one line added (about 78% of the clauses shared with the draft)."""
    lines = [line for number, line in enumerate(text.splitlines(), start=1) if number % 6]
    lines.insert(3, f"{unit}将结合本单位实际，认真落实上级工会的各项部署。")
    return "\n".join(lines).replace("工会", f"{unit}工会", 1)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> list[Path]:
    """Five distinct drafts, each followed later by near-copies from two other branches."""
    folder = tmp_path_factory.mktemp("batch")
    paths = []
    for number, name in enumerate(DRAFTS):
        text = (REPO / "samples" / name).read_text(encoding="utf-8")
        paths.append(folder / f"{number:02d}-{name}")
        paths[-1].write_text(text, encoding="utf-8")
    for number, name in enumerate(DRAFTS):
        text = (REPO / "samples" / name).read_text(encoding="utf-8")
        for copy, unit in enumerate(("东区", "西区")):
            paths.append(folder / f"{10 + 2 * number + copy:02d}-copy-{name}")
            paths[-1].write_text(_near_copy(text, unit), encoding="utf-8")
    return paths


def _flagged(paths: list[Path]) -> dict[str, str]:
    """File name -> the duplicate finding's message, for the files a DuplicateFinder flags."""
    config = replace(Config(), batch=True)
    finder = DuplicateFinder(load_ruleset(config).get("duplicate-submission"), "en")
    flagged = {}
    for path in paths:
        result = finder.add(check_file(path, config))
        for plan in result.plans:
            for finding in plan.findings:
                if finding.rule == "duplicate-submission" and "the same as" in finding.message:
                    flagged[path.name] = finding.message
    return flagged


def test_exact_comparison_and_lsh_index_flag_the_same_copies(batch, monkeypatch):
    exact = _flagged(batch)
    assert sorted(exact) == sorted(path.name for path in batch if "-copy-" in path.name)
    for name, message in exact.items():     # each copy names its source or the other copy
        source = name.split("-copy-")[1]
        assert source in message, (name, message)
    monkeypatch.setattr(duplicates, "SMALL_BATCH", 0)        # the index from the first file on
    assert _flagged(batch) == exact
    monkeypatch.setattr(duplicates, "SMALL_BATCH", 7)        # the index made halfway through
    assert _flagged(batch) == exact


def test_small_batch_of_distinct_drafts_does_not_import_datasketch(tmp_path):
    for name in DRAFTS:
        (tmp_path / name).write_text((REPO / "samples" / name).read_text(encoding="utf-8"), encoding="utf-8")
    script = ("import sys\nfrom checker.cli import main\n"
              "try:\n    main(['check', '--format', 'json', '--no-progress', '-o', 'out.json', '.'])\n"
              "except SystemExit:\n    pass\n"
              "print(sorted(m for m in ('datasketch', 'scipy', 'numpy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
    assert '"duplicate-submission"' not in (tmp_path / "out.json").read_text(encoding="utf-8")
