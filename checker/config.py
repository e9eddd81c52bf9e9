"""Run configuration: what to check and how, from plancheck.yaml / pyproject.toml and flags.

``Config`` holds only plain, immutable values so it pickles to worker processes.
"""
from __future__ import annotations

import fnmatch
from pathlib import Path
from dataclasses import dataclass, field

DEFAULT_MAX_DOCX_XML_BYTES = 64 * 2**20


@dataclass(frozen=True)
class Config:
    lang: str = "zh"                                  # zh | en: every message, hint and heading
    profile: str = "general"                          # general | enterprise | school | institution | township
    select: tuple[str, ...] = ()                      # rule ids to run; empty = all
    ignore: tuple[str, ...] = ()                      # rule ids never to run
    severity: tuple[tuple[str, str], ...] = ()        # (rule id, severity) overrides
    rule_files: tuple[str, ...] = ()                  # extra rule files, after the default pack
    min_months: int | None = None                     # overrides schedule-coverage's min_months
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, rule ids)
    exclude: tuple[str, ...] = ()                     # globs of paths not to scan
    include: tuple[str, ...] = ()                     # globs a scanned file must match (empty = drafts)
    max_docx_xml_bytes: int = DEFAULT_MAX_DOCX_XML_BYTES
    regex_timeout: float = 1.0                        # seconds a user rule's regex may take on one plan
    batch: bool = False                               # several files in one run: compare submissions
    sources: tuple[str, ...] = field(default=(), compare=False)  # config files read, for messages

    def severity_of(self, rule_id: str, default: str) -> str:
        return dict(self.severity).get(rule_id, default)

    def rule_enabled(self, rule_id: str) -> bool:
        if rule_id in self.ignore:
            return False
        return not self.select or rule_id in self.select

    def ignored_for_path(self, path: str) -> set[str]:
        """Rule ids that per-path ignores switch off for ``path`` (forward slashes)."""
        path = path.replace("\\", "/")
        ignored: set[str] = set()
        for pattern, rule_ids in self.per_path_ignores:
            if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, f"*/{pattern}"):
                ignored.update(rule_ids)
        return ignored


# --------------------------------------------------------------------------- config files

CONFIG_NAMES = ("plancheck.yaml", ".plancheck.yaml", "pyproject.toml")
PROFILES = ("general", "enterprise", "school", "institution", "township")
LIST_KEYS = {"select", "ignore", "rules", "exclude", "include"}
KEYS = LIST_KEYS | {"extends", "profile", "severity", "per-path-ignores", "min_months", "lang",
                    "max_docx_mb", "regex_timeout"}


class ConfigError(Exception):
    """A configuration file or value that cannot be used (the CLI exits 2)."""


