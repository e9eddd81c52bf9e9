"""End to end: the INSTALLED ``plancheck`` command, run as a subprocess on the sample drafts.

Every call has a timeout; every run gets an environment without GITHUB_ACTIONS, CI,
PLANCHECK_LANG, NO_COLOR and COLUMNS, so the outer shell cannot change what is tested.
Each test works in its own temporary folder holding copies of ``samples/``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

PLANCHECK = Path(sys.executable).with_name("plancheck")
REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
TIMEOUT = 60

CLEAN = "agency-plan-parts.txt"                 # no finding at all
WARNING = "factory-plan-2025.txt"               # one warning: heading-numbering on line 19
ERROR = "community-plan-months-variants.txt"    # one error: guiding-ideology on line 1, months 7–12
INFO = "township-plan-inline-items.txt"         # one info finding only
MESSY = "scraped-street-plan.txt"               # an error and many warnings (template residue …)
UNREADABLE = "broken.docx"                      # a corrupt .docx
TRIO = (ERROR, WARNING, UNREADABLE)             # what the format tests check

RULES = [rule for path in sorted((REPO / "rules").glob("*.yaml"))
         for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]]
RULE_IDS = [rule["id"] for rule in RULES]
GENERAL_IDS = {rule["id"] for rule in RULES if not rule.get("profiles")}   # on without a profile
PARSABLE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): \[(?P<severity>error|warning|info)\] "
                      r"(?P<message>.+) \((?P<rule>[a-z0-9-]+)\)$")
CJK = re.compile(r"[\u4e00-\u9fff]")

pytestmark = pytest.mark.skipif(not PLANCHECK.exists(), reason=f"plancheck is not installed next to {sys.executable}")


def run(*args: str, cwd: Path, stdin: str | bytes | None = None, env: dict | None = None,
        timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    """``plancheck ARGS`` in ``cwd``; stdout and stderr decoded as UTF-8."""
    clean_env = {k: v for k, v in os.environ.items()
                 if k not in ("GITHUB_ACTIONS", "CI", "PLANCHECK_LANG", "NO_COLOR", "COLUMNS", "FORCE_COLOR")}
    clean_env.update(env or {})
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    done = subprocess.run([str(PLANCHECK), *args], cwd=cwd, input=data, capture_output=True,
                          env=clean_env, timeout=timeout)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"),
                                       done.stderr.decode("utf-8", errors="replace"))


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A temporary folder with copies of the samples (and no config file above it)."""
    for sample in SAMPLES.iterdir():
        if sample.is_file():
            shutil.copy2(sample, tmp_path / sample.name)
    return tmp_path


def parsable(text: str) -> list[dict]:
    """The findings of ``--format parsable`` output; every line must match the format."""
    found = []
    for line in text.splitlines():
        match = PARSABLE.match(line)
        assert match, f"not a parsable line: {line!r}"
        found.append(match.groupdict())
    return found


def brief(text: str) -> set[tuple[str, str, str, str]]:
    """(path, line, severity, rule) of each parsable finding."""
    return {(f["path"], f["line"], f["severity"], f["rule"]) for f in parsable(text)}


# --------------------------------------------------------------------------- formats

def test_plain_lists_findings_elements_and_totals(work):
    done = run("check", "--format", "plain", *TRIO, cwd=work)
    assert done.returncode == 2, done.stderr                  # the unreadable file wins
    out = done.stdout
    assert "\x1b" not in out
    assert "1:1  错误  guiding-ideology  缺少指导思想" in out
    assert "19:1  警告  heading-numbering" in out
    assert f"{UNREADABLE}: docx 文件已损坏或不完整" in out
    assert "篇1 《幸福里社区工会2025年下半年工作计划》 第1–40行" in out
    assert "✘ 指导思想 缺失" in out and "✔ 维权 第7行" in out
    assert "月度安排覆盖：7–12月" in out
    assert out.rstrip().endswith("共检查 3 个文件、2 份计划：错误 1，警告 1，提示 0，无法读取 1")
    assert out.index(ERROR) < out.index(WARNING) < out.index(UNREADABLE)   # input order


def test_rich_without_a_terminal_is_the_plain_text(work):
    rich = run("check", *TRIO, cwd=work)                      # rich is the default format
    plain = run("check", "--format", "plain", *TRIO, cwd=work)
    assert rich.returncode == plain.returncode == 2, (rich.returncode, rich.stderr[-2000:], plain.returncode, plain.stderr[-2000:])
    assert "\x1b" not in rich.stdout
    assert rich.stdout == plain.stdout


