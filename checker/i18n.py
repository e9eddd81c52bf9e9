"""Bilingual user-facing text: Simplified Chinese by default, English with ``--lang en``.

Every message a user can see is written where it is used as ``T("中文", "English")``
and rendered with :func:`render` once the language is known.
"""
from __future__ import annotations

from dataclasses import dataclass

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


@dataclass(frozen=True, slots=True)
class T:
    """One message in both languages; ``{name}`` placeholders are filled by :meth:`format`."""

    zh: str
    en: str

    def format(self, **params) -> "T":
        return T(self.zh.format(**params), self.en.format(**params))

    def __call__(self, lang: str = DEFAULT_LANG) -> str:
        return self.en if lang == "en" else self.zh


def render(text: "T | str | None", lang: str = DEFAULT_LANG) -> str:
    """Text in ``lang``; plain strings pass through unchanged."""
    if text is None:
        return ""
    return text(lang) if isinstance(text, T) else text


def pick(value: "dict | str | None", lang: str = DEFAULT_LANG) -> str:
    """A rule-file message such as ``{zh: …, en: …}`` (or a plain string) in ``lang``."""
    if isinstance(value, dict):
        return value.get(lang) or value.get(DEFAULT_LANG) or next(iter(value.values()), "")
    return value or ""
