"""Command line: ``plancheck check | parse | rules | explain | init``.

Help and messages are Simplified Chinese unless ``--lang en`` (or PLANCHECK_LANG=en).
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration or
unreadable input.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from checker import __version__
from checker.i18n import T

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

H = {  # help texts
    "prog": T("工会工作计划合规检查工具：检查计划草稿是否包含必备要素。",
              "Compliance checker for Chinese trade-union work plans: does a draft hold the required elements?"),
    "lang": T("界面语言：zh（默认）或 en", "language of messages: zh (default) or en"),
    "version": T("显示版本号并退出", "show the version and exit"),
    "help": T("显示本帮助并退出", "show this help and exit"),
    "check": T("检查计划草稿（文件、文件夹或 - 表示标准输入）", "check plan drafts (files, folders, or - for standard input)"),
    "paths": T("要检查的文件或文件夹", "files or folders to check"),
    "format": T("输出格式", "output format"),
    "output": T("写入文件（原子写入）而不是标准输出", "write the report to this file (atomically) instead of standard output"),
    "config": T("配置文件（默认向上查找 plancheck.yaml、.plancheck.yaml 或 pyproject.toml）",
                "config file (default: the nearest plancheck.yaml, .plancheck.yaml or pyproject.toml)"),
    "profile": T("单位类型的规则配置", "rule profile for the kind of union"),
    "select": T("只运行这些规则（逗号分隔）", "run only these rules (comma-separated ids)"),
    "ignore": T("不运行这些规则（逗号分隔）", "do not run these rules (comma-separated ids)"),
    "rules": T("附加规则文件（可重复）", "extra rule file (repeatable)"),
    "min_months": T("月度安排至少应覆盖的月份数", "months a schedule should cover at least"),
    "include": T("扫描文件夹时只检查匹配的文件（glob，可重复）", "when scanning folders, check only matching files (glob, repeatable)"),
    "exclude": T("扫描文件夹时跳过匹配的路径（glob，可重复）", "when scanning folders, skip matching paths (glob, repeatable)"),
    "fail_on": T("达到该严重程度的问题使退出码为 1（默认 error）", "findings at or above this severity exit 1 (default: error)"),
    "strict": T("警告也视为失败（等同 --fail-on warning）", "warnings fail too (same as --fail-on warning)"),
    "exit_zero": T("只报告，退出码总为 0", "report only: always exit 0"),
    "jobs": T("并行进程数（默认全部 CPU 核）", "worker processes (default: all cores)"),
    "summary": T("输出每份计划一行的汇总表", "add a summary table, one row per plan"),
    "baseline": T("只报告基线文件中没有的问题", "report only findings that are not in this baseline"),
    "write_baseline": T("把当前所有问题记录为基线文件", "record today's findings as a baseline file"),
    "no_progress": T("不显示进度条", "do not show a progress bar"),
    "parse": T("显示草稿的结构（计划、章节、条目、月度安排）", "show a draft's structure (plans, sections, items, schedule)"),
    "parse_file": T("要解析的文件（- 表示标准输入）", "file to parse (- for standard input)"),
    "rules_cmd": T("列出规则，或用 --test 运行规则自带的示例", "list the rules, or run their own examples with --test"),
    "rules_test": T("运行规则示例（可指定规则文件）", "run the rules' examples (optionally of these rule files)"),
    "explain": T("说明一条规则：消息、修改建议和示例", "explain a rule: message, hint and examples"),
    "rule_id": T("规则编号，例如 finance-audit", "rule id, e.g. finance-audit"),
    "init": T("生成一份包含全部必备要素的计划框架", "write a plan skeleton that has every required element"),
    "init_file": T("要写入的文件（默认 工会工作计划.md）", "file to write (default: 工会工作计划.md)"),
    "force": T("覆盖已存在的文件", "overwrite an existing file"),
}
MSG = {
    "no_files": T("没有找到要检查的草稿", "no drafts found to check"),
    "exists": T("{path} 已存在（使用 --force 覆盖）", "{path} exists (use --force to overwrite)"),
    "written": T("已写入 {path}", "wrote {path}"),
    "unknown_rule": T("未知规则：{id}", "unknown rule: {id}"),
    "examples_ok": T("全部 {count} 条规则的示例均通过", "the examples of all {count} rules pass"),
    "interrupted": T("已中断", "interrupted"),
    "overwrite": T("{path} 是要检查的文件之一，不能作为输出文件", "{path} is one of the files being checked: it cannot be an output"),
}


def _early_lang(argv: list[str]) -> str:
    """The language for help text, known before the arguments are parsed."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return "en" if argv[index + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return "en" if os.environ.get("PLANCHECK_LANG") == "en" else "zh"