def _on_a_terminal(args: list[str], cwd: Path, env: dict) -> str:
    """What ``plancheck ARGS`` writes to a pseudo-terminal."""
    import pty
    import threading

    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain():
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:          # the slave side closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    clean_env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CI", "NO_COLOR", "FORCE_COLOR")}
    try:
        subprocess.run([str(PLANCHECK), *args], cwd=cwd, stdout=slave, stderr=subprocess.DEVNULL,
                       env={**clean_env, "TERM": "xterm-256color", **env}, timeout=TIMEOUT)
    finally:
        os.close(slave)
    reader.join(TIMEOUT)
    os.close(master)
    return b"".join(chunks).decode("utf-8", errors="replace")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_rich_on_a_terminal_is_coloured_unless_no_color(work):
    coloured = _on_a_terminal(["check", ERROR], work, {})
    assert "\x1b[" in coloured and "guiding-ideology" in coloured
    plain = _on_a_terminal(["check", ERROR], work, {"NO_COLOR": "1"})
    assert "\x1b[" not in plain and "guiding-ideology" in plain


def test_json_layout_and_values(work):
    done = run("check", "--format", "json", *TRIO, cwd=work)
    assert done.returncode == 2
    report = json.loads(done.stdout)
    assert set(report) == {"version", "files", "summary"} and report["version"] == 1
    assert report["summary"] == {"files": 3, "plans": 2, "errors": 1, "warnings": 1, "infos": 0, "unreadable": 1}
    files = report["files"]
    assert [f["path"] for f in files] == list(TRIO)
    for entry in files:
        assert set(entry) == {"path", "format", "encoding", "error", "findings", "plans"}
    community, factory, broken = files
    assert (community["format"], community["encoding"], community["error"]) == ("txt", "utf-8", None)
    assert broken["error"] == "docx 文件已损坏或不完整" and broken["plans"] == []
    plan = community["plans"][0]
    assert {"index", "title", "start_line", "end_line", "unit", "year", "schedule_months", "elements",
            "findings"} <= set(plan)
    assert (plan["index"], plan["title"], plan["unit"], plan["year"]) == (
        1, "幸福里社区工会2025年下半年工作计划", "幸福里社区工会", 2025)
    assert (plan["start_line"], plan["end_line"]) == (1, 40)
    assert plan["schedule_months"] == [7, 8, 9, 10, 11, 12]
    elements = {e["rule"]: e for e in plan["elements"]}
    assert list(elements) == ["guiding-ideology", "rights-protection", "finance-audit", "womens-work",
                              "monthly-schedule"]
    assert not elements["guiding-ideology"]["present"] and elements["guiding-ideology"]["line"] is None
    assert elements["finance-audit"]["present"] and elements["finance-audit"]["line"] == 35
    assert "审查" in elements["finance-audit"]["evidence"]
    [finding] = plan["findings"]
    assert finding == {"rule": "guiding-ideology", "severity": "error", "line": 1, "column": 1, "end_line": 1,
                       "end_column": 20, "message": "缺少指导思想", "hint": finding["hint"]}
    assert finding["hint"].startswith("在开头增加“一、指导思想”")
    [warning] = factory["plans"][0]["findings"]
    assert (warning["rule"], warning["severity"], warning["line"]) == ("heading-numbering", "warning", 19)


