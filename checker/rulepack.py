"""Rule files: loading and validation, the rule set of a run, and the rules' own examples.

A rule file is YAML with one key, ``rules``: a list of rules. Every rule has ``id``
(kebab-case, unique), ``kind`` (checker/kinds/), ``severity``, ``message`` and ``hint``
({zh, en}; ``{placeholders}`` from the kind's FIELDS), optionally ``description``,
``profiles`` and ``examples`` ({pass: [...], fail: [...]}), plus the parameters its kind
declares. Files are read with ``yaml.safe_load`` (tags that construct objects are
refused); only when a file is wrong is it composed again (nodes, no objects) to name the
line. Any fault raises :class:`RuleFileError` ("rules/x.yaml:12: unknown kind …").

The default pack is every ``*.yaml`` of the rules folder; its patterns are trusted
(``re``). Patterns of other files run under ``regex`` with a timeout. A snapshot of the
default pack as read by ``safe_load`` (checker/data/default-rules.json, written by
``python -m checker.rulepack``) spares a cold start PyYAML's import and parse; each file's
entry is used only while its fingerprint matches the file.
"""
from __future__ import annotations

import dataclasses
import difflib
import json
import os
import re
import string
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from checker.config import PROFILES, Config
from checker.i18n import T, pick
from checker.kinds import KINDS
from checker.kinds.base import ParamError, validate
from checker.model import SEVERITIES, RuleInfo
from checker.resources import data_path, fingerprint

SNAPSHOT = "default-rules.json"
REQUIRED_FIELDS = ("id", "kind", "severity", "message", "hint")
OPTIONAL_FIELDS = ("description", "profiles", "examples")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TAG = re.compile(r"tag '([^']+)'")


class RuleFileError(Exception):
    """A rule file that cannot be used: ``str()`` is ``file:line: what is wrong``."""

    def __init__(self, path: str | os.PathLike, line: int | None, text: T, lang: str = "zh"):
        self.path = str(path)
        self.line = line
        self.text = text
        self.lang = lang
        super().__init__(str(self))

    def __str__(self) -> str:
        where = _display(self.path) + (f":{self.line}" if self.line else "")
        return f"{where}: {self.text(self.lang)}"


def _display(path: str) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: str
    message: dict
    hint: dict
    description: dict | None
    profiles: tuple[str, ...]
    examples: dict
    params: dict
    prepared: Any             # what the kind module's prepare() compiled
    source: str               # the rule file
    index: int                # position in the file's list (its line is found only when needed)

    @property
    def module(self):
        return KINDS[self.kind]

    def info(self, lang: str) -> RuleInfo:
        blank = Placeholders()
        return RuleInfo(id=self.id, kind=self.kind, severity=self.severity,
                        message=pick(self.message, lang).format_map(blank),
                        description=pick(self.description or self.message, lang).format_map(blank),
                        hint=pick(self.hint, lang).format_map(blank))

    def line(self) -> int | None:
        return _locate(self.source, "rules", self.index)


class Placeholders(dict):
    """Placeholder values for describing a rule without a finding: ``{match}`` -> ``…``."""

    def __missing__(self, key):
        return "…"


@dataclass
class RuleSet:
    rules: list[Rule]

    def get(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)


# --------------------------------------------------------------------------- loading

@cache
def default_files() -> tuple[Path, ...]:
    """The default pack's files (listed once: every check of a run asks for them)."""
    return tuple(sorted(data_path("rules").glob("*.yaml")))


_FILE_CACHE: dict[tuple, list[Rule]] = {}
_SET_CACHE: dict[tuple, RuleSet] = {}


def _stamp(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), None, None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def load_rule_file(path: str | os.PathLike, *, trusted: bool = False, lang: str = "zh") -> list[Rule]:
    """The validated rules of one file (cached while the file is unchanged)."""
    path = Path(path)
    key = (_stamp(path), trusted)
    if key not in _FILE_CACHE:
        _FILE_CACHE[key] = _read_rules(path, trusted, lang)
    return _FILE_CACHE[key]


