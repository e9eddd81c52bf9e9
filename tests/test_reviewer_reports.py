"""Reviewer reports: summary rows, CSV and the self-contained HTML page (also in real headless Chromium)."""
from __future__ import annotations

import csv
import io
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker.formats import ReportOptions
from checker.formats.csv_report import CsvReporter
from checker.formats.html import HtmlReporter, excerpt_html
from checker.formats.summary import (
    REQUIRED_ELEMENTS, format_months, rows_for, sort_rows, summary_table,
)
from checker.model import Element, FileResult, Finding, PlanResult, Summary

LABELS = dict(zip(REQUIRED_ELEMENTS, ("指导思想", "维权", "经费审查", "女职工工作", "月度安排")))
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
BROWSER_HINT = ("install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver) "
                "and `pip install -e .[test]` to run browser tests")


def finding(rule, severity="error", line=3, column=1, end_column=5, source="二、维权工作：加强<协商>", **kw):
    return Finding(rule=rule, severity=severity, message=kw.get("message", f"{rule} 的问题"),
                   hint=kw.get("hint", "参考写法：……"), line=line, column=column, end_line=line,
                   end_column=end_column, source=source)


def plan(index, unit, year=2024, missing=(), warnings=0, months=range(1, 13), title=None):
    """A plan whose missing elements each come with their error finding."""
    findings = [finding(rule) for rule in REQUIRED_ELEMENTS if rule in missing]
    findings += [finding("vague-wording", "warning") for _ in range(warnings)]
    elements = [Element(rule, LABELS[rule], rule not in missing) for rule in REQUIRED_ELEMENTS]
    return PlanResult(index=index, title=title or f"{unit}{year}年工会工作计划", start_line=1, end_line=40,
                      schedule_months=list(months), findings=findings, elements=elements,
                      unit=unit, year=year)


def results() -> list[FileResult]:
    """Several units: passing, failing, a collection of two plans, an unreadable file."""
    return [
        FileResult("plans/a.txt", "txt", "utf-8", plans=[plan(1, "一分厂工会")]),
        FileResult("plans/b.docx", "docx", plans=[
            plan(1, "二分厂工会", missing=("finance-audit", "womens-work"), warnings=2,
                 months=[1, 2, 3, 4, 5, 6, 9, 11])]),
        FileResult("plans/broken.docx", "docx", error="文件已损坏，无法打开"),
        FileResult("plans/集合.md", "md", "utf-8", plans=[
            plan(1, "机关工会", warnings=1),
            plan(2, "后勤工会", missing=("monthly-schedule",), months=[]),
        ]),
        FileResult("plans/c.txt", "txt", "gb18030",
                   plans=[plan(1, "三分厂工会", year=2025, title="三分厂<script>alert(1)</script>计划")],
                   findings=[finding("web-furniture", "warning", source="点击<a href='x'>返回</a>")]),
    ]


def render(reporter_class, lang="zh", items=None) -> str:
    out = io.StringIO()
    reporter = reporter_class(out, ReportOptions(lang=lang, tool_version="9.9.9"))
    summary = Summary()
    for result in results() if items is None else items:
        reporter.file(result)
        summary.add(result)
    reporter.finish(summary)
    return out.getvalue()


# --------------------------------------------------------------------------- summary rows

def test_rows_one_per_plan_and_one_for_unreadable_file():
    rows = [row for result in results() for row in rows_for(result)]
    assert [(row.path, row.plan_index) for row in rows] == [
        ("plans/a.txt", 1), ("plans/b.docx", 1), ("plans/broken.docx", None),
        ("plans/集合.md", 1), ("plans/集合.md", 2), ("plans/c.txt", 1)]
    b = rows[1]
    assert (b.ok, b.missing, b.errors, b.warnings) == (False, ["经费审查", "女职工工作"], 2, 2)
    assert rows[2].error == "文件已损坏，无法打开" and not rows[2].ok
    assert rows[0].ok and rows[0].unit == "一分厂工会" and rows[0].year == 2024
    assert rows[5].warnings == 1 and rows[5].ok        # furniture finding counts on the first row


def test_missing_follows_the_fixed_element_order():
    result = FileResult("x.txt", plans=[plan(1, "U", missing=("womens-work", "guiding-ideology"))])
    result.plans[0].elements.reverse()
    assert rows_for(result)[0].missing == ["指导思想", "女职工工作"]


def test_sort_rows_worst_first():
    rows = sort_rows(row for result in results() for row in rows_for(result))
    assert [(row.path, row.plan_index) for row in rows] == [
        ("plans/broken.docx", None),   # unreadable
        ("plans/b.docx", 1),           # two missing
        ("plans/集合.md", 2),           # one missing
        ("plans/c.txt", 1),            # one warning, path before 集合
        ("plans/集合.md", 1),           # one warning
        ("plans/a.txt", 1),
    ]