def test_sarif_validates_against_the_schema(work):
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA} (the shared folder ../shared is absent)")
    jsonschema = pytest.importorskip("jsonschema")
    done = run("check", "--format", "sarif", *TRIO, cwd=work)
    assert done.returncode == 2
    log = json.loads(done.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    assert log["version"] == "2.1.0"
    [sarif_run] = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert sarif_run["tool"]["driver"]["name"] == "plancheck"
    assert GENERAL_IDS - {"duplicate-submission"} <= {rule["id"] for rule in rules}
    got = {(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in sarif_run["results"]}
    assert got == {("guiding-ideology", "error", ERROR, 1), ("heading-numbering", "warning", WARNING, 19),
                   ("read-error", "error", UNREADABLE, 1)}
    for result in sarif_run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]


def test_github_annotations(work):
    done = run("check", "--format", "github", *TRIO, cwd=work)
    assert done.returncode == 2
    lines = done.stdout.splitlines()
    assert lines and all(re.match(r"^::(error|warning|notice) file=[^,:]+(,[a-zA-Z]+=[^,:]*)*::\S", ln) for ln in lines)
    assert any(ln.startswith(f"::error file={ERROR},line=1,col=1,") and "title=guiding-ideology::缺少指导思想%0A" in ln
               for ln in lines)
    assert any(ln.startswith(f"::warning file={WARNING},line=19,") and "title=heading-numbering::" in ln
               for ln in lines)
    assert f"::error file={UNREADABLE},title=read-error::docx 文件已损坏或不完整" in lines
    assert len(lines) == 3


def test_junit_parses(work):
    done = run("check", "--format", "junit", *TRIO, cwd=work)
    assert done.returncode == 2
    root = ET.fromstring(done.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == list(TRIO)
    community = suites[ERROR]
    assert community.get("failures") == "1" and community.get("errors") == "0"
    assert int(community.get("tests")) == len(community.findall("testcase"))
    [failure] = community.iter("failure")
    assert failure.get("message") == "缺少指导思想" and failure.get("type") == "error"
    assert "提示：" in failure.text
    [error] = suites[UNREADABLE].iter("error")
    assert error.get("message") == "docx 文件已损坏或不完整"
    names = {case.get("name") for case in community.iter("testcase")}
    assert {"篇1 / guiding-ideology", "篇1 / finance-audit"} <= names


def test_parsable_lines(work):
    done = run("check", "--format", "parsable", *TRIO, cwd=work)
    assert done.returncode == 2
    findings = parsable(done.stdout)
    assert {(f["path"], f["line"], f["col"], f["severity"], f["rule"]) for f in findings} == {
        (ERROR, "1", "1", "error", "guiding-ideology"), (WARNING, "19", "1", "warning", "heading-numbering"),
        (UNREADABLE, "1", "1", "error", "read-error")}
    assert any(f["message"] == "缺少指导思想" for f in findings)


def test_csv_has_a_bom_a_header_and_worst_first_rows(work):
    done = run("check", "--format", "csv", *TRIO, cwd=work)
    assert done.returncode == 2
    assert done.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(done.stdout[1:])))
    assert rows[0] == ["文件", "篇", "单位", "年度", "结论", "缺少的要素", "错误", "警告", "月度覆盖"]
    assert rows[1:] == [
        [UNREADABLE, "", "", "", "无法读取", "docx 文件已损坏或不完整", "", "", ""],
        [ERROR, "1", "幸福里社区工会", "2025", "需修改", "指导思想", "1", "0", "7–12月"],
        [WARNING, "1", "华兴电机有限公司工会", "2025", "合格", "", "0", "1", "1–12月"],
    ]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_is_one_self_contained_file(work):
    done = run("check", "--format", "html", "-o", "report.html", *TRIO, cwd=work)
    assert done.returncode == 2 and done.stdout == ""
    assert not [p.name for p in work.iterdir() if p.name.startswith(".report.html")]   # no temporary left
    page = (work / "report.html").read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        for name in ("src", "href", "action", "data"):
            value = attrs.get(name)
            assert value is None or value.startswith(("#", "data:")), f"<{tag} {name}={value!r}> is not inline"
        assert not (tag == "link" and attrs.get("rel") == "stylesheet")
    assert not re.search(r"https?://|@import|url\((?!['\"]?data:)", page)
    assert "<style" in page
    for expected in (*TRIO, "缺少指导思想", "docx 文件已损坏或不完整", "幸福里社区工会"):
        assert expected in page


def test_output_file_cannot_be_an_input(work):
    before = (work / ERROR).read_bytes()
    done = run("check", "--format", "json", "-o", ERROR, ERROR, cwd=work)
    assert done.returncode == 2 and "不能作为输出文件" in done.stderr
    assert (work / ERROR).read_bytes() == before
    missing = run("check", "-o", "no/such/folder/report.txt", ERROR, cwd=work)
    assert missing.returncode == 2 and "no/such/folder/report.txt" in missing.stderr
    assert "Traceback" not in missing.stderr


# --------------------------------------------------------------------------- exit codes

@pytest.mark.parametrize(("flags", "sample", "code"), [
    ((), CLEAN, 0),
    ((), WARNING, 0),
    ((), ERROR, 1),
    (("--strict",), WARNING, 1),
    (("--fail-on", "warning"), WARNING, 1),
    (("--strict",), CLEAN, 0),
    ((), INFO, 0),
    (("--fail-on", "info"), INFO, 1),
    (("--exit-zero",), ERROR, 0),
    (("--exit-zero",), MESSY, 0),
    ((), UNREADABLE, 2),
    ((), "no-such-draft.txt", 2),
])
def test_exit_codes(work, flags, sample, code):
    done = run("check", "--format", "parsable", *flags, sample, cwd=work)
    assert done.returncode == code, (done.stdout, done.stderr)
    if code == 0 and not flags and sample == CLEAN:
        assert done.stdout == ""


def test_unreadable_file_exits_2_even_beside_clean_ones(work):
    done = run("check", "--format", "parsable", CLEAN, UNREADABLE, cwd=work)
    assert done.returncode == 2
    assert brief(done.stdout) == {(UNREADABLE, "1", "error", "read-error")}


