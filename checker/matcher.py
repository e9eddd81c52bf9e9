"""The one way rules match text: a rule's terms and patterns compiled into one regex.

Terms become one alternation (longest first), patterns are appended as alternatives, so
a plan is scanned once per rule, never once per term. A candidate is dropped when
- it crosses a line (block) boundary of the joined text,
- it is a boundary-checked term and the segmentation splits a word across its edge
  (checker.segment; jieba is loaded only then), or
- an ``exclude`` pattern matches text overlapping it.
Patterns of other rule files than the default pack are untrusted: they are matched with
``regex``'s timeout, so a catastrophic pattern ends in :class:`RuleTimeout`, not a hang.
``^`` and ``$`` match at the start and end of each block (the text is compiled MULTILINE).
"""
from __future__ import annotations

import re
from typing import Iterator

from checker.i18n import T
from checker.kinds.base import Lines, ParamError

_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")
_LEADING_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")
_BOUNDARY_GROUP = "_b"


class RuleTimeout(Exception):
    """A rule's regular expression ran out of time on a draft."""

    def __init__(self, rule_id: str, seconds: float):
        super().__init__(rule_id)
        self.rule_id = rule_id
        self.seconds = seconds

    def message(self, lang: str) -> str:
        return T("规则 {id} 的正则表达式超时（超过 {s} 秒），已停止检查此文件；请简化该表达式",
                 "the regular expression of rule {id} timed out (over {s} s); the file was not "
                 "checked; simplify the expression").format(id=self.rule_id, s=self.seconds)(lang)


def compile_regex(source: str):
    """A compiled pattern. Every rule uses ``regex``: it allows a timeout, and on these
    alternations of Chinese terms it scans about twice as fast as ``re``."""
    import regex

    return regex.compile(source, flags=regex.VERSION0 | regex.MULTILINE)


def combine(name: str, alternatives: list[str], sources: list[str]):
    """One compiled regex: ``alternatives`` (escaped terms, already valid) then the patterns
    ``sources`` of parameter ``name``. Raises ParamError naming the bad pattern; each pattern
    is compiled on its own only then, to find it."""
    ready = []
    for index, source in enumerate(sources):
        if _BACKREFERENCE.search(source):
            raise ParamError(name, T("正则表达式不支持反向引用", "backreferences are not supported"), index)
        flags = _LEADING_FLAGS.match(source)   # (?i)… must become (?i:…) inside an alternation
        ready.append(f"(?{flags.group(1)}:{source[flags.end():]})" if flags else source)
    parts = alternatives + [f"(?:{source})" for source in ready]
    if not parts:
        return None
    try:
        compiled = compile_regex("|".join(parts))
    except Exception:  # re.error / regex.error: say which pattern
        compiled = None
    if compiled is None or compiled.fullmatch(""):
        for index, source in enumerate(ready):
            try:
                alone = compile_regex(source)
            except Exception as error:
                raise ParamError(name, T("正则表达式无效：{error}", "bad regular expression: {error}").format(
                    error=error), index) from None
            if alone.fullmatch(""):
                raise ParamError(name, T("正则表达式能匹配空文本", "the pattern matches empty text"), index)
        raise ParamError(name, T("正则表达式组合后无效（组名重复？）", "the patterns do not combine (a group name used twice?)"))
    return compiled


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


class Matcher:
    """Terms and patterns of one rule parameter set, compiled together."""

    def __init__(self, rule_id: str, *, terms=(), patterns=(), exclude=(), check_boundaries=False,
                 trusted=False, name="patterns"):
        self.rule_id = rule_id
        self.trusted = trusted
        checked, plain = [], []
        for term in terms:   # a string, or {term: …, boundary: true}
            flagged = check_boundaries or isinstance(term, dict) and term.get("boundary", False)
            (checked if flagged else plain).append(term["term"] if isinstance(term, dict) else term)
        terms_first = []
        if checked:
            terms_first.append(f"(?P<{_BOUNDARY_GROUP}>{_alternation(checked)})")
        if plain:
            terms_first.append(f"(?:{_alternation(plain)})")
        self.pattern = combine(name, terms_first, list(patterns))
        self.exclude = combine("exclude", [], list(exclude))
        self.boundaries = bool(checked)

    def _search(self, pattern, text: str, start: int, end: int, timeout: float):
        try:
            if self.trusted:
                return pattern.search(text, start, end)
            return pattern.search(text, start, end, timeout=timeout)
        except TimeoutError:
            raise RuleTimeout(self.rule_id, timeout) from None

    def finditer(self, lines: Lines, timeout: float) -> Iterator[tuple[int, int]]:
        """(start, end) in ``lines.text`` of every accepted match, left to right."""
        if self.pattern is None:
            return
        text = lines.text
        position = 0
        while position < len(text):
            match = self._search(self.pattern, text, position, len(text), timeout)
            if match is None:
                return
            start, end = match.span()
            if self._accepted(match, lines, timeout):
                yield start, end
                position = end
            else:
                position = start + 1

    def _accepted(self, match, lines: Lines, timeout: float) -> bool:
        start, end = match.span()
        line_start, line_end = lines.line_bounds(start)
        if end > line_end:
            return False
        if self.boundaries and match.start(_BOUNDARY_GROUP) >= 0:
            from checker.segment import crosses_word

            line = lines.text[line_start:line_end]
            if crosses_word(line, start - line_start, end - line_start):
                return False
        if self.exclude is not None:
            position = line_start
            while True:
                veto = self._search(self.exclude, lines.text, position, line_end, timeout)
                if veto is None or veto.start() >= end:
                    break
                if veto.end() > start:
                    return False
                position = veto.start() + 1
        return True
