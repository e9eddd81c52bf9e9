"""Which files a run checks: named files, and drafts found by walking named folders.

Folders are walked in sorted order without following symlinked folders (no loops);
hidden folders and .git are skipped; .gitignore files inside the scanned tree are
respected; ``include``/``exclude`` globs match paths relative to the scanned folder.
"""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Iterator

DRAFT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".docx", ".doc", ".wps"}
NOT_DRAFTS = ("README*", "CHANGELOG*", "LICENSE*", "CONTRIBUTING*")


def iter_files(paths: list[str], include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> Iterator[str]:
    """Files to check, in a stable order. ``-`` (standard input) and named files pass as given."""
    for given in paths:
        if given == "-" or not os.path.isdir(given):
            yield given
            continue
        yield from _walk(Path(given), include, exclude)


def _walk(root: Path, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[str]:
    ignore_specs: list[tuple[Path, object]] = []
    for folder, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
        here = Path(folder)
        spec = _gitignore(here)
        if spec is not None:
            ignore_specs.append((here, spec))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not _ignored(here / d, root, ignore_specs, exclude, is_dir=True))
        for name in sorted(filenames):
            path = here / name
            if (_wanted(path, root, include) and not _ignored(path, root, ignore_specs, exclude, is_dir=False)
                    and _regular_or_broken(path)):
                yield str(path)


def _regular_or_broken(path: Path) -> bool:
    """A regular file, or a broken link (reported as unreadable); never a pipe or device,
    whose reading could block the run."""
    import stat

    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True


def _wanted(path: Path, root: Path, include: tuple[str, ...]) -> bool:
    if include:
        relative = path.relative_to(root).as_posix()
        return any(fnmatch.fnmatch(relative, g) or fnmatch.fnmatch(path.name, g) for g in include)
    return (path.suffix.lower() in DRAFT_SUFFIXES and not path.name.startswith(".")
            and not any(fnmatch.fnmatch(path.name, g) for g in NOT_DRAFTS))


def _ignored(path: Path, root: Path, specs, exclude: tuple[str, ...], is_dir: bool) -> bool:
    relative = path.relative_to(root).as_posix()
    if any(fnmatch.fnmatch(relative, g) or fnmatch.fnmatch(path.name, g) for g in exclude):
        return True
    for base, spec in specs:
        inner = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        if spec.match_file(inner):
            return True
    return False


def _gitignore(folder: Path):
    ignore_file = folder / ".gitignore"
    if not ignore_file.is_file():
        return None
    import pathspec

    try:
        lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.PathSpec.from_lines("gitwildmatch", lines)
