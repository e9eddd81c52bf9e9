"""Duplicate submissions: near-copies are flagged naming their source, with a share close to
the exact share of clauses; distinct drafts are not; the rule's threshold decides, and the LSH
index's bands follow it; a single draft never loads rensa."""
from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from checker.config import Config
from checker.duplicates import NUM_PERM, RECALL, DuplicateFinder, clauses, lsh_bands
from checker.pipeline import check_file, load
from checker.rulepack import load_ruleset

REPO = Path(__file__).resolve().parents[1]
DRAFTS = ("factory-plan-2025.txt", "scraped-street-plan.txt", "township-plan-inline-items.txt",
          "community-plan-months-variants.txt", "agency-plan-parts.txt")
SHARE = re.compile(r"about (\d+)% of its text is the same as (\S+)")


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


def _flagged(paths: list[Path], threshold: float | None = None) -> dict[str, tuple[int, str]]:
    """File name -> (reported share in %, the file it names), for the files flagged as copies."""
    config = replace(Config(), batch=True)
    rule = load_ruleset(config).get("duplicate-submission")
    if threshold is not None:
        rule = replace(rule, prepared={**rule.prepared, "threshold": threshold})
    finder = DuplicateFinder(rule, "en")
    flagged = {}
    for path in paths:
        result = finder.add(check_file(path, config))
        for plan in result.plans:
            for finding in plan.findings:
                copied = SHARE.search(finding.message) if finding.rule == "duplicate-submission" else None
                if copied:
                    flagged[path.name] = (int(copied[1]), Path(copied[2]).name)
    return flagged


def test_near_copies_are_flagged_naming_their_source(batch):
    flagged = _flagged(batch)
    assert sorted(flagged) == sorted(path.name for path in batch if "-copy-" in path.name)
    for name, (_, other) in flagged.items():     # its source, or the other branch's copy of it
        assert other.endswith(name.split("-copy-")[1]) and other != name, (name, other)


def test_reported_share_is_close_to_the_exact_share_of_clauses(batch):
    by_name = {path.name: path for path in batch}
    for name, (share, other) in _flagged(batch).items():
        mine, theirs = clauses(load(by_name[name])), clauses(load(by_name[other]))
        exact = len(mine & theirs) / len(mine | theirs)
        assert abs(share / 100 - exact) <= 0.12, (name, other, share, exact)   # 128 values: sd ~0.04


def test_a_batch_of_distinct_drafts_has_no_copies(batch):
    assert _flagged([path for path in batch if "-copy-" not in path.name]) == {}


def test_the_threshold_is_honoured_and_the_index_follows_it(tmp_path):
    """A branch that kept every other line of a draft shares about half of its clauses: a
    copy under a threshold of 0.3, not under the default 0.6."""
    text = (REPO / "samples" / DRAFTS[0]).read_text(encoding="utf-8")
    source, half = tmp_path / "a-source.txt", tmp_path / "b-half.txt"
    source.write_text(text, encoding="utf-8")
    half.write_text("\n".join(text.splitlines()[::2]), encoding="utf-8")
    assert _flagged([source, half]) == {}
    share, other = _flagged([source, half], threshold=0.3)["b-half.txt"]
    assert other == "a-source.txt" and 30 <= share <= 70


@pytest.mark.parametrize("threshold", [0.1, 0.2, 0.35, 0.5, 0.6, 0.75, 0.9])
def test_lsh_bands_are_the_fewest_that_reach_the_recall(threshold):
    def recall(bands: int) -> float:
        return 1 - (1 - threshold ** (NUM_PERM // bands)) ** bands
    bands = lsh_bands(threshold)
    assert NUM_PERM % bands == 0 and recall(bands) >= RECALL
    assert bands == 1 or recall(bands // 2) < RECALL


def test_checking_one_draft_does_not_load_rensa(tmp_path):
    script = ("import sys\nfrom checker.cli import main\n"
              "try:\n    main(['check', '--format', 'json', '-o', 'out.json', sys.argv[1]])\n"
              "except SystemExit:\n    pass\n"
              "print('rensa' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script, str(REPO / "samples" / DRAFTS[0])], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
    assert (tmp_path / "out.json").exists()
