"""Hostile input through the installed ``plancheck`` command: every bad file gets a clear
one-line message naming it or a normal report, never a traceback or a hang, and the other
files of a batch still complete. plancheck never writes to the files it checks."""
from __future__ import annotations

import io
import json
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

PLANCHECK = Path(sys.executable).with_name("plancheck")
if not PLANCHECK.exists():
    PLANCHECK = Path(shutil.which("plancheck") or "plancheck")
ENV = {**os.environ, "PLANCHECK_LANG": "en", "NO_COLOR": "1"}

PLAN = """\
××公司工会20xx年工作计划

一、指导思想
以习近平新时代中国特色社会主义思想为指导，全心全意为职工服务。
二、主要工作
（一）依法维护职工合法权益，签订集体合同。
（二）经审委员会每半年审查一次工会经费收支情况。
（三）女职工委员会组织女职工健康体检。
三、月度工作安排
3月：在××会堂开展三八节活动。
4月：召开职工代表大会。
"""

# Reports the wrapped command's peak RSS (kB, the largest single process) as the last stderr line.
RSS_WRAPPER = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)")


def plancheck(*args, cwd: Path, stdin: bytes | None = None, timeout: float = 30, rss: bool = False,
              prefix: tuple = ()):
    """(exit code, stdout, stderr) of the installed command (run through ``prefix``); a hang
    fails the test."""
    command = [*prefix, str(PLANCHECK), *map(str, args)]
    if rss:
        command = [sys.executable, "-c", RSS_WRAPPER, *command]
    done = subprocess.run(command, input=stdin, capture_output=True, cwd=cwd, env=ENV, timeout=timeout)
    stdout, stderr = done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr[-3000:]
    return done.returncode, stdout, stderr


def json_report(cwd: Path, *paths, timeout: float = 30, extra: tuple = (),
                prefix: tuple = ()) -> tuple[int, dict[str, dict]]:
    """Exit code and the JSON report's file objects by path (files reported twice fail)."""
    out = cwd / "report.json"
    code, _, stderr = plancheck("check", *paths, "--jobs", 2, "--format", "json", "--no-progress", "-o", out,
                                *extra, cwd=cwd, timeout=timeout, prefix=prefix)
    assert code in (0, 1, 2), stderr
    files = json.loads(out.read_text(encoding="utf-8"))["files"]
    by_path = {entry["path"]: entry for entry in files}
    assert len(by_path) == len(files), "a file was reported twice"
    return code, by_path


# --------------------------------------------------------------------------- hostile files

def docx_bytes(text: str = PLAN, padding: int = 0, lie_about_size: bool = False) -> bytes:
    """A .docx of ``text``; ``padding`` bytes of spaces inflate document.xml (stream-compressed, small on disk).

    ``lie_about_size`` declares document.xml as 1 KB whatever it really unpacks to.
    """
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    plain = io.BytesIO()
    document.save(plain)
    padded = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "word/document.xml":
                target.writestr(info.filename, data)
                continue
            head, tail = data.split(b"</w:body>")
            with target.open("word/document.xml", "w") as part:
                part.write(head)
                for start in range(0, padding, 2**20):
                    part.write(b" " * min(2**20, padding - start))
                part.write(b"</w:body>" + tail)
    data = padded.getvalue()
    return _declare_size(data, b"word/document.xml", 1024) if lie_about_size else data


def _declare_size(data: bytes, name: bytes, size: int) -> bytes:
    """``data`` with the uncompressed size of ``name`` in its local and central headers set to ``size``."""
    patched = bytearray(data)
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = patched.find(signature)
        while patched[at + name_at:at + name_at + len(name)] != name:
            at = patched.find(signature, at + 1)
        struct.pack_into("<I", patched, at + size_at, size)
    return bytes(patched)


def mixed_newlines(text: str) -> str:
    lines = text.split("\n")
    return "".join(line + ("\r\n", "\r", "\n")[index % 3] for index, line in enumerate(lines[:-1])) + lines[-1]


