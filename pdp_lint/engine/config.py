"""Configuration: ``pdp-lint.toml`` or ``[tool.pdp-lint]`` in ``pyproject.toml``.

Every key is checked; an unknown key, a wrong type or an unknown rule is one line naming
the file and line, and the command exits 2.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
import types
import typing
from pathlib import Path
from typing import Any

import msgspec

from pdp_lint.load.source import (
    DEFAULT_MAX_BYTES,
    SETTINGS_MAX_BYTES,
    SETTINGS_TOO_LARGE,
    NotRegularFile,
    ReadError,
    read_regular,
)
from pdp_lint.model.problem import Severity

CONFIG_FILES = ("pdp-lint.toml", ".pdp-lint.toml", "pyproject.toml")
_TOP_KEYS = {
    "select": "list of rule codes, names or groups to run (default: the default rules)",
    "extend-select": "rules to run in addition to the selection",
    "ignore": "rules not to run",
    "severity": "table of rule -> error|warning|info",
    "rules": "per-rule option tables",
    "overrides": "array of tables with `files` globs and select/ignore/severity",
    "vocabulary": "files of genuine domain terms, one per line",
    "corpus": "files or directories that cross-file rules compare against",
    "max-file-size": "largest framework file read, in bytes",
}
_OVERRIDE_KEYS = {"files", "select", "extend-select", "ignore", "severity"}


class ConfigError(Exception):
    """A configuration problem, told in one line with file and line."""


class Override(msgspec.Struct, frozen=True):
    """One ``[[overrides]]`` table: what changes for the files matching its globs."""

    files: tuple[str, ...]
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = msgspec.field(default_factory=dict)

    def matches(self, rel: str) -> bool:
        return any(fnmatch.fnmatch(rel, pattern) for pattern in self.files)


class Settings(msgspec.Struct):
    """The effective configuration of a run."""

    root: Path = msgspec.field(default_factory=Path.cwd)
    file: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = msgspec.field(default_factory=dict)
    options: dict[str, Any] = msgspec.field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    vocabulary: tuple[Path, ...] = ()
    corpus: tuple[Path, ...] = ()
    max_file_size: int = DEFAULT_MAX_BYTES
    _relative: dict[Path, str] = msgspec.field(default_factory=dict)
    _folders: dict[Path, Path] = msgspec.field(default_factory=dict)
    #: answers of enabled_codes and severity_for by what they depend on (the selections
    #: and which overrides match), so a run of many files works them out once
    _answers: dict[tuple[Any, ...], Any] = msgspec.field(default_factory=dict)
    _resolved_root: tuple[Path, Path] | None = None

    def relative(self, path: Path) -> str:
        """``path`` relative to the configuration's folder, as override globs see it."""
        known = self._relative.get(path)
        if known is None:
            try:
                known = self._resolved(path).relative_to(self._root()).as_posix()
            except ValueError:
                known = path.as_posix()
            self._relative[path] = known
        return known

    def _resolved(self, path: Path) -> Path:
        """``path.resolve()``, its folder resolved once per folder (a run of many files
        in a few folders resolved every folder of every file's path again), its name
        kept unless the file itself is a link."""
        try:
            link = stat.S_ISLNK(os.lstat(path).st_mode)
        except OSError:
            link = True  # what resolving makes of it, then
        if link:
            return path.resolve()
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        return folder / path.name

    def _root(self) -> Path:
        cached = self._resolved_root
        if cached is None or cached[0] is not self.root:
            cached = self._resolved_root = (self.root, self.root.resolve())
        return cached[1]

    def _matching(self, path: Path) -> tuple[int, ...]:
        """The positions of the overrides whose globs match ``path`` (none are looked at,
        nor is the path resolved, when there are no overrides)."""
        if not self.overrides:
            return ()
        rel = self.relative(path)
        return tuple(i for i, ov in enumerate(self.overrides) if ov.matches(rel))

    def enabled_codes(self, path: Path) -> set[str]:
        """Codes of the rules that run on ``path``."""
        matching = self._matching(path)
        key = ("enabled", self.select, self.extend_select, self.ignore, matching)
        codes: frozenset[str] | None = self._answers.get(key)
        if codes is None:
            codes = self._answers[key] = frozenset(self._enabled_codes(matching))
        return set(codes)

    def _enabled_codes(self, matching: tuple[int, ...]) -> set[str]:
        from pdp_lint.rules import all_rules, resolve_selector

        select, extend, ignore = self.select, list(self.extend_select), list(self.ignore)
        for i in matching:
            ov = self.overrides[i]
            select = ov.select if ov.select is not None else select
            extend += ov.extend_select
            ignore += ov.ignore
        if select is None:
            codes = {c for c, r in all_rules().items() if r.default_enabled}
        else:
            codes = {r.code for s in select for r in resolve_selector(s)}
        codes |= {r.code for s in extend for r in resolve_selector(s)}
        codes -= {r.code for s in ignore for r in resolve_selector(s)}
        return codes

    def severity_for(self, code: str, path: Path) -> Severity | None:
        """The configured severity of a rule on ``path``, if any."""
        matching = self._matching(path)
        key = ("severity", code, tuple(self.severity.items()), matching)
        if key not in self._answers:
            self._answers[key] = self._severity_for(code, matching)
        found: Severity | None = self._answers[key]
        return found

    def _severity_for(self, code: str, matching: tuple[int, ...]) -> Severity | None:
        from pdp_lint.rules import resolve_selector

        found: Severity | None = None
        tables = [self.severity] + [self.overrides[i].severity for i in matching]
        for table in tables:
            for selector, sev in table.items():
                if any(r.code == code for r in resolve_selector(selector)):
                    found = sev
        return found

    def rule_options(self, code: str) -> Any:
        return self.options.get(code)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``."""
    here = start.resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if _is_file(candidate) and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _is_file(path: Path) -> bool:
    """Path.is_file, except that a folder that cannot be searched hides its files, and
    a name the system refuses (too long, a NUL) names no file."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _has_tool_table(path: Path) -> bool:
    import tomllib  # only where a configuration is read: a run without one does not pay

    try:
        text = read_regular(path, SETTINGS_MAX_BYTES, SETTINGS_TOO_LARGE).decode("utf-8")
        tool = tomllib.loads(text.removeprefix("\ufeff")).get("tool", {})
        # a `tool` that is not a table holds no pdp-lint settings
        return isinstance(tool, dict) and "pdp-lint" in tool
    except (OSError, ReadError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return True  # let load_settings report the problem


#: tomllib recurses once per level of nesting, so a hundred thousand levels exhaust
#: Python's stack; the error then names the line where nesting passes this depth
MAX_NESTING = 64


def _too_deep(text: str) -> int | None:
    """The line where ``[`` and ``{`` nest past :data:`MAX_NESTING`, outside strings and
    comments; None if they never do."""
    depth, line, i, n = 0, 1, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
        elif ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif ch in "\"'":
            quote = text[i : i + 3] if text.startswith(ch * 3, i) else ch
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                if text[i] == "\\" and ch == '"':
                    i += 1
                elif text[i] == "\n":
                    line += 1
                i += 1
            i += len(quote)
            continue
        elif ch in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return line
        elif ch in "]}":
            depth = max(depth - 1, 0)
        i += 1
    return None


def load_settings(config: Path | None = None, start: Path | None = None) -> Settings:
    """Read the configuration at ``config`` (or found from ``start``)."""
    path = config or find_config(start or Path.cwd())
    if path is None:
        return Settings(root=(start or Path.cwd()).resolve())
    not_regular = ConfigError(
        f"{path}: the configuration is not a regular file (a pipe, socket or device); "
        "pass a TOML file"
    )
    if path.exists() and not _is_file(path):
        # a named pipe with no writer would block the run forever
        raise not_regular
    try:
        # a byte-order mark (some Windows editors write one) is not TOML
        raw = read_regular(path, SETTINGS_MAX_BYTES, SETTINGS_TOO_LARGE)
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except NotRegularFile:  # what the path became after the look above
        raise not_regular from None
    except ReadError as exc:  # too large
        raise ConfigError(f"{path}: cannot read the configuration: {exc.message}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses once per level of [ or {
        line = _too_deep(text)
        raise ConfigError(
            f"{path}{'' if line is None else f':{line}'}: arrays or inline tables nested "
            f"more than {MAX_NESTING} levels deep; a pdp-lint configuration needs only a "
            "few, so flatten it"
        ) from None
    table = data
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("pdp-lint", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(
                f"{_where(path, text, 'pdp-lint')}: `tool.pdp-lint` must be a table of "
                "settings (`[tool.pdp-lint]`), not "
                f"{'an array of tables' if _tables(table) else 'a value'}"
            )
    return _parse(table, path, text)


def _tables(value: object) -> bool:
    """Whether ``value`` is an array of tables (``[[...]]``)."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _where(path: Path, text: str, key: str) -> str:
    match = re.search(rf'^\s*"?{re.escape(key)}"?\s*=|\[[^\]]*{re.escape(key)}', text, re.M)
    line = text.count("\n", 0, match.start()) + 1 if match else 1
    return f"{path}:{line}"


def _closest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The choice most like ``word``, if one is close enough (as difflib judges)."""
    import difflib  # only a mistake in the configuration gets here

    close = difflib.get_close_matches(word, list(choices), n=1)
    return close[0] if close else None


def _parse(table: dict[str, Any], path: Path, text: str) -> Settings:
    from pdp_lint.rules import all_rules, resolve_selector

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{_where(path, text, key)}: {message}")

    def unknown(key: str, allowed: typing.Iterable[str], where: str) -> ConfigError:
        close = _closest(key, allowed)
        hint = f"; did you mean `{close}`?" if close else ""
        return fail(key, f"unknown key `{key}` in {where}{hint}")

    def selectors(key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"`{key}` must be a list of rule codes, names or groups")
        for sel in value:
            if not resolve_selector(sel):
                names = list(all_rules()) + [r.name for r in all_rules().values()]
                close = _closest(sel, names)
                hint = f"; did you mean `{close}`?" if close else ""
                raise fail(sel, f"unknown rule `{sel}` in `{key}`{hint}")
        return tuple(value)

    def severities(key: str, value: Any) -> dict[str, Severity]:
        if not isinstance(value, dict):
            raise fail(key, f"`{key}` must be a table of rule = severity")
        out = {}
        for sel, sev in value.items():
            selectors(key, [sel])
            if not isinstance(sev, str) or sev not in {s.value for s in Severity}:
                raise fail(sel, f"severity of `{sel}` must be error, warning or info")
            out[sel] = Severity(sev)
        return out

    root = path.parent.resolve()
    settings = Settings(root=root, file=path)
    for key in table:
        if key not in _TOP_KEYS:
            raise unknown(key, _TOP_KEYS, "the pdp-lint configuration")
    if "select" in table:
        settings.select = selectors("select", table["select"])
    settings.extend_select = selectors("extend-select", table.get("extend-select", []))
    settings.ignore = selectors("ignore", table.get("ignore", []))
    settings.severity = severities("severity", table.get("severity", {}))
    for key in ("vocabulary", "corpus"):
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"`{key}` must be a path or a list of paths")
        for v in value:
            if "\0" in v:
                raise fail(key, f"a path of `{key}` holds a NUL character ({v!r}); remove it")
        paths = tuple((root / v) for v in value)
        if key == "vocabulary":
            for p in paths:
                if not _is_file(p):
                    raise fail(key, f"vocabulary file `{p}` does not exist or is not a file")
                try:
                    read_regular(p, SETTINGS_MAX_BYTES, SETTINGS_TOO_LARGE).decode("utf-8")
                except (OSError, ReadError, UnicodeDecodeError) as exc:
                    reason = (
                        "is not UTF-8"
                        if isinstance(exc, UnicodeDecodeError)
                        else f"cannot be read ({exc.message})"
                        if isinstance(exc, ReadError)
                        else f"cannot be read ({exc.strerror or exc})"
                    )
                    raise fail(key, f"vocabulary file `{p}` {reason}; save it as UTF-8") from None
        setattr(settings, key, paths)
    size = table.get("max-file-size", DEFAULT_MAX_BYTES)
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise fail("max-file-size", "`max-file-size` must be a positive number of bytes")
    settings.max_file_size = size
    rules_table = table.get("rules", {})
    if not isinstance(rules_table, dict):
        raise fail("rules", "`rules` must be a table of rule option tables")
    for sel, opts in rules_table.items():
        matched = resolve_selector(sel)
        if not matched:
            selectors("rules", [sel])  # unknown: says so, with the closest rule
        if len(matched) != 1:
            raise fail(sel, f"`rules.{sel}` must name exactly one rule by code or name")
        rule = matched[0]
        if not isinstance(opts, dict):
            raise fail(sel, f"`rules.{sel}` must be a table of options")
        settings.options[rule.code] = _options(rule, opts, lambda k, m: fail(k, m))
    overrides = table.get("overrides", [])
    if not isinstance(overrides, list):
        raise fail("overrides", "`overrides` must be an array of tables ([[overrides]])")
    parsed = []
    for ov in overrides:
        if not isinstance(ov, dict) or "files" not in ov:
            raise fail("overrides", 'each `[[overrides]]` needs `files = ["glob", ...]`')
        for key in ov:
            if key not in _OVERRIDE_KEYS:
                raise unknown(key, _OVERRIDE_KEYS, "an override")
        files = ov["files"]
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise fail("files", "`files` of an override must be a list of glob patterns")
        parsed.append(
            Override(
                files=tuple(files),
                select=selectors("select", ov["select"]) if "select" in ov else None,
                extend_select=selectors("extend-select", ov.get("extend-select", [])),
                ignore=selectors("ignore", ov.get("ignore", [])),
                severity=severities("severity", ov.get("severity", {})),
            )
        )
    settings.overrides = tuple(parsed)
    return settings


def _options(rule: Any, given: dict[str, Any], fail: typing.Callable[[str, str], Exception]) -> Any:
    """Build a rule's typed Options from a TOML table, checking names and types."""
    options_type = rule.Options
    fields = {f.name.replace("_", "-"): f for f in msgspec.structs.fields(options_type)}
    values = {}
    for key, value in given.items():
        f = fields.get(key) or fields.get(key.replace("_", "-"))
        if f is None:
            close = _closest(key, fields)
            hint = (
                f"; did you mean `{close}`?"
                if close
                else (f"; it has {', '.join(f'`{k}`' for k in fields) or 'no options'}")
            )
            raise fail(key, f"unknown option `{key}` for rule {rule.code}{hint}")
        if f.name in values:  # `min-examples` and `min_examples` both given
            raise fail(key, f"option `{key}` of {rule.code} is set twice (also spelled with `-`)")
        expected = f.type
        if not _type_ok(value, expected):
            raise fail(key, f"option `{key}` of {rule.code} must be {_type_name(expected)}")
        values[f.name] = tuple(value) if isinstance(value, list) else value
    options = options_type(**values)
    check = getattr(options, "validate", None)
    if check is not None:
        problem = check()
        if problem:
            raise fail(next(iter(given), rule.code), f"{rule.code}: {problem}")
    return options


def _type_ok(value: Any, expected: Any) -> bool:
    origin = typing.get_origin(expected)
    if expected is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected in (str, bool):
        return isinstance(value, expected)
    if origin in (tuple, list):
        (inner, *_) = typing.get_args(expected) or (Any,)
        return isinstance(value, list) and all(_type_ok(v, inner) for v in value)
    if origin in (types.UnionType, typing.Union):
        return any(_type_ok(value, arg) for arg in typing.get_args(expected))
    return True


def _type_name(expected: Any) -> str:
    if expected is float:
        return "a number"
    if expected is int:
        return "a whole number"
    if expected is str:
        return "text"
    if expected is bool:
        return "true or false"
    if typing.get_origin(expected) in (tuple, list):
        return "a list"
    return str(expected)