def load_ruleset(config: Config, all_profiles: bool = False) -> RuleSet:
    """Default pack + config.rule_files, filtered by profile/select/ignore, severities applied."""
    files = [(path, True) for path in default_files()] + [(Path(p), False) for p in config.rule_files]
    key = (tuple((_stamp(p), trusted) for p, trusted in files), config.profile, config.select,
           config.ignore, config.severity, all_profiles)
    if key not in _SET_CACHE:
        rules = _unique([rule for path, trusted in files
                         for rule in load_rule_file(path, trusted=trusted, lang=config.lang)], config.lang)
        chosen = [dataclasses.replace(rule, severity=config.severity_of(rule.id, rule.severity))
                  for rule in rules
                  if config.rule_enabled(rule.id)
                  and (all_profiles or not rule.profiles or config.profile in rule.profiles)]
        _SET_CACHE[key] = RuleSet(chosen)
    return _SET_CACHE[key]


def _unique(rules: list[Rule], lang: str) -> list[Rule]:
    first: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in first:
            earlier = first[rule.id]
            raise RuleFileError(rule.source, _locate(rule.source, "rules", rule.index, "id"), T(
                "规则编号重复：'{id}'（已在 {where} 定义）", "duplicate id '{id}' (first defined in {where})").format(
                id=rule.id, where=f"{_display(earlier.source)}:{earlier.line()}"), lang)
        first[rule.id] = rule
    return rules