class _Parser(argparse.ArgumentParser):
    """argparse with its headings and errors in the chosen language."""

    lang = "zh"

    def format_help(self) -> str:
        text = super().format_help()
        if self.lang == "zh":
            text = text.replace("usage:", "用法：").replace("options:", "选项：")
            text = text.replace("positional arguments:", "位置参数：").replace("commands:", "命令：")
        return text

    def format_usage(self) -> str:
        text = super().format_usage()
        return text.replace("usage:", "用法：") if self.lang == "zh" else text

    def error(self, message: str):
        self.print_usage(sys.stderr)
        prefix = "错误" if self.lang == "zh" else "error"
        self.exit(EXIT_USAGE, f"{self.prog}: {prefix}: {message}\n")


def build_parser(lang: str) -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return H[key](lang)

    _Parser.lang = lang
    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=("zh", "en"), default=None, help=h("lang"))
    common.add_argument("-h", "--help", action="help", help=h("help"))

    parser = _Parser(prog="plancheck", description=h("prog"), add_help=False, parents=[common])
    parser.add_argument("--version", action="version", version=f"plancheck {__version__}", help=h("version"))
    commands = parser.add_subparsers(dest="command", title="commands", metavar="{check,parse,rules,explain,init}")
    commands.required = True

    check = commands.add_parser("check", help=h("check"), description=h("check"), add_help=False, parents=[common])
    check.add_argument("paths", nargs="+", metavar="PATH", help=h("paths"))
    check.add_argument("--format", "-f", choices=("rich", "plain", "json", "sarif", "github", "junit", "parsable",
                                                   "html", "csv"), help=h("format"))
    check.add_argument("-o", "--output", metavar="FILE", help=h("output"))
    check.add_argument("--config", metavar="FILE", help=h("config"))
    check.add_argument("--profile", choices=("general", "enterprise", "school", "institution", "township"),
                       help=h("profile"))
    check.add_argument("--select", type=_id_list, metavar="IDS", help=h("select"))
    check.add_argument("--ignore", type=_id_list, metavar="IDS", help=h("ignore"))
    check.add_argument("--rules", action="append", metavar="FILE", help=h("rules"))
    check.add_argument("--min-months", type=int, choices=range(1, 13), metavar="N", help=h("min_months"))
    check.add_argument("--include", action="append", metavar="GLOB", help=h("include"))
    check.add_argument("--exclude", action="append", metavar="GLOB", help=h("exclude"))
    check.add_argument("--fail-on", choices=("error", "warning", "info"), default=None, help=h("fail_on"))
    check.add_argument("--strict", action="store_true", help=h("strict"))
    check.add_argument("--exit-zero", action="store_true", help=h("exit_zero"))
    check.add_argument("--jobs", "-j", type=int, metavar="N", help=h("jobs"))
    check.add_argument("--summary", action="store_true", help=h("summary"))
    check.add_argument("--baseline", metavar="FILE", help=h("baseline"))
    check.add_argument("--write-baseline", metavar="FILE", help=h("write_baseline"))
    check.add_argument("--no-progress", action="store_true", help=h("no_progress"))
    check.set_defaults(handler=run_check)

    parse = commands.add_parser("parse", help=h("parse"), description=h("parse"), add_help=False, parents=[common])
    parse.add_argument("file", metavar="FILE", help=h("parse_file"))
    parse.add_argument("--format", "-f", choices=("rich", "json"), default="rich", help=h("format"))
    parse.set_defaults(handler=run_parse)

    rules = commands.add_parser("rules", help=h("rules_cmd"), description=h("rules_cmd"), add_help=False,
                                parents=[common])
    rules.add_argument("--test", nargs="*", metavar="FILE", help=h("rules_test"))
    rules.add_argument("--config", metavar="FILE", help=h("config"))
    rules.set_defaults(handler=run_rules)

    explain = commands.add_parser("explain", help=h("explain"), description=h("explain"), add_help=False,
                                  parents=[common])
    explain.add_argument("rule_id", metavar="ID", help=h("rule_id"))
    explain.add_argument("--config", metavar="FILE", help=h("config"))
    explain.set_defaults(handler=run_explain)

    init = commands.add_parser("init", help=h("init"), description=h("init"), add_help=False, parents=[common])
    init.add_argument("file", nargs="?", default="工会工作计划.md", metavar="FILE", help=h("init_file"))
    init.add_argument("--profile", choices=("general", "enterprise", "school", "institution", "township"),
                      default="general", help=h("profile"))
    init.add_argument("--force", action="store_true", help=h("force"))
    init.set_defaults(handler=run_init)
    return parser