@pytest.mark.parametrize(("months", "lang", "text"), [
    ([1, 2, 3, 4, 5, 6, 9, 11], "zh", "1–6、9、11月"),
    ([11, 9, 6, 5, 4, 3, 2, 1], "en", "Jan–Jun, Sep, Nov"),
    ([1, 2, 12], "zh", "1、2、12月"),
    ([], "zh", "无"),
    ([], "en", "none"),
])
def test_format_months(months, lang, text):
    assert format_months(months, lang) == text


def test_summary_table_has_localised_headers_and_a_row_per_plan():
    from rich.console import Console

    rows = sort_rows(row for result in results() for row in rows_for(result))
    console = Console(width=200, record=True)
    console.print(summary_table(rows, "en"))
    text = console.export_text()
    assert "Missing elements" in text and "Unreadable" in text and "Needs changes" in text
    assert len(summary_table(rows, "zh").rows) == 6


# --------------------------------------------------------------------------- CSV

def test_csv_has_bom_parses_and_is_sorted_worst_first():
    text = render(CsvReporter)
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:])))
    assert table[0] == ["文件", "篇", "单位", "年度", "结论", "缺少的要素", "错误", "警告", "月度覆盖"]
    assert [row[0] for row in table[1:]] == [
        "plans/broken.docx", "plans/b.docx", "plans/集合.md", "plans/c.txt", "plans/集合.md", "plans/a.txt"]
    assert table[1][4] == "无法读取" and table[1][5] == "文件已损坏，无法打开"
    assert table[2][4:] == ["需修改", "经费审查、女职工工作", "2", "2", "1–6、9、11月"]
    assert table[6][4:] == ["合格", "", "0", "0", "1–12月"]


def test_csv_english_and_formula_cells_neutralised():
    items = [FileResult("=cmd.txt", plans=[plan(1, "@unit", missing=("finance-audit", "womens-work"))])]
    table = list(csv.reader(io.StringIO(render(CsvReporter, "en", items)[1:])))
    assert table[0][4] == "Verdict"
    assert table[1][:3] == ["'=cmd.txt", "1", "'@unit"]
    assert table[1][4:6] == ["Needs changes", "经费审查; 女职工工作"]


# --------------------------------------------------------------------------- HTML (static)

class _Collector(HTMLParser):
    """Collects start tags and checks that every non-void element is closed in order."""

    VOID = {"meta", "link", "input", "br", "img", "hr"}

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()


def parse(page: str) -> _Collector:
    parser = _Collector()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser


def test_html_is_well_formed_with_one_row_per_plan():
    page = render(HtmlReporter)
    tags = parse(page).tags
    rows = [attrs for tag, attrs in tags if tag == "tr" and "data-verdict" in attrs]
    assert len(rows) == 6
    assert [row["data-verdict"] for row in rows][:2] == ["unreadable", "fail"]
    assert {row["data-unit"] for row in rows} == {"", "一分厂工会", "二分厂工会", "机关工会", "后勤工会", "三分厂工会"}
    assert rows[1]["data-missing"] == "经费审查|女职工工作"
    assert len([attrs for tag, attrs in tags if tag == "details"]) == 6
    # each row links to its details block
    detail_ids = {attrs["id"] for tag, attrs in tags if tag == "details"}
    links = {attrs["href"][1:] for tag, attrs in tags if tag == "a" and "go" in attrs.get("class", "")}
    assert links == detail_ids
    assert '<html lang="zh-CN">' in page and '<meta charset="utf-8">' in page
    assert "Noto Sans CJK SC" in page and "plancheck 9.9.9" in page


def test_html_is_self_contained_and_escaped():
    page = render(HtmlReporter)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "<script>alert(1)</script>" not in page
    assert "三分厂&lt;script&gt;alert(1)&lt;/script&gt;计划" in page
    assert "<mark>点击&lt;a</mark> href=&#x27;x&#x27;&gt;返回&lt;/a&gt;" in page
    assert page.count("<script>") == 1
    assert render(HtmlReporter) == page            # deterministic


def test_html_english_and_totals():
    page = render(HtmlReporter, "en")
    assert '<html lang="en">' in page
    assert "Files: <b>5</b>" in page and "Plans: <b>5</b>" in page
    assert "Pass: <b>3</b>" in page and "Needs changes: <b>2</b>" in page and "Unreadable: <b>1</b>" in page


def test_excerpt_marks_the_span_and_escapes():
    mark = finding("x", column=8, end_column=10, source="二、维权工作：<协商>\n")
    assert excerpt_html(mark) == "二、维权工作：<mark>&lt;协</mark>商&gt;"
    past_end = finding("x", column=40, end_column=50, source="短句")
    assert excerpt_html(past_end) == "短句"