# name -> (how to make its bytes, None for a normal report or a piece of the one-line English error)
HOSTILE = {
    "empty.txt": (lambda: b"", "the file is empty"),
    "whitespace.txt": (lambda: " \n\t\r\n\u3000\r\n  ".encode(), "only whitespace"),
    "garbage.txt": (lambda: random.Random(7).randbytes(4096), "not a text draft"),
    "nul-bytes.txt": (lambda: PLAN.encode()[:40] + b"\x00\x00" + PLAN.encode()[40:], "binary data"),
    "invalid-utf8.txt": (lambda: PLAN.encode()[:64] + b"\xff\xfe\xc3" + PLAN.encode()[64:], None),
    "mixed-newlines.txt": (lambda: mixed_newlines(PLAN).encode(), None),
    "one-1mb-line.txt": (lambda: ("以习近平新时代中国特色社会主义思想为指导，" * 17_000).encode(), None),
    "10000-headings.txt": (lambda: ("工会工作计划\n" + "".join(f"{n}. 工作要点第{n}项\n" for n in range(1, 10_001)))
                           .encode(), None),
    "truncated.docx": (lambda: docx_bytes()[:3000], "damaged or incomplete"),
    "inflates-200mb.docx": (lambda: docx_bytes(padding=200 * 2**20), "unpacks to more than the 64 MB limit"),
    "lies-about-size.docx": (lambda: docx_bytes(padding=200 * 2**20, lie_about_size=True), "damaged or incomplete"),
}


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    """Every hostile file plus two good drafts, in one folder."""
    folder = tmp_path_factory.mktemp("hostile")
    for name, (make, _) in HOSTILE.items():
        (folder / name).write_bytes(make())
    (folder / "good.txt").write_text(PLAN, encoding="utf-8")
    (folder / "good.docx").write_bytes(docx_bytes())
    return folder


def one_line_error(output: str, name: str, expected: str) -> None:
    lines = [line for line in output.splitlines() if name in line]
    assert any(expected in line for line in lines), f"no line names {name} with {expected!r}:\n{output}"


@pytest.mark.parametrize("name", list(HOSTILE))
def test_each_hostile_file_gets_a_clear_message_or_a_normal_report(hostile_folder, tmp_path, name):
    expected = HOSTILE[name][1]
    shutil.copy(hostile_folder / name, tmp_path / name)
    code, files = json_report(tmp_path, name)
    assert list(files) == [name]
    if expected is None:
        assert code in (0, 1) and files[name]["error"] is None
        assert files[name]["plans"] or files[name]["findings"]
    else:
        assert code == 2 and expected in files[name]["error"], files[name]["error"]


def test_a_batch_of_hostile_files_completes_and_checks_the_good_ones(hostile_folder, tmp_path):
    before = snapshot(hostile_folder)
    code, files = json_report(tmp_path, hostile_folder, timeout=60)
    assert code == 2  # some files are unreadable
    names = {Path(path).name: entry for path, entry in files.items()}
    assert set(names) == set(HOSTILE) | {"good.txt", "good.docx"}
    for name, (_, expected) in HOSTILE.items():
        assert (names[name]["error"] is None) == (expected is None), (name, names[name]["error"])
    assert names["good.txt"]["plans"] and names["good.docx"]["plans"]
    code, stdout, stderr = plancheck("check", hostile_folder, "--format", "plain", "--jobs", 2, cwd=tmp_path,
                                     timeout=60)
    for name, (_, expected) in HOSTILE.items():
        if expected is not None:
            one_line_error(stdout + stderr, name, expected)
    assert snapshot(hostile_folder) == before


def test_the_docx_inflation_is_refused_without_inflating_it(hostile_folder, tmp_path):
    for name in ("inflates-200mb.docx", "lies-about-size.docx"):
        assert (hostile_folder / name).stat().st_size < 2**20
        code, _, stderr = plancheck("check", hostile_folder / name, "--format", "plain", cwd=tmp_path, rss=True)
        assert code == 2
        peak_mb = int(stderr.splitlines()[-1]) / 1024
        assert peak_mb < 180, f"{name}: peak RSS {peak_mb:.0f} MB"


def test_the_docx_limit_is_set_by_max_docx_mb(tmp_path):
    (tmp_path / "plan.docx").write_bytes(docx_bytes(padding=3 * 2**20))
    (tmp_path / "plancheck.yaml").write_text("max_docx_mb: 2\n", encoding="utf-8")
    code, files = json_report(tmp_path, "plan.docx")
    assert code == 2 and "2 MB limit" in files["plan.docx"]["error"]
    (tmp_path / "plancheck.yaml").write_text("max_docx_mb: 8\n", encoding="utf-8")
    code, files = json_report(tmp_path, "plan.docx")
    assert files["plan.docx"]["error"] is None and files["plan.docx"]["plans"]