@cache
def _snapshot() -> dict:
    """The default pack's snapshot: file name -> {fingerprint, data}."""
    try:
        return json.loads((Path(__file__).parent / "data" / SNAPSHOT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_snapshot(target: Path) -> None:
    """Write the snapshot of the default pack to ``target``."""
    import yaml

    snapshot = {}
    for path in default_files():
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        if json.loads(json.dumps(data, ensure_ascii=False)) == data:   # plain data only
            snapshot[path.name] = {"fingerprint": fingerprint(text), "data": data}
    target.write_text(json.dumps(snapshot, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def _read_rules(path: Path, trusted: bool, lang: str) -> list[Rule]:
    def fail(text: T, line: int | None = None):
        raise RuleFileError(path, line, text, lang)

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        fail(T("无法读取规则文件：{e}", "cannot read the rule file: {e}").format(e=error))
    stored = _snapshot().get(path.name) if trusted else None
    if stored and stored["fingerprint"] == fingerprint(text):
        data = stored["data"]
    else:
        data = _safe_load(text, fail)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        fail(T("规则文件须有 rules: 列表", "a rule file needs a 'rules:' list"), 1)
    extra = sorted(set(data) - {"rules"}, key=str)
    if extra:
        fail(T("未知的顶层字段 '{k}'", "unknown top-level field '{k}'").format(k=extra[0]),
             _locate(path, extra[0], on_key=True))
    return [_rule(path, index, entry, trusted, lang) for index, entry in enumerate(data["rules"])]


def _safe_load(text: str, fail) -> Any:
    """``yaml.safe_load``; a fault names its line (a tag that would construct an object too)."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = str(getattr(error, "problem", None) or error)
        tag = _TAG.search(problem)
        if isinstance(error, yaml.constructor.ConstructorError) and tag:
            fail(T("不允许的 YAML 标签 {tag}：规则文件不能构造对象",
                   "tag {tag} is not allowed: rule files may not construct objects").format(tag=tag.group(1)), line)
        fail(T("YAML 语法错误：{p}", "YAML syntax error: {p}").format(p=problem), line)


def _rule(path: Path, index: int, entry: Any, trusted: bool, lang: str) -> Rule:
    def fail(message: T, key: str | None = None, item: int | None = None, on_key: bool = False):
        steps = [step for step in (key, item) if step is not None]
        raise RuleFileError(path, _locate(path, "rules", index, *steps, on_key=on_key), message, lang)

    if not isinstance(entry, dict):
        fail(T("每条规则须是一个映射（字段: 值）", "each rule must be a mapping of fields"))
    missing = [name for name in REQUIRED_FIELDS if name not in entry]
    if missing:
        fail(T("缺少字段 '{f}'", "missing field '{f}'").format(f=missing[0]))
    kind = entry["kind"]
    if not isinstance(kind, str) or kind not in KINDS:
        close = difflib.get_close_matches(str(kind), KINDS, n=1)
        hint = T("（是否想写 '{c}'？）", " (did you mean '{c}'?)").format(c=close[0]) if close else T("", "")
        fail(T("未知的规则类型 '{k}'{zh}；可用：{known}", "unknown kind '{k}'{en}; known: {known}").format(
            k=kind, zh=hint.zh, en=hint.en, known=", ".join(KINDS)), "kind")
    module = KINDS[kind]
    param_names = {param.name for param in module.PARAMETERS}
    for name in entry:
        if name not in REQUIRED_FIELDS and name not in OPTIONAL_FIELDS and name not in param_names:
            fail(T("未知字段 '{f}'（{kind} 规则的参数：{known}）", "unknown field '{f}' ({kind} parameters: {known})").format(
                f=name, kind=kind, known=", ".join(sorted(param_names))), str(name), on_key=True)
    rule_id = entry["id"]
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        fail(T("id 须是小写连字符形式（如 finance-audit），而不是 {v!r}",
               "id must be kebab-case (like finance-audit), not {v!r}").format(v=rule_id), "id")
    if entry["severity"] not in SEVERITIES:
        fail(T("severity 须是 error、warning 或 info", "severity must be error, warning or info"), "severity")
    texts = {}
    for name in ("message", "hint", "description"):
        if name in entry:
            texts[name] = _bilingual(name, entry[name], module.FIELDS, lambda message, key=name: fail(message, key))
    profiles = entry.get("profiles", [])
    if not isinstance(profiles, list) or not all(p in PROFILES for p in profiles):
        fail(T("profiles 须是以下名称的列表：{p}", "profiles must be a list of: {p}").format(p=", ".join(PROFILES)),
             "profiles")
    examples = entry.get("examples", {})
    if not isinstance(examples, dict) or set(examples) - {"pass", "fail"} or not all(
            isinstance(v, list) and all(isinstance(s, str) for s in v) for v in examples.values()):
        fail(T("examples 须形如 {pass: [文本…], fail: [文本…]}", "examples must be {pass: [text…], fail: [text…]}"),
             "examples")
    values = {name: value for name, value in entry.items() if name in param_names}
    try:
        params = validate(module.PARAMETERS, values)
        prepared = module.prepare(params, rule_id, trusted)
    except ParamError as error:
        fail(error.text, error.name if error.name in values else None, error.item)
    return Rule(id=rule_id, kind=kind, severity=entry["severity"], message=texts["message"], hint=texts["hint"],
                description=texts.get("description"), profiles=tuple(profiles), examples=examples,
                params=params, prepared=prepared, source=str(path), index=index)


def _bilingual(name: str, value: Any, fields: tuple[str, ...], fail) -> dict:
    """Field ``name``: a {zh, en} text whose placeholders are all in ``fields``."""
    if not isinstance(value, dict) or set(value) != {"zh", "en"} or not all(
            isinstance(v, str) and v.strip() for v in value.values()):
        fail(T("{name} 须是 {{zh: 中文, en: English}}", "{name} must be {{zh: 中文, en: English}}").format(name=name))
    for text in value.values():
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
        except ValueError as error:
            fail(T("占位符有误：{e}（字面的花括号请写成 {{{{ }}}}）", "bad placeholder: {e} (write literal braces as {{{{ }}}})")
                 .format(e=error))
        unknown = [name for name in names if name not in fields]
        if unknown:
            fail(T("未知占位符 {{{n}}}（可用：{known}）", "unknown placeholder {{{n}}} (available: {known})").format(
                n=unknown[0], known=", ".join(fields) or "-"))
    return value


def _locate(path: str | os.PathLike, *steps: str | int, on_key: bool = False) -> int | None:
    """1-based line of the node reached by ``steps`` (keys and list indexes from the top), or of
    the deepest one that exists; ``on_key``: of the last key itself. For error messages only."""
    import yaml

    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    for number, step in enumerate(steps, start=1):
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next(((k if on_key and number == len(steps) else v) for k, v in node.value
                          if str(k.value) == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
        if child is None:
            break
        node = child
    return node.start_mark.line + 1 if node is not None else None


# --------------------------------------------------------------------------- examples and explain

def run_examples(paths: list[str] | None, lang: str = "zh") -> list[str]:
    """Check every rule's examples (default pack, or the files in ``paths``): failures, [] when all pass."""
    from checker.engine import check_text

    if paths is None:
        rules = _unique([r for path in default_files() for r in load_rule_file(path, trusted=True, lang=lang)], lang)
    else:
        rules = _unique([r for path in paths for r in load_rule_file(path, lang=lang)], lang)
    config = Config(lang=lang, batch=True)   # as one submission of a batch, so batch-only rules run
    failures = []
    for rule in rules:
        for expected, snippets in (("fail", rule.examples.get("fail", [])), ("pass", rule.examples.get("pass", []))):
            for number, snippet in enumerate(snippets, start=1):
                result = check_text(snippet, config, rules=[rule], path="<example>")
                fired = result.error is None and any(f.rule == rule.id for f in result.all_findings())
                if fired != (expected == "fail"):
                    problem = (T("fail 示例 {n} 没有触发该规则", "fail example {n} produced no finding")
                               if expected == "fail" else
                               T("pass 示例 {n} 触发了该规则", "pass example {n} produced a finding"))
                    line = _locate(rule.source, "rules", rule.index, "examples", expected, number - 1)
                    where = f"{_display(rule.source)}:{line}"
                    excerpt = snippet.strip().replace("\n", " ⏎ ")[:60]
                    failures.append(f"{where}: {rule.id}: {problem.format(n=number)(lang)}: {excerpt}"
                                    + (f" ({result.error})" if result.error else ""))
    return failures


def explain(rule_id: str, config: Config) -> str | None:
    """A rule's documentation in ``config.lang``, or None when no rule has that id."""
    rule = load_ruleset(config, all_profiles=True).get(rule_id)
    if rule is None:
        return None
    lang = config.lang
    info = rule.info(lang)
    label = {key: text(lang) for key, text in {
        "hint": T("修改建议", "How to fix"), "params": T("参数", "Parameters"), "profiles": T("适用单位", "Profiles"),
        "pass": T("合格示例", "Passing example"), "fail": T("不合格示例", "Failing example"),
        "source": T("定义于", "Defined in")}.items()}
    lines = [f"{rule.id}  [{rule.kind}, {rule.severity}]", info.message]
    if info.description != info.message:
        lines.append(info.description)
    lines += ["", f"{label['hint']}: {info.hint}", f"{label['profiles']}: {', '.join(rule.profiles) or 'general'}",
              "", f"{label['params']}:"]
    for param in rule.module.PARAMETERS:
        lines.append(f"  {param.name} = {rule.params[param.name]!r}  — {param.description}")
    for expected in ("pass", "fail"):
        for snippet in rule.examples.get(expected, []):
            lines.append(f"{label[expected]}: {snippet.strip()}")
    lines.append(f"{label['source']}: {_display(rule.source)}:{rule.line()}")
    return "\n".join(lines)


if __name__ == "__main__":
    destination = Path(__file__).with_name("data") / SNAPSHOT
    write_snapshot(destination)
    print(f"wrote {destination}", file=sys.stderr)