def find_config(start: Path) -> Path | None:
    """The nearest plancheck.yaml, .plancheck.yaml or pyproject.toml with [tool.plancheck]."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
                return candidate
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        if "plancheck" not in path.read_text(encoding="utf-8", errors="replace"):
            return False  # most pyproject.toml files: no need to parse them
    except OSError:
        return False
    return "plancheck" in _read_toml(path).get("tool", {})


def _read_toml(path: Path) -> dict:
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from None


def read_config_file(path: Path, _seen: tuple[Path, ...] = ()) -> dict:
    """The merged settings of ``path`` and whatever it extends, validated."""
    path = path.resolve()
    if path in _seen:
        raise ConfigError(f"{path}: extends itself in a loop")
    if path.name == "pyproject.toml":
        data = _read_toml(path).get("tool", {}).get("plancheck", {})
    else:
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: {error}") from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f":{mark.line + 1}" if mark else ""
            raise ConfigError(f"{path}{where}: {getattr(error, 'problem', None) or error}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
    data = {key.replace("_", "-") if key == "per_path_ignores" else key: value for key, value in data.items()}
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (known: {', '.join(sorted(KEYS))})")
    _validate(path, data)
    for key in ("rules",):  # rule files are relative to the config file that names them
        if key in data:
            data[key] = [str((path.parent / item).resolve()) for item in data[key]]
    base: dict = {}
    extends = data.pop("extends", None)
    if extends in PROFILES:
        base = {"profile": extends}
    elif extends:
        base = read_config_file(path.parent / extends, _seen + (path,))
    return merge(base, data) | {"sources": [*base.get("sources", []), str(path)]}


def merge(base: dict, override: dict) -> dict:
    """Lists add up, mappings merge, scalars are replaced by ``override``."""
    merged = dict(base)
    for key, value in override.items():
        if key in LIST_KEYS or key == "sources":
            merged[key] = [*base.get(key, []), *value]
        elif key in ("severity", "per-path-ignores"):
            merged[key] = {**base.get(key, {}), **value}
        else:
            merged[key] = value
    return merged


def _validate(path: Path, data: dict) -> None:
    def fail(key: str, expected: str):
        raise ConfigError(f"{path}: {key!r} must be {expected}, got {data[key]!r}")

    for key in LIST_KEYS & set(data):
        if not isinstance(data[key], list) or not all(isinstance(item, str) for item in data[key]):
            fail(key, "a list of strings")
    if "profile" in data and data["profile"] not in PROFILES:
        fail("profile", "one of " + ", ".join(PROFILES))
    if "extends" in data and not isinstance(data["extends"], str):
        fail("extends", "a file name or a profile name")
    if "lang" in data and data["lang"] not in ("zh", "en"):
        fail("lang", "zh or en")
    if "severity" in data and (not isinstance(data["severity"], dict) or not all(
            isinstance(k, str) and v in ("error", "warning", "info") for k, v in data["severity"].items())):
        fail("severity", "a mapping of rule id to error, warning or info")
    if "per-path-ignores" in data and (not isinstance(data["per-path-ignores"], dict) or not all(
            isinstance(v, list) and all(isinstance(i, str) for i in v) for v in data["per-path-ignores"].values())):
        fail("per-path-ignores", "a mapping of glob to a list of rule ids")
    for key, low in (("min_months", 1), ("max_docx_mb", 1)):
        if key in data and (not isinstance(data[key], int) or isinstance(data[key], bool) or data[key] < low):
            fail(key, f"a whole number of at least {low}")
    if "min_months" in data and data["min_months"] > 12:
        fail("min_months", "at most 12")
    if "regex_timeout" in data and (not isinstance(data["regex_timeout"], (int, float)) or data["regex_timeout"] <= 0):
        fail("regex_timeout", "a positive number of seconds")


def build_config(settings: dict, **overrides) -> Config:
    """A Config from merged file settings, then command-line ``overrides`` (None = not given)."""
    values = {
        "lang": settings.get("lang", "zh"),
        "profile": settings.get("profile", "general"),
        "select": tuple(settings.get("select", ())),
        "ignore": tuple(settings.get("ignore", ())),
        "severity": tuple(sorted(settings.get("severity", {}).items())),
        "rule_files": tuple(settings.get("rules", ())),
        "min_months": settings.get("min_months"),
        "per_path_ignores": tuple((glob, tuple(ids)) for glob, ids in settings.get("per-path-ignores", {}).items()),
        "exclude": tuple(settings.get("exclude", ())),
        "include": tuple(settings.get("include", ())),
        "max_docx_xml_bytes": settings.get("max_docx_mb", DEFAULT_MAX_DOCX_XML_BYTES // 2**20) * 2**20,
        "regex_timeout": float(settings.get("regex_timeout", 1.0)),
        "sources": tuple(settings.get("sources", ())),
    }
    for key, value in overrides.items():
        if value is None:
            continue
        if key in ("ignore", "rule_files", "exclude", "include"):  # flags add to the file's lists
            value = values[key] + tuple(value)
        values[key] = tuple(value) if isinstance(value, list) else value
    return Config(**values)