def test_bad_config_key_exits_2(work):
    (work / "plancheck.yaml").write_text("ignorez: [guiding-ideology]\n", encoding="utf-8")
    done = run("check", ERROR, cwd=work)
    assert done.returncode == 2 and done.stdout == ""
    assert "unknown key 'ignorez'" in done.stderr and "plancheck.yaml" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("text", ["min_months: 13\n", "severity: {guiding-ideology: fatal}\n", "ignore: guiding\n",
                                  "profile: factory\n", "select: [\n"])
def test_bad_config_values_exit_2(work, text):
    (work / "plancheck.yaml").write_text(text, encoding="utf-8")
    done = run("check", ERROR, cwd=work)
    assert done.returncode == 2, done.stdout
    assert done.stderr.startswith("plancheck: ") and "plancheck.yaml" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("text", "reason"), [
    ("rules: [\n", "YAML"),                                            # not YAML at all
    ("rules:\n  - id: x\n    kind: nosuchkind\n", "x"),                 # fields missing
    ("rules:\n  - id: bad-regex\n    kind: forbid\n    severity: warning\n    message: {zh: m, en: m}\n"
     "    hint: {zh: h, en: h}\n    patterns: ['(']\n", "extra-rules.yaml:7"),   # a regex that does not compile
])
def test_malformed_rule_file_exits_2(work, text, reason):
    (work / "extra-rules.yaml").write_text(text, encoding="utf-8")
    done = run("check", "--rules", "extra-rules.yaml", ERROR, cwd=work)
    assert done.returncode == 2 and done.stdout == ""
    assert "extra-rules.yaml" in done.stderr and reason in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [
    ("check",),                                   # no PATH
    ("check", "--format", "pdf", ERROR),
    ("check", "--min-months", "13", ERROR),
    ("check", "--jobs", "many", ERROR),
    ("check", "--no-such-flag", ERROR),
    ("frobnicate",),
    (),
])
def test_usage_errors_exit_2(work, args):
    done = run(*args, cwd=work)
    assert done.returncode == 2
    assert "用法：" in done.stderr and "错误" in done.stderr
    assert done.stdout == ""


def test_usage_errors_in_english(work):
    done = run("--lang", "en", "check", "--format", "pdf", ERROR, cwd=work)
    assert done.returncode == 2
    assert "usage:" in done.stderr and "error: argument --format" in done.stderr


def test_no_drafts_in_a_folder_exits_2(work):
    (work / "empty").mkdir()
    done = run("check", "empty", cwd=work)
    assert done.returncode == 2 and "没有找到要检查的草稿" in done.stderr


# --------------------------------------------------------------------------- configuration

def test_config_ignore(work):
    (work / "plancheck.yaml").write_text("ignore: [guiding-ideology]\n", encoding="utf-8")
    done = run("check", "--format", "parsable", ERROR, cwd=work)
    assert (done.returncode, done.stdout) == (0, "")


def test_config_severity(work):
    (work / "plancheck.yaml").write_text("severity:\n  guiding-ideology: warning\n", encoding="utf-8")
    done = run("check", "--format", "parsable", ERROR, cwd=work)
    assert done.returncode == 0
    assert brief(done.stdout) == {(ERROR, "1", "warning", "guiding-ideology")}
    assert run("check", "--strict", ERROR, cwd=work).returncode == 1


def test_config_per_path_ignores(work):
    (work / "plancheck.yaml").write_text('per-path-ignores:\n  "community-*.txt": [guiding-ideology]\n',
                                         encoding="utf-8")
    done = run("check", "--format", "parsable", ERROR, MESSY, cwd=work)
    found = brief(done.stdout)
    assert not any(path == ERROR for path, *_ in found)
    assert (MESSY, "1", "error", "guiding-ideology") in found       # the glob does not match it
    assert done.returncode == 1


def test_config_extends_a_profile(work):
    done = run("check", "--format", "parsable", CLEAN, cwd=work)
    assert done.stdout == ""
    (work / "plancheck.yaml").write_text("extends: enterprise\n", encoding="utf-8")
    done = run("check", "--format", "parsable", CLEAN, cwd=work)
    rules = {f["rule"] for f in parsable(done.stdout)}
    assert rules and all(rule.startswith("enterprise-") for rule in rules)
    assert done.returncode == 0                                      # profile rules are warnings


def test_config_extends_another_file_and_min_months(work):
    (work / "base.yaml").write_text("severity: {schedule-coverage: error}\n", encoding="utf-8")
    (work / "plancheck.yaml").write_text("extends: base.yaml\nmin_months: 12\n", encoding="utf-8")
    done = run("check", "--format", "parsable", ERROR, cwd=work)
    found = parsable(done.stdout)
    assert {(f["rule"], f["severity"]) for f in found} == {("guiding-ideology", "error"),
                                                           ("schedule-coverage", "error")}
    assert any("少于 12 个月" in f["message"] for f in found)
    # without the config, six months are enough
    (work / "plancheck.yaml").unlink()
    assert {f["rule"] for f in parsable(run("check", "-f", "parsable", ERROR, cwd=work).stdout)} == {
        "guiding-ideology"}


