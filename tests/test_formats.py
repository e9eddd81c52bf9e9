"""Report formats: each renders hand-built results into a string that is then checked."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from checker.formats import ReportOptions, get_reporter
from checker.formats.github import escape_data, escape_property
from checker.model import Element, FileResult, Finding, PlanResult, RuleInfo, Summary

ROOT = Path("/repo")
SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"

RULES = [
    RuleInfo("finance-audit", "element", "error", "缺少经费审查内容", "计划应安排经费审查监督工作。",
             "补充如“开展经费审查监督”的段落。"),
    RuleInfo("template-residue", "residue", "warning", "残留模板占位符", "正文中不应残留“XX”等占位符。",
             "把“XX”换成实际名称。"),
    RuleInfo("numbering-gap", "numbering", "info", "标题序号不连续", "同级标题序号应连续。", "调整标题序号。"),
]

RESIDUE = Finding(
    rule="template-residue", severity="warning", message="残留模板占位符“XX”",
    hint="把“XX”换成实际单位名称", line=16, column=5, end_line=16, end_column=7,
    source="    XX工会要加强经费管理，\n",
)
AUDIT = Finding(
    rule="finance-audit", severity="error", message="缺少经费审查内容",
    hint="补充“开展经费审查监督”", line=14, column=1, end_line=14, end_column=13,
    source="某公司工会2024年工作计划",
)
FURNITURE = Finding(
    rule="web-furniture", severity="info", message="网页残留：“返回顶部”",
    hint="删除网页导航文字", line=2, column=1, end_line=2, end_column=5, source="返回顶部",
)


def plan_result() -> PlanResult:
    return PlanResult(
        index=1, title="某公司工会2024年工作计划", start_line=14, end_line=35,
        schedule_months=[1, 2, 3, 4, 5, 6, 9], findings=[AUDIT, RESIDUE],
        elements=[
            Element("guiding-ideology", "指导思想", True, 17, 1, "一、指导思想"),
            Element("finance-audit", "经费审查", False),
        ],
        unit="某公司工会", year=2024,
    )


def results() -> list[FileResult]:
    return [
        FileResult(path="/repo/plans/计划, 一.txt", format="txt", encoding="utf-8",
                   plans=[plan_result()], findings=[FURNITURE]),
        FileResult(path="/repo/plans/broken.docx", format="docx", error="无法打开 .docx：文件已损坏"),
    ]


def render(fmt: str, **options) -> str:
    out = io.StringIO()
    reporter = get_reporter(fmt)(out, ReportOptions(rules=RULES, root=ROOT, **options))
    summary = Summary()
    for result in results():
        reporter.file(result)
        summary.add(result)
    reporter.finish(summary)
    return out.getvalue()


# --------------------------------------------------------------------------- text

def test_plain_layout_zh():
    text = render("plain")
    assert "\x1b[" not in text
    lines = text.splitlines()
    assert lines[0] == "plans/计划, 一.txt"
    assert "  篇1 《某公司工会2024年工作计划》 第14–35行" in lines
    assert any("14:1" in line and "错误" in line and "finance-audit" in line and "缺少经费审查内容" in line
               for line in lines)
    # the span 5..7 of the source line is marked under "XX"
    source = lines.index("      │     XX工会要加强经费管理，")
    assert lines[source + 1] == "      │     ^^"
    assert "提示：把“XX”换成实际单位名称" in text
    assert "      ✔ 指导思想 第17行" in lines
    assert "      ✘ 经费审查 缺失" in lines
    assert "    月度安排覆盖：1–6、9月" in lines
    assert "plans/broken.docx: 无法打开 .docx：文件已损坏" in lines
    assert lines[-1] == "共检查 2 个文件、1 份计划：错误 1，警告 1，提示 1，无法读取 1"


def test_plain_marks_wide_characters_with_two_carets():
    lines = render("plain").splitlines()
    source = lines.index("      │ 某公司工会2024年工作计划")
    # 12 code points: 5 wide characters, 4 digits, 3 wide characters = 20 cells
    assert lines[source + 1] == "      │ " + "^" * 20


def test_terminal_control_characters_in_drafts_are_neutralised():
    out = io.StringIO()
    reporter = get_reporter("plain")(out, ReportOptions(root=ROOT))
    hostile = replace(RESIDUE, source="XX\x1b[2J工会\r", message="残留\x07“XX”")
    reporter.file(FileResult(path="/repo/a.txt", findings=[hostile]))
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
    assert "残留\ufffd“XX”" in out.getvalue()


def test_file_level_findings_show_under_the_file():
    lines = render("plain").splitlines()
    furniture = next(i for i, line in enumerate(lines) if "web-furniture" in line)
    assert lines[0] == "plans/计划, 一.txt" and furniture < lines.index("  篇1 《某公司工会2024年工作计划》 第14–35行")


def test_plain_english():
    text = render("plain", lang="en")
    assert "  Plan 1 “某公司工会2024年工作计划” lines 14–35" in text
    assert "error  " in text and "hint: 把“XX”换成实际单位名称" in text
    assert "      ✘ 经费审查 missing" in text
    assert "Monthly schedule covers: Jan–Jun, Sep" in text
    assert text.splitlines()[-1] == "Checked 2 files, 1 plan: 1 error, 1 warning, 1 info, 1 unreadable"


def test_rich_colour_only_when_asked(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = render("rich", color=True)
    assert "\x1b[31m" in coloured or "\x1b[1;31m" in coloured
    assert "\x1b[" not in render("rich", color=False)


def test_rich_without_colour_matches_plain():
    assert render("rich") == render("plain")


def test_plain_does_not_import_rich():
    code = (
        "import io, sys\n"
        "from checker.formats import ReportOptions, get_reporter\n"
        "from checker.model import FileResult, Summary\n"
        "r = get_reporter('plain')(io.StringIO(), ReportOptions())\n"
        "r.file(FileResult(path='a.txt')); r.finish(Summary())\n"
        "for fmt in ('parsable', 'json', 'sarif', 'github', 'junit'): get_reporter(fmt)\n"
        "assert 'rich' not in sys.modules, sorted(m for m in sys.modules if m.startswith('rich'))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_summary_table_is_printed_worst_first(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    lines = render("plain", summary=True).splitlines()
    assert "\x1b[" not in "".join(lines)
    title = lines.index(next(line for line in lines if line.startswith("审查汇总")))
    table = lines[title:-1]
    unreadable = next(i for i, line in enumerate(table) if "plans/broken.docx" in line)
    failing = next(i for i, line in enumerate(table) if "plans/计划, 一.txt" in line)
    assert unreadable < failing and "需修改" in table[failing] and "/repo/" not in "".join(table)
    assert lines[-1].startswith("共检查 2 个文件")


# --------------------------------------------------------------------------- parsable

def test_parsable():
    lines = render("parsable").splitlines()
    assert "plans/计划, 一.txt:2:1: [info] 网页残留：“返回顶部” (web-furniture)" in lines
    assert "plans/计划, 一.txt:16:5: [warning] 残留模板占位符“XX” (template-residue)" in lines
    assert "plans/broken.docx:1:1: [error] 无法打开 .docx：文件已损坏 (read-error)" in lines
    assert len(lines) == 4


# --------------------------------------------------------------------------- json

def test_json_layout():
    data = json.loads(render("json"))
    assert data["version"] == 1
    first, broken = data["files"]
    assert first["path"] == "plans/计划, 一.txt" and first["error"] is None
    assert first["findings"][0]["rule"] == "web-furniture"
    plan = first["plans"][0]
    assert {k: plan[k] for k in ("index", "start_line", "end_line", "unit", "year")} == {
        "index": 1, "start_line": 14, "end_line": 35, "unit": "某公司工会", "year": 2024}
    assert plan["schedule_months"] == [1, 2, 3, 4, 5, 6, 9]
    assert plan["elements"][1] == {"rule": "finance-audit", "label": "经费审查", "present": False,
                                   "line": None, "column": None, "evidence": ""}
    assert plan["findings"][1] == {
        "rule": "template-residue", "severity": "warning", "line": 16, "column": 5, "end_line": 16,
        "end_column": 7, "message": "残留模板占位符“XX”", "hint": "把“XX”换成实际单位名称"}
    assert broken == {"path": "plans/broken.docx", "format": "docx", "encoding": None,
                      "error": "无法打开 .docx：文件已损坏", "findings": [], "plans": []}
    assert data["summary"] == {"files": 2, "plans": 1, "errors": 1, "warnings": 1, "infos": 1, "unreadable": 1}


def test_json_is_utf8_and_deterministic():
    text = render("json")
    assert "经费审查" in text and "\\u" not in text
    assert text == render("json")


def test_json_path_outside_root_kept():
    out = io.StringIO()
    reporter = get_reporter("json")(out, ReportOptions(root=Path("/elsewhere")))
    reporter.file(FileResult(path="/repo/a.txt"))
    reporter.finish(Summary())
    assert json.loads(out.getvalue())["files"][0]["path"] == "/repo/a.txt"


# --------------------------------------------------------------------------- sarif

def test_sarif_content():
    log = json.loads(render("sarif", tool_version="9.9"))
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "plancheck" and driver["version"] == "9.9"
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids[:3] == ["finance-audit", "template-residue", "numbering-gap"]
    assert "read-error" in ids and "web-furniture" in ids  # announced or met
    assert driver["rules"][2]["defaultConfiguration"]["level"] == "note"
    assert run["columnKind"] == "unicodeCodePoints"
    by_rule = {result["ruleId"]: result for result in run["results"]}
    residue = by_rule["template-residue"]
    assert ids[residue["ruleIndex"]] == "template-residue"
    location = residue["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "plans/%E8%AE%A1%E5%88%92%2C%20%E4%B8%80.txt",
                                            "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 16, "startColumn": 5, "endLine": 16, "endColumn": 7}
    assert by_rule["web-furniture"]["level"] == "note"
    assert by_rule["read-error"]["level"] == "error"
    assert by_rule["read-error"]["message"]["text"] == "无法打开 .docx：文件已损坏"


def test_sarif_fingerprint_ignores_other_lines_and_spacing():
    def fingerprints(finding: Finding) -> list[str]:
        out = io.StringIO()
        reporter = get_reporter("sarif")(out, ReportOptions(root=ROOT))
        reporter.file(FileResult(path="/repo/a.txt", plans=[PlanResult(1, None, 1, 50, findings=[finding])]))
        reporter.finish(Summary())
        return [r["partialFingerprints"]["plancheckLine/v1"] for r in json.loads(out.getvalue())["runs"][0]["results"]]

    moved = replace(RESIDUE, line=40, end_line=40, source="XX工会要加强经费管理，")
    assert fingerprints(RESIDUE) == fingerprints(moved)
    assert fingerprints(RESIDUE) != fingerprints(replace(RESIDUE, source="YY工会"))
    assert fingerprints(RESIDUE)[0].endswith(":1")


def test_sarif_validates_against_schema():
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip(f"{SCHEMA} absent (../shared absent)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(render("sarif")), schema)


# --------------------------------------------------------------------------- github

def test_github_escaping():
    assert escape_data("100%\r\n完成") == "100%25%0D%0A完成"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_commands():
    lines = render("github").splitlines()
    assert ("::warning file=plans/计划%2C 一.txt,line=16,col=5,endLine=16,endColumn=7,"
            "title=template-residue::残留模板占位符“XX”%0A提示：把“XX”换成实际单位名称") in lines
    assert any(line.startswith("::notice file=") and "web-furniture" in line for line in lines)
    assert "::error file=plans/broken.docx,title=read-error::无法打开 .docx：文件已损坏" in lines
    assert len(lines) == 4


# --------------------------------------------------------------------------- junit

def test_junit():
    root = ET.fromstring(render("junit").encode("utf-8"))
    first, broken = root.findall("testsuite")
    assert first.get("name") == "plans/计划, 一.txt"
    names = [case.get("name") for case in first.findall("testcase")]
    assert names == ["文件 / web-furniture", "篇1 / finance-audit", "篇1 / template-residue", "篇1 / numbering-gap"]
    assert all(case.get("classname") == "plans/计划, 一.txt" for case in first.findall("testcase"))
    failed = {case.get("name"): case.find("failure") for case in first.findall("testcase")
              if case.find("failure") is not None}
    assert set(failed) == {"文件 / web-furniture", "篇1 / finance-audit", "篇1 / template-residue"}
    assert failed["篇1 / finance-audit"].get("type") == "error"
    assert "14:1 [错误] 缺少经费审查内容" in failed["篇1 / finance-audit"].text
    assert (first.get("tests"), first.get("failures"), first.get("errors")) == ("4", "3", "0")
    error = broken.find("testcase/error")
    assert error is not None and error.get("message") == "无法打开 .docx：文件已损坏"
    assert broken.get("errors") == "1"


def test_junit_survives_control_characters():
    out = io.StringIO()
    reporter = get_reporter("junit")(out, ReportOptions(lang="en"))
    bad = Finding("template-residue", "warning", "残留\x0b占位符 <XX> & “YY”", "", 3, 1, 3, 2)
    reporter.file(FileResult(path="a.txt", plans=[PlanResult(2, None, 1, 9, findings=[bad, bad])]))
    reporter.finish(Summary())
    failure = ET.fromstring(out.getvalue().encode("utf-8")).find("testsuite/testcase/failure")
    assert failure.get("message") == "2 findings: 残留\ufffd占位符 <XX> & “YY”"
    assert failure.get("type") == "warning"