def test_line_numbers_of_mixed_newlines_are_those_of_the_original(tmp_path):
    (tmp_path / "lf.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "mixed.txt").write_bytes(mixed_newlines(PLAN).encode())
    # the same text twice in one batch is a duplicate submission: not what this test is about
    _, files = json_report(tmp_path, "lf.txt", "mixed.txt", extra=("--ignore", "duplicate-submission"))

    def positions(entry: dict) -> list[tuple]:
        findings = entry["findings"] + [f for plan in entry["plans"] for f in plan["findings"]]
        return sorted((f["rule"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in findings)

    residue = [position[1:] for position in positions(files["mixed.txt"]) if position[0] == "template-residue"]
    assert residue == [(1, 1, 1, 3), (1, 7, 1, 11), (10, 5, 10, 7)]
    assert positions(files["mixed.txt"]) == positions(files["lf.txt"])


def test_blocks_of_mixed_newlines_sit_on_their_original_lines():
    from checker.pipeline import parse

    document = parse(mixed_newlines(PLAN))
    blocks = [block for plan in document.plans for block in plan.blocks]
    assert [document.location(block.start) for block in blocks] == [
        (number, 1) for number, line in enumerate(PLAN.splitlines(), 1) if line.strip()]


def test_a_50mb_text_file_completes_with_a_normal_report(tmp_path):
    """Performance guard: a failure here (timeout) is a performance bug, not a flaky test."""
    body = "".join(f"（{n % 9 + 1}）组织职工开展技能培训和劳动竞赛，提高职工队伍素质，第{n}期。\n" for n in range(1000))
    repeats = 50 * 2**20 // len(body.encode()) + 1
    with open(tmp_path / "huge.txt", "w", encoding="utf-8") as out:
        out.write(PLAN)
        for _ in range(repeats):
            out.write(body)
    assert (tmp_path / "huge.txt").stat().st_size > 50 * 2**20
    code, files = json_report(tmp_path, "huge.txt", timeout=60)
    assert code in (0, 1) and files["huge.txt"]["error"] is None and files["huge.txt"]["plans"]


# --------------------------------------------------------------------------- folders

def test_symlink_loops_in_a_scanned_folder_do_not_stop_the_scan(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "good.txt").write_text(PLAN, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    code, files = json_report(tmp_path, "drafts", timeout=20)
    assert set(files) == {"drafts/good.txt", "drafts/self.txt"}
    assert files["drafts/good.txt"]["plans"]
    assert "symbolic links" in files["drafts/self.txt"]["error"]


def test_a_named_pipe_in_a_scanned_folder_does_not_hang_the_run(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "good.txt").write_text(PLAN, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    try:
        code, files = json_report(tmp_path, "drafts", timeout=10)
    finally:  # release a reader left blocked in open() by a failed run
        try:
            os.close(os.open(folder / "pipe.txt", os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
    assert files["drafts/good.txt"]["plans"]
    assert "drafts/pipe.txt" not in files or files["drafts/pipe.txt"]["error"]


def test_an_unreadable_file_in_a_scanned_folder_is_reported_and_the_rest_checked(tmp_path,
                                                                                  without_file_mode_override):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "good.txt").write_text(PLAN, encoding="utf-8")
    (folder / "secret.txt").write_text(PLAN, encoding="utf-8")
    (folder / "secret.txt").chmod(0)
    try:
        code, files = json_report(tmp_path, "drafts", prefix=without_file_mode_override)
    finally:
        (folder / "secret.txt").chmod(0o644)
    assert code == 2 and files["drafts/good.txt"]["plans"]
    assert "permission denied" in files["drafts/secret.txt"]["error"]


@pytest.fixture(scope="module")
def ten_thousand(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many") / "branches"
    for sub in range(10):
        (folder / f"{sub:02d}").mkdir(parents=True)
    for n in range(10_000):
        with open(folder / f"{n // 1000:02d}" / f"branch-{n:05d}.txt", "wb") as out:
            out.write(f"第{n}分会工会2025年工作计划\n一、指导思想\n学习贯彻工会章程。\n二、维权工作\n签订集体合同。\n"
                      .encode())
    return folder


def test_a_folder_of_10000_files_reports_every_file_once(ten_thousand):
    code, files = json_report(ten_thousand.parent, "branches", timeout=60)
    expected = {path.relative_to(ten_thousand.parent).as_posix() for path in ten_thousand.rglob("*.txt")}
    assert len(expected) == 10_000 and set(files) == expected
    assert all(entry["error"] is None and entry["plans"] for entry in files.values())


def test_an_interrupted_run_leaves_no_partial_report(ten_thousand, tmp_path):
    report = tmp_path / "report.json"
    report.write_text("old report", encoding="utf-8")
    process = subprocess.Popen([str(PLANCHECK), "check", ten_thousand, "--jobs", "2", "--format", "json",
                                "--no-progress", "-o", report], cwd=tmp_path, env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        while not list(tmp_path.glob(".report.json.*")) and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
        _, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130
    assert "Traceback" not in stderr.decode("utf-8", "replace"), stderr.decode("utf-8", "replace")[-3000:]
    assert report.read_text(encoding="utf-8") == "old report"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.json"]


# --------------------------------------------------------------------------- stdin, output, never writing

def test_standard_input(tmp_path):
    code, stdout, _ = plancheck("check", "-", "--format", "json", stdin=PLAN.encode("gb18030"), cwd=tmp_path)
    (entry,) = json.loads(stdout)["files"]
    assert code in (0, 1) and entry["path"] == "<stdin>" and entry["error"] is None and entry["plans"]
    code, stdout, stderr = plancheck("check", "-", "--format", "plain", stdin=b"", cwd=tmp_path)
    assert code == 2
    one_line_error(stdout + stderr, "<stdin>", "the file is empty")


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(path): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink()}


def test_checked_files_are_never_written(tmp_path):
    (tmp_path / "plan.txt").write_text(mixed_newlines(PLAN), encoding="utf-8")
    (tmp_path / "plan.docx").write_bytes(docx_bytes())
    (tmp_path / "empty.md").write_bytes(b"")
    before = snapshot(tmp_path)
    for fmt in ("plain", "json", "html"):
        plancheck("check", ".", "--format", fmt, cwd=tmp_path)
    assert snapshot(tmp_path) == before


def test_output_to_a_checked_file_is_refused(tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    before = snapshot(tmp_path)
    code, stdout, stderr = plancheck("check", "plan.txt", "--format", "json", "-o", "plan.txt", cwd=tmp_path)
    assert code == 2 and "plan.txt" in stderr
    assert snapshot(tmp_path) == before


def test_output_into_a_missing_folder_is_a_clear_error(tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    code, stdout, stderr = plancheck("check", "plan.txt", "--format", "json", "-o", "missing/report.json",
                                     cwd=tmp_path)
    assert code == 2 and "missing/report.json" in stderr and len(stderr.strip().splitlines()) == 1, stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plan.txt"]


# --------------------------------------------------------------------------- untrusted rule files

def test_a_rule_file_that_constructs_objects_is_refused(tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "evil.yaml").write_text('rules: !!python/object/apply:os.system ["touch pwned"]\n', encoding="utf-8")
    code, stdout, stderr = plancheck("check", "plan.txt", "--rules", "evil.yaml", "--format", "plain", cwd=tmp_path)
    assert code == 2 and not stdout
    assert len(stderr.strip().splitlines()) == 1 and "evil.yaml" in stderr and "python/object" in stderr, stderr
    assert not (tmp_path / "pwned").exists()


def test_a_catastrophic_user_regex_times_out_naming_the_rule(tmp_path):
    (tmp_path / "slow.yaml").write_text("""\
rules:
  - id: nested-quantifier
    kind: forbid
    severity: warning
    message: {zh: "不应出现“{match}”", en: "must not contain “{match}”"}
    hint: {zh: 删除它, en: delete it}
    patterns: ['(a+)+$']
""", encoding="utf-8")
    (tmp_path / "attack.txt").write_text(PLAN + "a" * 50_000 + "b\n", encoding="utf-8")
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    started = time.monotonic()
    code, files = json_report(tmp_path, "attack.txt", "plan.txt", extra=("--rules", "slow.yaml"), timeout=30)
    assert time.monotonic() - started < 20
    assert code == 2 and "nested-quantifier" in files["attack.txt"]["error"], files["attack.txt"]["error"]
    assert files["plan.txt"]["error"] is None and files["plan.txt"]["plans"]