def test_config_is_found_in_a_parent_folder_and_named_with_config(work):
    (work / ".plancheck.yaml").write_text("ignore: [guiding-ideology]\n", encoding="utf-8")
    (work / "sub").mkdir()
    done = run("check", "--format", "parsable", f"../{ERROR}", cwd=work / "sub")
    assert (done.returncode, done.stdout) == (0, "")
    (work / "strict.yaml").write_text("severity: {heading-numbering: error}\n", encoding="utf-8")
    done = run("check", "--config", "strict.yaml", "--format", "parsable", WARNING, cwd=work)
    assert done.returncode == 1 and brief(done.stdout) == {(WARNING, "19", "error", "heading-numbering")}
    assert run("check", "--config", "missing.yaml", WARNING, cwd=work).returncode == 2


def test_pyproject_tool_section(work):
    (work / "pyproject.toml").write_text('[project]\nname = "plans"\n\n[tool.plancheck]\n'
                                         'ignore = ["guiding-ideology"]\nlang = "en"\n', encoding="utf-8")
    done = run("check", "--format", "plain", ERROR, cwd=work)
    assert done.returncode == 0
    assert "Checked 1 file, 1 plan: 0 errors, 0 warnings, 0 info" in done.stdout
    assert "guiding" not in done.stdout


