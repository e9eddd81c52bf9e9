"""Rule files: the default pack, validation errors with file:line, untrusted patterns, examples."""
from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from checker.cli import main
from checker.config import Config
from checker.engine import check_text
from checker.matcher import Matcher, combine
from checker.prefilter import first_characters, required_words
from checker.rulepack import RuleFileError, explain, load_ruleset, run_examples

DEFAULT_IDS = {"guiding-ideology", "rights-protection", "finance-audit", "womens-work", "monthly-schedule",
               "schedule-coverage", "schedule-order", "template-residue", "web-boilerplate", "heading-numbering",
               "plan-not-summary", "year-mismatch", "duplicate-submission"}

VALID = """\
rules:
  - id: union-newsletter
    kind: require
    severity: warning
    message: {zh: 缺少宣传工作, en: No newsletter work}
    hint: {zh: 例如：每月编发一期工会简报。, en: E.g. publish a monthly union newsletter.}
    terms: [简报, 通讯员]
    examples:
      pass: ["3、办好工会简报。"]
      fail: ["3、组织职工春游。"]
"""


def write(tmp_path, text: str, name: str = "extra.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def load_error(tmp_path, text: str, lang: str = "en") -> str:
    path = write(tmp_path, text)
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(Config(rule_files=(path,), lang=lang))
    return str(caught.value).replace(path, "extra.yaml")


def test_the_default_pack_has_the_documented_rules():
    ids = {rule.id for rule in load_ruleset(Config(), all_profiles=True).rules}
    assert DEFAULT_IDS <= ids
    general = {rule.id for rule in load_ruleset(Config()).rules}
    assert general == DEFAULT_IDS


def test_the_default_packs_examples_all_pass():
    assert run_examples(None, "en") == []


def test_the_default_pack_snapshot_is_current():
    import yaml

    from checker import rulepack

    stale = [path.name for path in rulepack.default_files()
             if rulepack._snapshot().get(path.name, {}).get("data") != yaml.safe_load(path.read_text(encoding="utf-8"))]
    assert not stale, f"checker/data/default-rules.json is stale for {stale}: run `python -m checker.rulepack`"


def test_the_default_pack_loads_without_pyyaml():
    code = ("import sys; from checker.config import Config; from checker.rulepack import load_ruleset; "
            "load_ruleset(Config(), all_profiles=True); print('yaml' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"


def test_a_changed_default_file_is_read_again(tmp_path, monkeypatch):
    from checker import rulepack

    pack = tmp_path / "rules"
    pack.mkdir()
    original = next(path for path in rulepack.default_files() if path.name == "elements.yaml")
    (pack / original.name).write_text(original.read_text(encoding="utf-8").replace(
        "缺少指导思想", "缺少指导思想（已改）"), encoding="utf-8")
    monkeypatch.setattr(rulepack, "default_files", lambda: (pack / original.name,))
    rule = load_ruleset(Config(rule_files=())).get("guiding-ideology")
    assert rule.info("zh").message == "缺少指导思想（已改）"


def test_a_user_rule_file_adds_rules_that_run(tmp_path):
    config = Config(rule_files=(write(tmp_path, VALID),))
    findings = check_text("一、主要工作\n1、组织职工春游。\n", config).plans[0].findings
    assert "union-newsletter" in {f.rule for f in findings}
    assert run_examples([config.rule_files[0]], "en") == []


def test_a_failing_example_is_described_with_file_and_line(tmp_path):
    path = write(tmp_path, VALID.replace('fail: ["3、组织职工春游。"]', 'fail: ["3、办好工会简报。"]'))
    failures = run_examples([path], "en")
    assert len(failures) == 1
    assert failures[0].startswith(f"{path}:10: union-newsletter: fail example 1 produced no finding")


@pytest.mark.parametrize("change, expected", [
    (("kind: require", "kind: requires"), "extra.yaml:3: unknown kind 'requires' (did you mean 'require'?)"),
    (("    severity: warning\n", ""), "extra.yaml:2: missing field 'severity'"),
    (("    terms:", "    term_list:"), "extra.yaml:7: unknown field 'term_list'"),
    (("terms: [简报, 通讯员]", "terms: [简报, 通讯员]\n    patterns: ['工会(简报', '通讯']"),
     "extra.yaml:8: bad regular expression"),
    (("terms: [简报, 通讯员]", "terms: 简报"), "extra.yaml:7: terms must be a list of terms"),
    (("terms: [简报, 通讯员]", "terms: [简报]\n    min_count: two"), "extra.yaml:8: min_count must be a whole number"),
    (("severity: warning", "severity: fatal"), "extra.yaml:4: severity must be error, warning or info"),
    (("id: union-newsletter", "id: Union_Newsletter"), "extra.yaml:2: id must be kebab-case"),
    (("en: No newsletter work", 'en: "No {thing} work"'), "extra.yaml:5: unknown placeholder {thing}"),
    (("message: {zh: 缺少宣传工作, en: No newsletter work}", "message: 缺少宣传工作"),
     "extra.yaml:5: message must be {zh: 中文, en: English}"),
    (("terms: [简报, 通讯员]", "terms: [简报, 通讯员]\n    scope: everywhere"), "extra.yaml:8: scope must be one of plan"),
    (("terms: [简报, 通讯员]", "terms: [简报]\n    patterns: ['x*']"), "extra.yaml:8: the pattern matches empty text"),
    (("terms: [简报, 通讯员]", "terms: [简报]\n    patterns: ['(工会)\\\\1']"), "backreferences are not supported"),
    (("    hint:", "    hint: [\n"), "extra.yaml:"),          # YAML syntax error, with its line
])
def test_a_malformed_rule_is_one_line_naming_file_line_and_fault(tmp_path, change, expected):
    message = load_error(tmp_path, VALID.replace(*change))
    assert message.startswith(expected) or expected in message, message
    assert "\n" not in message


def test_a_duplicate_id_names_both_places(tmp_path):
    message = load_error(tmp_path, VALID + VALID.replace("rules:\n", ""))
    assert message.startswith("extra.yaml:11: duplicate id 'union-newsletter' (first defined in ")
    assert message.endswith("extra.yaml:2)")


def test_a_user_rule_may_not_reuse_a_default_id(tmp_path):
    assert "duplicate id 'finance-audit'" in load_error(tmp_path, VALID.replace("union-newsletter", "finance-audit"))


def test_errors_are_chinese_by_default(tmp_path):
    assert load_error(tmp_path, VALID.replace("kind: require", "kind: requires"), lang="zh").startswith(
        "extra.yaml:3: 未知的规则类型 'requires'")


def test_a_tag_that_constructs_objects_is_refused_and_nothing_runs(tmp_path):
    marker = tmp_path / "pwned"
    hostile = VALID.replace("kind: require", f'kind: !!python/object/apply:os.system ["touch {marker}"]')
    message = load_error(tmp_path, hostile)
    assert message.startswith("extra.yaml:3: tag tag:yaml.org,2002:python/object/apply:os.system is not allowed")
    assert not marker.exists()


def test_the_cli_prints_the_rule_file_error_and_exits_2(tmp_path, capsys):
    rules = write(tmp_path, VALID.replace("kind: require", "kind: requires"))
    draft = write(tmp_path, "一、主要工作\n", "draft.txt")
    assert main(["check", draft, "--rules", rules, "--lang", "en", "--format", "plain"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown kind 'requires'" in err[0] and ":3:" in err[0]


def test_a_catastrophic_user_regex_times_out_into_a_clear_error(tmp_path):
    slow = VALID.replace("terms: [简报, 通讯员]", "patterns: ['(a+)+$']").replace("kind: require", "kind: forbid")
    config = Config(rule_files=(write(tmp_path, slow),), regex_timeout=0.2, lang="en")
    started = time.monotonic()
    result = check_text("一、主要工作\n" + "a" * 4000 + "b\n", config)
    assert time.monotonic() - started < 5
    assert result.error and "union-newsletter" in result.error and "timed out" in result.error
    assert result.plans == []


def test_select_ignore_and_severity_overrides_shape_the_rule_set():
    chosen = load_ruleset(Config(select=("finance-audit", "womens-work"), ignore=("womens-work",),
                                 severity=(("finance-audit", "warning"),))).rules
    assert [(rule.id, rule.severity) for rule in chosen] == [("finance-audit", "warning")]


def test_an_edited_rule_file_is_read_again(tmp_path):
    path = write(tmp_path, VALID)
    config = Config(rule_files=(path,))
    assert load_ruleset(config).get("union-newsletter").severity == "warning"
    time.sleep(0.01)
    write(tmp_path, VALID.replace("severity: warning", "severity: error") + "\n")
    assert load_ruleset(config).get("union-newsletter").severity == "error"


def test_explain_shows_message_hint_parameters_and_source():
    text = explain("finance-audit", Config(lang="en"))
    assert "The plan has no audit of union funds" in text and "How to fix" in text
    assert "exclude = " in text and "rules/elements.yaml:" in text
    assert explain("no-such-rule", Config()) is None


def test_rule_info_renders_in_the_chosen_language():
    rule = load_ruleset(Config()).get("template-residue")
    assert rule.info("en").message == "Unfilled template placeholder: “…”"
    assert rule.info("zh").hint.startswith("用实际内容替换占位符")


def test_every_pattern_of_the_default_pack_compiles():
    # the default pack is compiled when first used: a bad pattern must fail here, not in a run
    for rule in load_ruleset(Config(), all_profiles=True).rules:
        for matcher in vars(rule.prepared).values() if hasattr(rule.prepared, "__dict__") else ():
            if isinstance(matcher, Matcher):
                matcher.regexes()


TEXT = "组织3x3篮球赛\n二〇〇八年，xx区总工会以__为指导\n“”重要思想\n一、工作指导思想\n年度指导思想和目标\nAb维护职工权益"


@pytest.mark.parametrize("words, pattern", [
    ([], r"(?<![A-Za-z0-9])[xX×]{1,4}(?=[\u4e00-\u9fff])"),
    ([], r"_{2,}|(?<=[\u4e00-\u9fff\s(])_(?=[\u4e00-\u9fff])"),
    ([], r"“[ \t]*”|《[ \t]*》"),
    ([], r"(?:的|总的)?(?:指导思想|总体要求)"),             # an optional start: its characters count too
    ([], r"^(?:[^,;:。]{0,10}?(?:工作|年度?))?指导思想"),     # may start with any character
    ([], r"x(?i:ab)|(?i:ab)"),                             # ignored case
    ([], r"\w维护"),
    (["维护", "工会"], r"(?:维护|保障)[^,;。]{0,8}?(?:职工|员工)[^,;。]{0,4}?权益"),
    (["组织", "区总"], r"[0-9]+x"),
])
def test_a_trusted_regex_finds_what_the_plain_pattern_finds(words, pattern):
    compiled = combine("patterns", [words] if words else [], [pattern], trusted=True)
    plain = re.compile("|".join([re.escape(w) for w in sorted(words, key=len, reverse=True)] + [f"(?:{pattern})"]),
                       re.MULTILINE)
    for start in range(len(TEXT)):
        found = compiled.search(TEXT, start)
        expected = plain.search(TEXT, start)
        assert (found and found.span(1)) == (expected and expected.span())


@pytest.mark.parametrize("pattern, starts", [
    (r"20[xX]{2}", ["2"]),
    (r"(?:的|总的)?指导", ["的", "总", "指"]),
    (r"(?<=[“\"])[xX×]{1,4}", ["x", "X", "×"]),
    (r"[\u4e00-\u9fff]_", ["\u4e00-\u9fff"]),
    (r".+年", None),
    (r"[^,]年", None),
    (r"x*", None),                  # matches empty text
])
def test_first_characters_are_those_a_match_can_begin_with(pattern, starts):
    assert first_characters([], [pattern]) == starts


@pytest.mark.parametrize("pattern, words", [
    (r"(?:相关文章|推荐阅读)[ \t]*:?", ["相关文章", "推荐阅读"]),
    (r"第[ \t]*[0-9]{1,2}[ \t]*篇", ["篇"]),            # on a tie, the later word
    (r"a(?:bc|de)f", ["bc", "de"]),                      # the longer words
    (r"(?:ab)+x", ["ab"]),
    (r"(?:ab)*c", ["c"]),                                # an optional group requires nothing
    (r"(?=篇)[0-9]+", None),                             # lookarounds are not read
    (r"(?i)abc", None),
    (r"[^\n]+", None),
])
def test_required_words_are_words_every_match_holds(pattern, words):
    assert required_words(pattern) == words
