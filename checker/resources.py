"""Where the grammar and the default rule pack live, installed or in a source checkout, and
the fingerprint that tells whether a file generated from them is still current."""
from __future__ import annotations

import zlib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# In a wheel they are installed as checker/_grammar and checker/_rules (see pyproject.toml);
# in a checkout (and an editable install) they are the top-level grammar/ and rules/.
_INSTALLED = {"grammar": _PACKAGE / "_grammar", "rules": _PACKAGE / "_rules"}


def data_path(kind: str, name: str = "") -> Path:
    """Path of ``name`` inside the ``grammar`` or ``rules`` folder."""
    checkout = _PACKAGE.parent / kind
    in_checkout = (_PACKAGE.parent / "pyproject.toml").is_file() and checkout.is_dir()
    base = checkout if in_checkout else _INSTALLED[kind]
    return base / name if name else base


def fingerprint(text: str) -> str:
    """A fingerprint of ``text`` (zlib: hashlib's import alone costs more than a cold start
    can spare)."""
    return f"{zlib.crc32(text.encode('utf-8')):08x}-{len(text)}"
