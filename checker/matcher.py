"""The one way rules match text: a rule's terms and patterns compiled into one regex.

Terms become one alternation (longest first), patterns are appended as alternatives, so
a plan is scanned once per rule, never once per term. A candidate is dropped when
- it crosses a line (block) boundary of the joined text,
- it is a boundary-checked term and the segmentation splits a word across its edge
  (checker.segment; jieba is loaded only then), or
- an ``exclude`` pattern matches text overlapping it.
The default pack is trusted: its regexes run with ``re`` and are compiled when first used
(tests/test_rules_pack.py compiles them all). Patterns of other rule files are untrusted:
compiled as the file is loaded, so a bad one is reported there, and matched with
``regex``'s timeout, so a catastrophic pattern ends in :class:`RuleTimeout`, not a hang.
``^`` and ``$`` match at the start and end of each block (the text is compiled MULTILINE).
"""
from __future__ import annotations

import re
from typing import Iterator

from checker.i18n import T
from checker.kinds.base import Lines, ParamError
from checker.prefilter import first_characters, opening_with

_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")
_LEADING_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


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


def compile_regex(source: str, trusted: bool, starts: list[str] | None = None):
    """``source`` compiled so that its match is group 1: untrusted with ``regex``, for the
    timeout; trusted with ``re``. Given ``starts``, the class of every character a match can
    begin with, the trusted regex opens with that class (checker.prefilter): several times
    faster than a plain ``re`` or ``regex`` scan of a pattern that does not begin with a
    plain word."""
    if not trusted:
        import regex

        return regex.compile(f"({source})", flags=regex.VERSION0 | regex.MULTILINE)
    if starts is None:
        return re.compile(f"({source})", re.MULTILINE)
    return opening_with(starts, f"({source})", re.MULTILINE)


def combine(name: str, words: list[list[str]], sources: list[str], trusted: bool):
    """One compiled regex: the alternations of each list of ``words`` (longest first) then the
    patterns ``sources`` of parameter ``name``; None when there are none. Raises ParamError
    naming the bad pattern; each pattern is compiled on its own only then, to find it."""
    ready = []
    for index, source in enumerate(sources):
        if _BACKREFERENCE.search(source):
            raise ParamError(name, T("正则表达式不支持反向引用", "backreferences are not supported"), index)
        flags = _LEADING_FLAGS.match(source)   # (?i)… must become (?i:…) inside an alternation
        ready.append(f"(?{flags.group(1)}:{source[flags.end():]})" if flags else source)
    parts = [_alternation(group) for group in words] + [f"(?:{source})" for source in ready]
    if not parts:
        return None
    try:
        # words alone need no class: re finds the first characters of a list of words itself
        starts = first_characters([word for group in words for word in group], ready) if trusted and ready else None
        compiled = compile_regex("|".join(parts), trusted, starts)
    except Exception:  # re.error / regex.error: say which pattern
        compiled = None
    if compiled is None or compiled.fullmatch(""):
        for index, source in enumerate(ready):
            try:
                alone = compile_regex(source, trusted)
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
        self.name = name
        checked, plain = [], []
        for term in terms:   # a string, or {term: …, boundary: true}
            flagged = check_boundaries or isinstance(term, dict) and term.get("boundary", False)
            (checked if flagged else plain).append(term["term"] if isinstance(term, dict) else term)
        # checked terms come first, so a match is a checked term exactly when its text is one
        self.checked = frozenset(checked)
        self.words = [group for group in (checked, plain) if group]
        self.patterns = list(patterns)
        self.excluded = list(exclude)
        self._regexes = None
        if not trusted:
            self.regexes()

    def regexes(self) -> tuple:
        """The compiled (pattern, exclude) regexes, either None when empty; compiled on the
        first call, which raises ParamError for a bad pattern."""
        if self._regexes is None:
            self._regexes = (combine(self.name, self.words, self.patterns, self.trusted),
                             combine("exclude", [], self.excluded, self.trusted))
        return self._regexes

    def _search(self, pattern, text: str, start: int, end: int, timeout: float) -> tuple[int, int] | None:
        """Span of the leftmost match of ``pattern`` in ``text[start:end]``."""
        try:
            if self.trusted:
                match = pattern.search(text, start, end)
            else:
                match = pattern.search(text, start, end, timeout=timeout)
        except TimeoutError:
            raise RuleTimeout(self.rule_id, timeout) from None
        return match.span(1) if match else None

    def finditer(self, lines: Lines, timeout: float) -> Iterator[tuple[int, int]]:
        """(start, end) in ``lines.text`` of every accepted match, left to right."""
        pattern, exclude = self.regexes()
        if pattern is None:
            return
        text = lines.text
        position = 0
        while position < len(text):
            span = self._search(pattern, text, position, len(text), timeout)
            if span is None:
                return
            start, end = span
            if self._accepted(start, end, lines, exclude, timeout):
                yield start, end
                position = end
            else:
                position = start + 1

    def _accepted(self, start: int, end: int, lines: Lines, exclude, timeout: float) -> bool:
        line_start, line_end = lines.line_bounds(start)
        if end > line_end:
            return False
        if self.checked and lines.text[start:end] in self.checked:
            from checker.segment import crosses_word

            line = lines.text[line_start:line_end]
            if crosses_word(line, start - line_start, end - line_start):
                return False
        if exclude is not None:
            position = line_start
            while True:
                veto = self._search(exclude, lines.text, position, line_end, timeout)
                if veto is None or veto[0] >= end:
                    break
                if veto[1] > start:
                    return False
                position = veto[0] + 1
        return True
