"""Regexes that open with the class of their first characters, so ``re`` scans fast.

``re`` scans for a pattern quickly only when the pattern opens with a literal or a
character class; one that opens with a group, a repeat or a lookaround is tried at every
position, several times slower. ``opening_with`` puts the class of every character a
match can begin with in front (found by ``first_characters`` from the parsed pattern) and
tries the pattern itself, in a lookahead, only where that class matches.
``required_words`` finds words one of which every match contains, so a scan for them
tells where a pattern cannot match at all.
"""
from __future__ import annotations

import re
from re import _constants as sre, _parser as sre_parse   # parse trees tell a pattern's first characters

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def character_class(starts: list[str]) -> str:
    """The character class of the class items ``starts`` (as ``first_characters`` gives them)."""
    return f"[{''.join(dict.fromkeys(starts))}]"


def opening_with(starts: list[str], source: str, flags: int = 0) -> re.Pattern:
    """``source`` compiled to be tried only at the characters of the class items ``starts``;
    a match is one character long, and ``source``'s groups hold what it matched."""
    return re.compile(f"{character_class(starts)}(?<=(?={source})(?s:.))", flags)


def first_characters(words: list[str], sources: list[str]) -> list[str] | None:
    """Class items (escaped characters, ranges) for every character a match of ``words`` or
    ``sources`` can begin with; None when a pattern could begin with any character (``.``,
    ``\\w``, a negated class, ignored case …) or match empty text."""
    starts = [re.escape(word[0]) for word in words]
    for source in sources:
        parsed = sre_parse.parse(source, re.MULTILINE)
        found, empty = (None, False) if parsed.state.flags & re.IGNORECASE else _starts(parsed.data)
        if found is None or empty:
            return None
        starts += found
    return starts


def _starts(items) -> tuple[list[str] | None, bool]:
    """First-character class items of a parsed sequence, and whether it can match empty."""
    starts: list[str] = []
    for op, arg in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            return starts + [re.escape(chr(arg))], False
        if op is sre.IN:
            if not all(kind in (sre.LITERAL, sre.RANGE) for kind, _ in arg):
                return None, False
            return starts + [re.escape(chr(value)) if kind is sre.LITERAL else
                             f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}" for kind, value in arg], False
        if op is sre.BRANCH:
            branches = [_starts(branch.data) for branch in arg[1]]
            if any(found is None for found, _ in branches):
                return None, False
            found = [item for items, _ in branches for item in items]
            empty = any(empty for _, empty in branches)
        elif op is sre.SUBPATTERN and not arg[1] & re.IGNORECASE:
            found, empty = _starts(arg[3].data)
        elif op in _REPEATS:
            found, empty = _starts(arg[2].data)
            empty = empty or arg[0] == 0
        elif op is sre.ATOMIC_GROUP:
            found, empty = _starts(arg.data)
        else:   # any character, a class by category, a group reference, ignored case …
            return None, False
        if found is None:
            return None, False
        starts += found
        if not empty:
            return starts, False
    return starts, True


def required_words(source: str) -> list[str] | None:
    """Words one of which every match of ``source`` holds, found in what a match consumes
    (lookarounds are not read); None when there are none."""
    parsed = sre_parse.parse(source, re.MULTILINE)
    return None if parsed.state.flags & re.IGNORECASE else _required(parsed.data)


def _required(items) -> list[str] | None:
    """The required words of a parsed sequence: a run of literals, or the required words
    of one of its groups; the choice with the longest shortest word, then the fewest
    words, then the last (in a line pattern the closing word tells most: 第…篇)."""
    choices: list[list[str]] = []
    run = ""
    for op, arg in list(items) + [(None, None)]:
        if op is sre.LITERAL:
            run += chr(arg)
            continue
        if run:
            choices.append([run])
            run = ""
        if op is sre.BRANCH:
            branches = [_required(branch.data) for branch in arg[1]]
            if all(branches):
                choices.append(list(dict.fromkeys(word for words in branches for word in words)))
        elif op is sre.SUBPATTERN and not arg[1] & re.IGNORECASE:
            choices.append(_required(arg[3].data))
        elif op is sre.ATOMIC_GROUP:
            choices.append(_required(arg.data))
        elif op in _REPEATS and arg[0] >= 1:
            choices.append(_required(arg[2].data))
    ranked = [(-min(map(len, words)), len(words), -index, words) for index, words in enumerate(choices) if words]
    return min(ranked)[3] if ranked else None
