"""Import the libraries a check needs without what they import for features it never uses.

A pre-commit hook pays for every module pdp-lint imports, and several of the libraries
a check needs import much more than a check uses, each for a single name:

- msgspec tries ``typing_extensions`` (which imports ``inspect``, ``ast``, ``dis`` and
  ``tokenize``) for ``get_type_hints``, ``Required`` and ``NotRequired``. On Python 3.11
  and later those are the standard library's own (``typing_extensions`` hands over
  ``typing.get_type_hints`` when asked for the extras, as msgspec does), and msgspec
  falls back to ``typing`` by itself when ``typing_extensions`` cannot be imported.
  msgspec also imports ``uuid`` for the one class it recognises (a check writes and
  reads no UUID: the stand-in's class has no instances), and ``datetime``, which runs
  a pure-Python version of itself before replacing it with its C module,
  ``_datetime``: that module stands in, as it does for the TOML parser, and its
  classes are datetime's own. Where uuid is imported, it imports ``platform``
  (compiling its regular expressions) only to ask ``platform.system()`` whether this
  is Linux or AIX; the stand-in answers with ``os.uname()``, where
  ``platform.system()`` takes the answer.
  And it imports ``textwrap`` for the JSON Schemas it can write from records, and its
  own ``inspect``, ``toml`` and ``yaml`` modules whole: each stand-in imports the real
  module the first time one of its names is used;
- rapidyaml's Python module wraps six functions kept for compatibility (``parse``,
  ``emit``, ...) in the ``deprecation`` package's decorator, which imports
  ``packaging.version`` (its regular expressions are compiled on import) and
  ``datetime``; pdp-lint calls none of them;
- jsonschema-rs converts the date it was built on with
  ``email.utils.parsedate_to_datetime`` for its ``__build__`` record, which imports
  the ``email`` package with ``socket``, ``calendar``, ``locale``, ``random`` and
  ``base64``. The stand-in reads the date itself (the fixed RFC 2822 form the library
  writes) and hands any other text to the real function, so
  ``jsonschema_rs.jsonschema_rs.__build__`` is what it would be;
- ``pathlib`` imports ``urllib.parse`` (which imports ``ipaddress``) for the one
  function ``Path.as_uri`` calls; the stand-in's function imports the real one when
  first called. And its ``ntpath`` searches ``sys.path`` five times for Windows' ``nt``
  and ``_winapi``: elsewhere, None in their place says at once that they are not there;
- ``tomllib`` (with a configuration file) takes three constants of ``string``, which
  compiles a regular expression on import, and jsonschema-rs imports its ``canonical``
  package whole: the stand-ins have the constants, and import the real module for
  anything else. ``tomllib`` also compiles three long regular expressions on import:
  while it runs, ``re`` is a copy of the real module whose ``compile`` takes the
  programs from pdp-lint's store (:mod:`pdp_lint.patterns`); this one stand-in is put
  in place although ``re`` is imported already, and the real module put back after.

:func:`install` puts a finder first on ``sys.meta_path`` that gives each of these
libraries, whenever it is first imported (a check that finds its result in the cache
never imports rapidyaml or jsonschema-rs), a loader that runs it while the stand-ins
take the place of those modules in ``sys.modules``, then takes them out again, so
whatever imports ``typing_extensions``, ``platform``, ``textwrap``, ``deprecation``,
``email.utils`` or ``urllib.parse`` later in the process gets the real module. A library
that is already imported is left alone, and one that fails to import this way is
imported again plainly, so any error it raises is its own.

Only the ``pdp-lint check`` of the pre-commit hook (:mod:`pdp_lint.cli.fastcheck`)
uses this; everything else imports the libraries as they are.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

_WEEKDAYS = ("Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def install() -> None:
    """From now on in this process, import msgspec, rapidyaml, jsonschema-rs and pathlib,
    whenever each is first imported, without what a check never uses of what they
    import (see the module's documentation). Does nothing the second time."""
    if any(isinstance(finder, _Lean) for finder in sys.meta_path):
        return
    stand_ins: dict[str, dict[str, ModuleType | None]] = {
        # pdp-lint needs Python 3.11, whose typing has what msgspec asks of
        # typing_extensions
        "msgspec": {
            "typing_extensions": None,
            # a type msgspec's encoder and decoder recognise, which a check never meets
            "uuid": _uuid_stand_in(),
            "platform": _platform_stand_in(),
            "textwrap": _deferred("textwrap"),
            # the package imports these of its modules whole; a check uses none of them
            "msgspec.inspect": _deferred("msgspec.inspect"),
            "msgspec.toml": _deferred("msgspec.toml"),
            "msgspec.yaml": _deferred("msgspec.yaml"),
        },
        "ryml": {"deprecation": _deprecation_stand_in()},
        # the package too: the extension imports email.utils the way PyImport_Import
        # does, which imports the package first
        "jsonschema_rs": {
            "email": ModuleType("email", "Stand-in."),
            "email.utils": _email_utils_stand_in(),
            # the canonical forms of schemas, which a check does not ask for
            "jsonschema_rs.canonical": _deferred("jsonschema_rs.canonical"),
        },
        # what the TOML parser takes from string: three constants (string itself
        # compiles a regular expression on import)
        # and its regular expressions come from pdp-lint's store (pdp_lint.patterns):
        # ``re`` is replaced while it runs, though imported already
        "tomllib": {"string": _string_stand_in(), "re": _re_stand_in()},
        "pathlib": {"urllib.parse": _urllib_parse_stand_in()},
    }
    c_datetime = _c_datetime()
    if c_datetime is not None:
        # msgspec and the TOML parser take classes of datetime, which are _datetime's
        stand_ins["msgspec"]["datetime"] = c_datetime
        stand_ins["tomllib"]["datetime"] = c_datetime
    if sys.platform != "win32":
        # ntpath, which pathlib imports for its Windows paths, tries five times to import
        # Windows' own modules, each a search of every folder of sys.path; they are not
        # there, and None says so at once
        stand_ins["pathlib"].update({"nt": None, "_winapi": None})
    sys.meta_path.insert(0, _Lean(stand_ins))


class _Lean:
    """The first finder of ``sys.meta_path``: it finds each of the libraries the way
    the others do, and gives it a loader that runs it with its stand-ins in place."""

    def __init__(self, stand_ins: dict[str, dict[str, ModuleType | None]]) -> None:
        self.pending = stand_ins

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        stand_ins = self.pending.pop(name, None)
        if stand_ins is None:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec = find(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _LeanLoader(spec.loader, stand_ins)
                return spec
        return None


class _LeanLoader:
    """Runs a library's module with its stand-ins in ``sys.modules``, then takes them
    out; if the library fails that way, runs it again plainly."""

    def __init__(self, loader: Any, stand_ins: dict[str, ModuleType | None]) -> None:
        self.loader = loader
        self.stand_ins = stand_ins

    def create_module(self, spec: Any) -> Any:
        create = getattr(self.loader, "create_module", None)
        return create(spec) if create is not None else None

    def exec_module(self, module: ModuleType) -> None:
        # the module keeps the loader it would have had
        module.__loader__ = self.loader
        if module.__spec__ is not None:
            module.__spec__.loader = self.loader
        name = module.__name__
        placed = {
            n: m
            for n, m in self.stand_ins.items()
            if n not in sys.modules or n in _REPLACED_WHILE_RUN
        }
        before = set(sys.modules)
        replaced = {n: sys.modules[n] for n in placed if n in sys.modules}
        sys.modules.update(placed)  # type: ignore[arg-type]
        try:
            self.loader.exec_module(module)
        except Exception:
            failed = True
        else:
            failed = False
        finally:
            for stand_in, held in placed.items():
                if sys.modules.get(stand_in, placed) is held:
                    del sys.modules[stand_in]
            sys.modules.update(replaced)
        if failed:
            # whatever the stand-ins got wrong, the library runs as it is
            for other in set(sys.modules) - before:
                if other.startswith(f"{name}."):
                    del sys.modules[other]
            self.loader.exec_module(module)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.loader, attribute)


class _Deferred(ModuleType):
    """A stand-in that imports the real module the first time one of its names is
    asked for, and answers with the real module's."""

    def __getattr__(self, attribute: str) -> Any:
        import importlib

        if attribute.startswith("__"):  # what the import system asks of any module
            raise AttributeError(attribute)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        parent, _, child = self.__name__.rpartition(".")
        if parent and getattr(sys.modules.get(parent), child, None) is self:
            setattr(sys.modules[parent], child, real)  # the package holds the real one
        return getattr(real, attribute)


def _deferred(name: str) -> ModuleType:
    return _Deferred(name, f"Stand-in for {name}, imported when first used.")


#: stand-ins put in place while their library runs even when the real module is imported
#: already (and the real one put back after)
_REPLACED_WHILE_RUN = frozenset({"re"})


def _re_stand_in() -> ModuleType:
    """``re`` whose ``compile`` takes the compiled program from pdp-lint's store (see
    :mod:`pdp_lint.patterns`): the same expressions, without compiling them in Python on
    every start. Everything else is the real module's."""
    import re

    from pdp_lint import patterns

    module = ModuleType("re", re.__doc__)
    vars(module).update({k: v for k, v in vars(re).items() if not k.startswith("__")})
    module.compile = patterns.compile  # type: ignore[attr-defined]
    return module


def _string_stand_in() -> ModuleType:
    """``string`` with the constants ``tomllib`` reads while it is imported; anything
    else of it imports the real module."""
    module = _deferred("string")
    vars(module).update(
        ascii_letters="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        digits="0123456789",
        hexdigits="0123456789abcdefABCDEF",
    )
    return module


def _uuid_stand_in() -> ModuleType:
    """``uuid`` with what msgspec takes of it while it is imported: ``UUID`` and
    ``SafeUUID.unknown``. msgspec then takes no real UUID for one, which a check never
    writes or reads; whatever imports uuid later gets the real module."""
    module = ModuleType("uuid", "Stand-in while msgspec is imported.")

    class UUID:
        """Stands in for uuid.UUID: no value is ever of this type."""

    class SafeUUID:
        unknown = None

    module.UUID = UUID  # type: ignore[attr-defined]
    module.SafeUUID = SafeUUID  # type: ignore[attr-defined]
    return module


def _c_datetime() -> ModuleType | None:
    """The ``_datetime`` C module, which ``datetime`` runs a pure-Python version of
    itself before replacing it with (what msgspec takes of it is the same objects);
    None where there is none: then msgspec imports the real module."""
    try:
        module: ModuleType = __import__("_datetime")
    except ImportError:
        return None
    return module


def _platform_stand_in() -> ModuleType:
    """``platform`` with the one function ``uuid`` calls while it is imported."""
    module = ModuleType("platform", "Stand-in while uuid is imported.")

    def system() -> str:
        import os

        # what platform.system() says wherever uuid asks it (not Windows, not macOS)
        return os.uname().sysname

    module.system = system  # type: ignore[attr-defined]
    return module


def _urllib_parse_stand_in() -> ModuleType:
    """``urllib.parse`` with the one function ``pathlib`` takes, imported when called."""
    module = ModuleType("urllib.parse", "Stand-in while pathlib is imported.")

    def quote_from_bytes(*args: Any, **kwargs: Any) -> str:
        from urllib.parse import quote_from_bytes as real

        return real(*args, **kwargs)

    module.quote_from_bytes = quote_from_bytes  # type: ignore[attr-defined]
    return module


def _deprecation_stand_in() -> ModuleType:
    """``deprecation`` with a ``deprecated`` decorator that leaves functions as they are."""
    module = ModuleType("deprecation", "Stand-in while rapidyaml is imported: no warnings.")

    def deprecated(**_: Any) -> Any:
        return lambda function: function

    module.deprecated = deprecated  # type: ignore[attr-defined]
    return module


def _email_utils_stand_in() -> ModuleType:
    """``email.utils`` with the one function jsonschema-rs calls while it is imported."""
    module = ModuleType("email.utils", "Stand-in while jsonschema-rs is imported.")
    module.parsedate_to_datetime = parsedate_to_datetime  # type: ignore[attr-defined]
    return module


def parsedate_to_datetime(text: str) -> Any:
    """``email.utils.parsedate_to_datetime`` for the form ``Thu, 12 Nov 2026 07:50:16
    +0000``; any other text is handed to the real function."""
    # the C module: datetime.py runs a pure-Python version of itself first
    datetime: Any = _c_datetime()
    if datetime is None:
        import datetime

    try:
        weekday, day, month, year, clock, zone = text.split(" ")
        hour, minute, second = clock.split(":")
        numbers = (day, year, hour, minute, second, zone[1:])
        if (
            weekday not in _WEEKDAYS
            or not all(n.isascii() and n.isdigit() for n in numbers)
            or len(day) > 2
            or len(year) != 4
            or not len(hour) == len(minute) == len(second) == 2
            or len(zone) != 5
            or zone[0] not in "+-"
            or zone == "-0000"  # no time zone known: the real function gives a naive time
        ):
            raise ValueError(text)
        offset = (int(zone[1:3]) * 60 + int(zone[3:])) * (-1 if zone[0] == "-" else 1)
        return datetime.datetime(
            int(year),
            _MONTHS.index(month) + 1,
            int(day),
            int(hour),
            int(minute),
            int(second),
            tzinfo=datetime.timezone(datetime.timedelta(minutes=offset)),
        )
    except ValueError:
        pass
    standing_in = sys.modules.get("email.utils")
    if standing_in is not None and getattr(standing_in, "parsedate_to_datetime", None) is (
        parsedate_to_datetime
    ):
        del sys.modules["email.utils"]
    from email.utils import parsedate_to_datetime as real

    return real(text)