def test_pyproject_without_the_section_is_not_a_config(work):
    (work / "pyproject.toml").write_text('[project]\nname = "plans"\n', encoding="utf-8")
    (work / "sub").mkdir()
    (work / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    done = run("check", "--format", "parsable", f"../{ERROR}", cwd=work / "sub")
    assert done.returncode == 1


def test_flags_add_to_the_config(work):
    (work / "plancheck.yaml").write_text("ignore: [template-residue]\n", encoding="utf-8")
    done = run("check", "--format", "parsable", "--ignore", "heading-numbering,schedule-coverage", MESSY, cwd=work)
    assert {f["rule"] for f in parsable(done.stdout)} == {"guiding-ideology"}
    done = run("check", "--format", "parsable", "--select", "heading-numbering", MESSY, cwd=work)
    assert {f["rule"] for f in parsable(done.stdout)} == {"heading-numbering"}


# --------------------------------------------------------------------------- suppressions

def test_suppression_comment_in_markdown_silences_one_rule(work):
    text = (work / MESSY).read_text(encoding="utf-8")
    (work / "plain.md").write_text(text, encoding="utf-8")
    (work / "quiet.md").write_text("<!-- plancheck: disable=template-residue -->\n" + text, encoding="utf-8")
    loud = parsable(run("check", "--format", "parsable", "plain.md", cwd=work).stdout)
    quiet = parsable(run("check", "--format", "parsable", "quiet.md", cwd=work).stdout)
    assert any(f["rule"] == "template-residue" for f in loud)
    assert not any(f["rule"] == "template-residue" for f in quiet)
    others = sorted((f["rule"], f["message"]) for f in loud if f["rule"] != "template-residue")
    assert sorted((f["rule"], f["message"]) for f in quiet) == others
    assert {"guiding-ideology", "heading-numbering"} <= {rule for rule, _ in others}


def test_disable_next_line_silences_only_that_line(work):
    lines = (work / MESSY).read_text(encoding="utf-8").splitlines()
    residue_line = next(n for n, line in enumerate(lines, 1) if line.strip() == "XX街道总工会")
    lines.insert(residue_line - 1, "<!-- plancheck: disable-next-line=template-residue -->")
    (work / "one.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = parsable(run("check", "--format", "parsable", "one.md", cwd=work).stdout)
    residue_lines = {int(f["line"]) for f in found if f["rule"] == "template-residue"}
    assert residue_line + 1 not in residue_lines                 # the line after the comment
    assert residue_line + 2 in residue_lines                      # 20XX年X月X日 on the line after it
    assert 1 in residue_lines


# --------------------------------------------------------------------------- language

@pytest.mark.parametrize("where", ["before", "after", "env"])
def test_lang_en_switches_messages_and_headings(work, where):
    args = {"before": ("--lang", "en", "check"), "after": ("check", "--lang", "en"), "env": ("check",)}[where]
    env = {"PLANCHECK_LANG": "en"} if where == "env" else None
    done = run(*args, "--format", "plain", ERROR, UNREADABLE, cwd=work, env=env)
    assert done.returncode == 2
    out = done.stdout
    assert "Plan 1 “幸福里社区工会2025年下半年工作计划” lines 1–40" in out
    assert "Elements:" in out and "Monthly schedule covers: Jul–Dec" in out
    assert "1:1  error    guiding-ideology  The plan states no guiding ideology" in out
    assert "      ✘ guiding ideology missing" in out and "✔ finance audit line 35" in out
    assert "        hint: " in out
    assert f"{UNREADABLE}: the .docx file is damaged or incomplete" in out
    assert out.rstrip().endswith("Checked 2 files, 1 plan: 1 error, 0 warnings, 0 info, 1 unreadable")
    for chinese in ("篇", "行", "要素", "月度", "共检查", "错误", "警告", "提示", "缺少", "无法读取", "损坏"):
        assert chinese not in out.replace("幸福里社区工会2025年下半年工作计划", ""), chinese
    # Chinese is left only in the plan's own text and in the examples of a hint
    for line in out.splitlines():
        if CJK.search(line):
            assert "幸福里社区工会" in line or line.lstrip().startswith("hint: "), line


def test_lang_en_csv_and_json_messages(work):
    done = run("--lang", "en", "check", "--format", "csv", ERROR, cwd=work)
    header = next(csv.reader(io.StringIO(done.stdout.lstrip("\ufeff"))))
    assert header == ["File", "Plan", "Unit", "Year", "Verdict", "Missing elements", "Errors", "Warnings",
                      "Months covered"]
    report = json.loads(run("check", "--lang", "en", "--format", "json", ERROR, cwd=work).stdout)
    [finding] = report["files"][0]["plans"][0]["findings"]
    assert not CJK.search(finding["message"])


def test_help_is_chinese_by_default_and_english_with_lang_en(work):
    zh = run("check", "--help", cwd=work)
    en = run("--lang", "en", "check", "--help", cwd=work)
    assert zh.returncode == en.returncode == 0
    assert zh.stdout.startswith("用法：") and "选项：" in zh.stdout and "输出格式" in zh.stdout
    assert en.stdout.startswith("usage:") and "options:" in en.stdout and "output format" in en.stdout
    assert not CJK.search(en.stdout)
    top = run("--help", cwd=work)
    assert top.returncode == 0 and "工会工作计划合规检查工具" in top.stdout and "命令：" in top.stdout
    assert "Compliance checker" in run("--lang", "en", "--help", cwd=work).stdout


# --------------------------------------------------------------------------- standard input, CI

def test_standard_input(work):
    text = (work / ERROR).read_text(encoding="utf-8")
    done = run("check", "--format", "parsable", "-", cwd=work, stdin=text)
    assert done.returncode == 1
    assert brief(done.stdout) == {("<stdin>", "1", "error", "guiding-ideology")}
    report = json.loads(run("check", "--format", "json", "-", cwd=work, stdin=text).stdout)
    assert report["files"][0]["path"] == "<stdin>"
    assert report["files"][0]["plans"][0]["schedule_months"] == [7, 8, 9, 10, 11, 12]


def test_standard_input_in_gb18030(work):
    data = (work / ERROR).read_text(encoding="utf-8").encode("gb18030")
    done = run("check", "--format", "parsable", "-", cwd=work, stdin=data)
    assert brief(done.stdout) == {("<stdin>", "1", "error", "guiding-ideology")}


def test_github_actions_picks_the_github_format(work):
    done = run("check", ERROR, cwd=work, env={"GITHUB_ACTIONS": "true"})
    assert done.returncode == 1
    assert done.stdout.startswith(f"::error file={ERROR},line=1,col=1,")
    forced = run("check", "--format", "parsable", ERROR, cwd=work, env={"GITHUB_ACTIONS": "true"})
    assert forced.stdout.startswith(f"{ERROR}:1:1: [error]")
    assert not run("check", ERROR, cwd=work).stdout.startswith("::")


# --------------------------------------------------------------------------- baseline

def test_baseline_reports_only_new_findings_after_lines_move(work):
    shutil.copy2(work / MESSY, work / "plan.txt")
    first = run("check", "--format", "parsable", "--write-baseline", "baseline.json", "plan.txt", cwd=work)
    assert first.returncode == 1 and len(parsable(first.stdout)) >= 5     # reported as usual, and recorded
    recorded = json.loads((work / "baseline.json").read_text(encoding="utf-8"))
    assert recorded["version"] == 1 and len(recorded["findings"]) == len(parsable(first.stdout))
    assert {entry["path"] for entry in recorded["findings"]} == {"plan.txt"}

    again = run("check", "--format", "parsable", "--baseline", "baseline.json", "plan.txt", cwd=work)
    assert (again.returncode, again.stdout) == (0, "")

    lines = (work / "plan.txt").read_text(encoding="utf-8").splitlines()
    signature = next(n for n, line in enumerate(lines) if line.strip() == "XX街道总工会")
    lines = ["", "", ""] + lines[:signature] + ["  联系人：某某同志。"] + lines[signature:]
    (work / "plan.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    edited = run("check", "--format", "parsable", "--baseline", "baseline.json", "plan.txt", cwd=work)
    [new] = parsable(edited.stdout)
    assert new["rule"] == "template-residue" and "某某" in new["message"]
    assert int(new["line"]) == signature + 4
    assert edited.returncode == 0                                             # a warning only
    everything = run("check", "--format", "parsable", "plan.txt", cwd=work)
    assert len(parsable(everything.stdout)) == len(recorded["findings"]) + 1


def test_bad_baseline_exits_2(work):
    (work / "baseline.json").write_text("{not json", encoding="utf-8")
    done = run("check", "--baseline", "baseline.json", ERROR, cwd=work)
    assert done.returncode == 2 and "baseline.json" in done.stderr and "Traceback" not in done.stderr


# --------------------------------------------------------------------------- init

def test_init_writes_a_skeleton_with_every_element(work):
    done = run("init", cwd=work)
    assert done.returncode == 0 and "工会工作计划.md" in done.stderr
    target = work / "工会工作计划.md"
    text = target.read_text(encoding="utf-8")
    for heading in ("## 一、指导思想", "维护职工合法权益", "经费审查", "女职工工作", "## 三、月度工作安排"):
        assert heading in text
    assert [f"| {m}月 |" in text for m in range(1, 13)] == [True] * 12
    assert "| 13月 |" not in text and text.count("| --- | --- | --- |") == 1

    report = json.loads(run("check", "--format", "json", "工会工作计划.md", cwd=work).stdout)
    [plan] = report["files"][0]["plans"]
    assert all(element["present"] for element in plan["elements"]), plan["elements"]
    assert plan["schedule_months"] == list(range(1, 13))
    findings = plan["findings"] + report["files"][0]["findings"]
    assert findings and {f["rule"] for f in findings} == {"template-residue"}
    assert len(findings) == text.count("【请填写】")
    lines = text.splitlines()
    for finding in findings:
        assert "【请填写】" in lines[finding["line"] - 1]


def test_init_refuses_to_overwrite_without_force(work):
    target = work / "plan.md"
    target.write_text("my own plan\n", encoding="utf-8")
    refused = run("init", "plan.md", cwd=work)
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "my own plan\n"
    forced = run("init", "plan.md", "--force", cwd=work)
    assert forced.returncode == 0 and target.read_text(encoding="utf-8").startswith("# 【请填写】工会")


def test_init_plain_text_and_profile(work):
    assert run("init", "plan.txt", "--profile", "enterprise", cwd=work).returncode == 0
    text = (work / "plan.txt").read_text(encoding="utf-8")
    assert not any(line.startswith(("#", "|")) for line in text.splitlines()) and "职工代表大会" in text
    assert "12月 | 【请填写】" in text
    done = run("check", "--format", "parsable", "--profile", "enterprise", "plan.txt", cwd=work)
    assert {f["rule"] for f in parsable(done.stdout)} == {"template-residue"}


# --------------------------------------------------------------------------- rules, explain, parse, version

def test_rules_lists_every_id(work):
    done = run("rules", cwd=work)
    assert done.returncode == 0
    listed = [line.split()[0] for line in done.stdout.splitlines()[1:] if line.strip()]
    assert listed == RULE_IDS
    assert done.stdout.split()[:4] == ["编号", "类型", "严重程度", "适用单位"]
    assert run("--lang", "en", "rules", cwd=work).stdout.split()[:4] == ["id", "kind", "severity", "profiles"]


def test_rules_test_passes_on_the_default_pack(work):
    done = run("rules", "--test", cwd=work)
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip() == f"全部 {len(set(RULE_IDS))} 条规则的示例均通过"


CUSTOM_RULE = """\
rules:
  - id: custom-banned
    kind: forbid
    severity: warning
    message: {{zh: "禁用词：{{match}}", en: "banned: {{match}}"}}
    hint: {{zh: 删除它, en: delete it}}
    terms: [禁用词甲]
    examples:
      pass: ["一、指导思想"]
      fail: [{fail}]
"""


def test_rules_test_fails_on_an_unflagged_fail_example(work):
    (work / "good.yaml").write_text(CUSTOM_RULE.format(fail='"这里有禁用词甲。"'), encoding="utf-8")
    good = run("rules", "--test", "good.yaml", cwd=work)
    assert good.returncode == 0 and good.stdout.strip() == "全部 1 条规则的示例均通过"
    (work / "bad.yaml").write_text(CUSTOM_RULE.format(fail='"这里有禁用词甲。", "这里没有那个词。"'), encoding="utf-8")
    bad = run("rules", "--test", "bad.yaml", cwd=work)
    assert bad.returncode == 1
    assert bad.stdout.strip() == "bad.yaml:10: custom-banned: fail 示例 2 没有触发该规则: 这里没有那个词。"
    broken = run("rules", "--test", "nowhere.yaml", cwd=work)
    assert broken.returncode == 2 and "nowhere.yaml" in broken.stderr


def test_explain_finance_audit(work):
    rule = next(r for path in sorted((REPO / "rules").glob("*.yaml"))
                for r in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"] if r["id"] == "finance-audit")
    done = run("explain", "finance-audit", cwd=work)
    assert done.returncode == 0
    out = done.stdout
    assert out.startswith("finance-audit  [require, error]")
    message = rule["message"]["zh"] if isinstance(rule["message"], dict) else rule["message"]
    hint = rule["hint"]["zh"] if isinstance(rule["hint"], dict) else rule["hint"]
    assert message in out and f"修改建议: {hint}" in out
    for example in rule["examples"]["pass"]:
        assert f"合格示例: {example.splitlines()[0]}" in out
    for example in rule["examples"]["fail"]:
        assert f"不合格示例: {example.splitlines()[0]}" in out
    en = run("--lang", "en", "explain", "finance-audit", cwd=work)
    assert en.returncode == 0 and rule["message"]["en"] in en.stdout and "How to fix:" in en.stdout
    unknown = run("explain", "no-such-rule", cwd=work)
    assert unknown.returncode == 2 and "no-such-rule" in unknown.stderr


def _nodes(node, parent=None):
    if isinstance(node, dict):
        if "kind" in node:
            yield node, parent
            parent = node
        for value in node.values():
            yield from _nodes(value, parent)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value, parent)


def test_parse_json_gives_the_tree_with_spans(work):
    done = run("parse", WARNING, "--format", "json", cwd=work)
    assert done.returncode == 0
    tree = json.loads(done.stdout)
    assert (tree["path"], tree["format"], tree["encoding"]) == (WARNING, "txt", "utf-8")
    [plan] = tree["plans"]
    assert (plan["kind"], plan["index"], plan["title"]) == ("plan", 1, "华兴电机有限公司工会2025年工作计划")
    assert (plan["start_line"], plan["end_line"]) == (1, 61)
    nodes = list(_nodes(tree["plans"]))
    kinds = {node["kind"] for node, _ in nodes}
    assert {"plan", "title", "section", "item", "schedule"} <= kinds
    for node, parent in nodes:
        span = (node["start_line"], node["start_column"], node["end_line"], node["end_column"])
        assert all(isinstance(v, int) and v >= 1 for v in span), node
        assert (span[0], span[1]) <= (span[2], span[3]), node
        if parent is not None:
            assert parent["start_line"] <= node["start_line"] and node["end_line"] <= parent["end_line"], node
    source = (work / WARNING).read_text(encoding="utf-8").splitlines()
    guiding = next(node for node, _ in nodes if node["kind"] == "section" and "指导思想" in node.get("text", ""))
    assert "指导思想" in source[guiding["start_line"] - 1]
    months = sorted({m for node, _ in nodes if node["kind"] == "schedule" for m in node.get("months", [])})
    assert months == list(range(1, 13))


def test_parse_rich_and_unreadable(work):
    done = run("parse", WARNING, cwd=work)
    assert done.returncode == 0 and "华兴电机有限公司工会2025年工作计划" in done.stdout and "L1 一、指导思想" in done.stdout
    broken = run("parse", UNREADABLE, cwd=work)
    assert broken.returncode == 2 and UNREADABLE in broken.stderr and "Traceback" not in broken.stderr


def test_version(work):
    from checker import __version__

    done = run("--version", cwd=work)
    assert (done.returncode, done.stdout.strip()) == (0, f"plancheck {__version__}")


# --------------------------------------------------------------------------- pre-commit hook

def test_pre_commit_hook_manifest(work):
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"], hook["types"]) == ("plancheck", "plancheck check", "python",
                                                                            ["file"])
    files, exclude = re.compile(hook["files"]), re.compile(hook.get("exclude", "^$"))
    staged = ["plans/a.txt", "b.md", "c.docx", "d.doc", "e.yaml", "README.md", "docs/CHANGELOG.md", "txt"]
    chosen = [path for path in staged if files.search(path) and not exclude.search(path)]
    assert chosen == ["plans/a.txt", "b.md", "c.docx"]
    # what pre-commit runs: the entry, then the staged files
    entry = hook["entry"].split()
    assert entry[0] == "plancheck"
    assert run(*entry[1:], CLEAN, WARNING, cwd=work).returncode == 0
    assert run(*entry[1:], CLEAN, ERROR, cwd=work).returncode == 1