def test_html_empty_run():
    tags = parse(render(HtmlReporter, items=[])).tags
    assert not [attrs for tag, attrs in tags if tag == "tr" and "data-verdict" in attrs]


# --------------------------------------------------------------------------- HTML in Chromium

@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Real headless Chromium through Debian's chromedriver (never Selenium Manager downloads)."""
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        pytest.skip(BROWSER_HINT)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip(BROWSER_HINT)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--window-size=1400,1000",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture()
def page(browser, tmp_path):
    """The zh report of many submissions, opened from file://."""
    items = results() + [FileResult(f"plans/more/{n:02}.txt", "txt", plans=[
        plan(1, f"第{n}车间工会", missing=REQUIRED_ELEMENTS[: n % 3], warnings=n % 4)]) for n in range(10)]
    path = tmp_path / "report.html"
    path.write_text(render(HtmlReporter, items=items), encoding="utf-8")
    browser.get(path.as_uri())
    browser.get_log("browser")   # start each test with an empty log
    browser.refresh()
    return browser


def visible(driver) -> list[str]:
    """data-order of the visible rows, in display order."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#summary tbody tr'))"
        ".filter(function (r) { return !r.hidden; }).map(function (r) { return r.cells[0].textContent; });")


def test_browser_opens_without_console_errors(page):
    from selenium.webdriver.common.by import By

    severe = [entry for entry in page.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []
    assert len(page.find_elements(By.CSS_SELECTOR, "#summary tbody tr")) == 16
    assert page.find_element(By.ID, "count").text == "显示 16 / 16"
    ARTIFACTS.mkdir(exist_ok=True)
    page.save_screenshot(str(ARTIFACTS / "html-report.png"))
    assert (ARTIFACTS / "html-report.png").read_bytes().startswith(b"\x89PNG")


def test_browser_text_filter_narrows(page):
    from selenium.webdriver.common.by import By

    page.find_element(By.ID, "f-text").send_keys("二分厂")
    assert visible(page) == ["plans/b.docx"]
    assert page.find_element(By.ID, "count").text == "显示 1 / 16"
    field = page.find_element(By.ID, "f-text")
    field.clear()
    field.send_keys("WEB-FURNITURE")        # matches finding rules, case-insensitively
    assert visible(page) == ["plans/c.txt"]


def test_browser_select_filters_narrow(page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(page.find_element(By.ID, "f-verdict")).select_by_value("unreadable")
    assert visible(page) == ["plans/broken.docx"]
    Select(page.find_element(By.ID, "f-verdict")).select_by_value("pass")
    passing = visible(page)
    assert "plans/a.txt" in passing and "plans/b.docx" not in passing and len(passing) < 16
    Select(page.find_element(By.ID, "f-unit")).select_by_value("机关工会")
    assert visible(page) == ["plans/集合.md"]
    Select(page.find_element(By.ID, "f-verdict")).select_by_index(0)
    Select(page.find_element(By.ID, "f-unit")).select_by_index(0)
    Select(page.find_element(By.ID, "f-missing")).select_by_value("月度安排")
    assert visible(page) == ["plans/集合.md"]


def test_browser_header_click_sorts(page):
    from selenium.webdriver.common.by import By

    before = visible(page)
    assert before[0] == "plans/broken.docx"         # worst first
    page.find_elements(By.CSS_SELECTOR, "#summary thead th button")[0].click()
    by_path = visible(page)
    assert by_path != before and sorted(by_path) == sorted(before)
    latin = [path for path in by_path if path in ("plans/a.txt", "plans/b.docx", "plans/c.txt")]
    assert latin == ["plans/a.txt", "plans/b.docx", "plans/c.txt"]
    page.find_elements(By.CSS_SELECTOR, "#summary thead th button")[0].click()
    assert visible(page) == by_path[::-1]           # second click: descending
    warnings_header = page.find_elements(By.CSS_SELECTOR, "#summary thead th button")[7]
    warnings_header.click()
    warnings_header.click()                         # descending
    counts = page.execute_script(
        "return Array.from(document.querySelectorAll('#summary tbody tr'))"
        ".map(function (r) { return Number(r.cells[7].getAttribute('data-sort')); });")
    assert counts == sorted(counts, reverse=True) and counts[0] == 3


def test_browser_row_link_opens_details(page):
    from selenium.webdriver.common.by import By

    page.find_element(By.LINK_TEXT, "plans/b.docx").click()
    details = page.find_element(By.CSS_SELECTOR, "details[open]")
    assert "经费审查、女职工工作" in details.text
    assert details.find_element(By.TAG_NAME, "mark").text == "二、维权"
