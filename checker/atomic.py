"""Write report and baseline files atomically: a temporary file renamed into place."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator, TextIO


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text file that appears at ``path`` only once it is completely written."""
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as error:  # name the file the user asked for, not the temporary one
        raise OSError(error.errno, error.strerror, str(target)) from None
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as out:
            yield out
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