def _id_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


# --------------------------------------------------------------------------- config

def load_config(args):
    """Settings from the config file (named or found), then the command-line flags."""
    from checker.config import build_config, find_config, read_config_file

    config_file = Path(args.config) if getattr(args, "config", None) else find_config(Path.cwd())
    settings = read_config_file(config_file) if config_file else {}
    env_lang = os.environ.get("PLANCHECK_LANG") if os.environ.get("PLANCHECK_LANG") in ("zh", "en") else None
    return build_config(
        settings,
        lang=args.lang or env_lang,
        profile=getattr(args, "profile", None),
        select=getattr(args, "select", None),
        ignore=getattr(args, "ignore", None),
        rule_files=getattr(args, "rules", None),
        min_months=getattr(args, "min_months", None),
        include=getattr(args, "include", None),
        exclude=getattr(args, "exclude", None),
    )


# --------------------------------------------------------------------------- check

def _choose_format(args) -> str:
    if args.format:
        return args.format
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "rich"


def _wants_progress(args, file_count: int) -> bool:
    return (not args.no_progress and file_count > 1 and sys.stderr.isatty()
            and not os.environ.get("CI") and not os.environ.get("GITHUB_ACTIONS"))


def run_check(args, lang: str) -> int:
    from checker.batch import check_files, collect_files
    from checker.formats import ReportOptions, get_reporter
    from checker.model import Summary
    from checker.rulepack import load_ruleset

    config = load_config(args)
    ruleset = load_ruleset(config)            # a malformed rule file stops the run here
    files = collect_files(args.paths, config)
    if not files:
        print(f"plancheck: {MSG['no_files'](config.lang)}", file=sys.stderr)
        return EXIT_USAGE
    for target in (args.output, args.write_baseline):
        if target and any(_same_file(target, path) for path in files):
            print(f"plancheck: {MSG['overwrite'].format(path=target)(config.lang)}", file=sys.stderr)
            return EXIT_USAGE
    baseline = None
    if args.baseline:
        from checker.baseline import Baseline
        baseline = Baseline.load(args.baseline)
    duplicate_rule = ruleset.get("duplicate-submission")
    finder = None
    if duplicate_rule is not None and len(files) > 1:   # compare the submissions of a batch
        from dataclasses import replace

        from checker.duplicates import DuplicateFinder
        config = replace(config, batch=True)
        finder = DuplicateFinder(duplicate_rule, config.lang)
    fmt = _choose_format(args)
    fail_on = "warning" if args.strict else (args.fail_on or "error")
    summary = Summary()
    kept_for_baseline = []
    with contextlib.ExitStack() as stack:
        progress = _progress(stack, len(files), config.lang) if _wants_progress(args, len(files)) else None
        out = stack.enter_context(_output(args.output))
        color = fmt == "rich" and not args.output and out.isatty() and not os.environ.get("NO_COLOR")
        options = ReportOptions(lang=config.lang, rules=[rule.info(config.lang) for rule in ruleset.rules],
                                root=Path.cwd(), color=color, summary=args.summary, tool_version=__version__)
        reporter = get_reporter(fmt)(out, options)
        for result in check_files(files, config, jobs=args.jobs):
            if finder is not None:
                result = finder.add(result)
            if baseline is not None:
                result = baseline.new_findings(result)
            if args.write_baseline:
                kept_for_baseline.append(result)
            summary.add(result)
            reporter.file(result)
            if progress is not None:
                progress.advance(progress.task_ids[0])
        reporter.finish(summary)
    if args.write_baseline:
        from checker.baseline import write_baseline
        write_baseline(args.write_baseline, kept_for_baseline)
    return _exit_code(args, summary, fail_on)


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _exit_code(args, summary, fail_on: str) -> int:
    if args.exit_zero:
        return EXIT_OK
    if summary.unreadable:
        return EXIT_USAGE
    counts = {"error": summary.errors, "warning": summary.warnings, "info": summary.infos}
    failing = sum(n for severity, n in counts.items() if SEVERITY_RANK[severity] >= SEVERITY_RANK[fail_on])
    return EXIT_FINDINGS if failing else EXIT_OK


@contextlib.contextmanager
def _output(path: str | None):
    if path is None:
        yield sys.stdout
        return
    from checker.atomic import atomic_open
    with atomic_open(path) as out:
        yield out


def _progress(stack: contextlib.ExitStack, total: int, lang: str):
    from checker.progress import progress_bar

    return stack.enter_context(progress_bar(total, lang))


# --------------------------------------------------------------------------- parse, rules, explain, init

def run_parse(args, lang: str) -> int:
    import json

    from checker.parse_view import render_tree, to_json
    from checker.pipeline import load

    lang = args.lang or lang
    document = load(args.file)
    if args.format == "json":
        json.dump(to_json(document), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from rich.console import Console
        Console().print(render_tree(document, lang))
    return EXIT_OK


def run_rules(args, lang: str) -> int:
    from checker import rulepack

    config = load_config(args)
    if args.test is not None:
        failures = rulepack.run_examples(args.test or None, config.lang)
        for failure in failures:
            print(failure)
        if failures:
            return EXIT_FINDINGS
        files = args.test or rulepack.default_files()   # count the rules whose examples ran
        count = len({rule.id for path in files for rule in rulepack.load_rule_file(
            path, trusted=not args.test, lang=config.lang)})
        print(MSG["examples_ok"].format(count=count)(config.lang))
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    headers = {"zh": ("编号", "类型", "严重程度", "适用单位"), "en": ("id", "kind", "severity", "profiles")}
    table = Table(*headers[config.lang], box=None, header_style="bold")
    for rule in rulepack.load_ruleset(config, all_profiles=True).rules:
        table.add_row(rule.id, rule.kind, rule.severity, ", ".join(rule.profiles) or "general")
    Console().print(table)
    return EXIT_OK


def run_explain(args, lang: str) -> int:
    from checker import rulepack

    config = load_config(args)
    text = rulepack.explain(args.rule_id, config)
    if text is None:
        print(f"plancheck: {MSG['unknown_rule'].format(id=args.rule_id)(config.lang)}", file=sys.stderr)
        return EXIT_USAGE
    print(text)
    return EXIT_OK


def run_init(args, lang: str) -> int:
    from checker.atomic import atomic_open
    from checker.skeleton import skeleton

    lang = args.lang or lang
    target = Path(args.file)
    if target.exists() and not args.force:
        print(f"plancheck: {MSG['exists'].format(path=target)(lang)}", file=sys.stderr)
        return EXIT_USAGE
    with atomic_open(target) as out:
        out.write(skeleton(args.profile, markdown=target.suffix.lower() in (".md", ".markdown")))
    print(MSG["written"].format(path=target)(lang), file=sys.stderr)
    return EXIT_OK


# --------------------------------------------------------------------------- entry point

def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = _early_lang(argv)
    args = build_parser(lang).parse_args(argv)
    if args.lang is None and any(arg == "--lang" or arg.startswith("--lang=") for arg in argv):
        args.lang = lang   # `plancheck --lang en check …`: the subcommand's default (None) hid the flag
    from checker.config import ConfigError
    from checker.reading import ReadError
    from checker.rulepack import RuleFileError

    try:
        return args.handler(args, lang)
    except (ConfigError, RuleFileError) as error:
        print(f"plancheck: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ReadError as error:
        print(f"plancheck: {error.path}: {error.message(args.lang or lang)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"plancheck: {MSG['interrupted'](lang)}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout = None
        return EXIT_OK
    except OSError as error:  # e.g. -o into a folder that does not exist
        print(f"plancheck: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
