"""The libraries of a check imported without what a check never uses of their imports
(pdp_lint/cli/preload.py): the stand-ins are gone afterwards and the libraries whole."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import textwrap
from email.utils import parsedate_to_datetime as real_parsedate_to_datetime
from pathlib import Path

import pytest

from pdp_lint.cli import preload
from tests.conftest import ROOT


@pytest.mark.parametrize(
    "text",
    [
        "Thu, 12 Nov 2026 07:50:16 +0000",  # what jsonschema-rs 0.61 was built with
        "Mon, 1 Jan 2024 00:00:00 +0000",
        "Sat, 29 Feb 2020 23:59:59 +0530",
        "Sun, 31 Dec 2023 12:00:00 -0800",
        "Tue, 05 Mar 2024 09:07:03 -0000",  # no zone known: a naive time
        "Tue, 05 Mar 24 09:07:03 +0000",  # a two-digit year
        "5 Mar 2024 09:07:03 GMT",
        "Tue, 05 Mar 2024 9:07 +0000",
    ],
)
def test_the_build_date_stand_in_reads_a_date_as_the_email_package_does(text: str):
    ours = preload.parsedate_to_datetime(text)
    real = real_parsedate_to_datetime(text)
    assert ours == real
    assert (ours.tzinfo is None) == (real.tzinfo is None)
    assert ours.utcoffset() == real.utcoffset()


@pytest.mark.parametrize("text", ["", "yesterday", "Thu, 31 Feb 2026 07:50:16 +0000"])
def test_the_build_date_stand_in_refuses_what_the_email_package_refuses(text: str):
    with pytest.raises((ValueError, TypeError)) as real:
        real_parsedate_to_datetime(text)
    with pytest.raises(real.type):
        preload.parsedate_to_datetime(text)


def _run(script: str, tmp_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a new interpreter without the site module, which in an editable
    install imports pathlib and urllib before any test could see them imported."""
    paths = [str(ROOT), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    if tmp_path is not None:
        paths.append(str(tmp_path))
    return subprocess.run(
        [sys.executable, "-S", "-c", textwrap.dedent(script)],
        cwd=tmp_path or ROOT,
        env={"PYTHONPATH": os.pathsep.join(paths), "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_libraries_are_imported_whole_and_no_stand_in_is_left_behind():
    done = _run(
        """
        import sys
        from pdp_lint.cli.preload import install

        install()
        install()  # once is enough
        import jsonschema_rs, msgspec, ryml

        for name in ("msgspec", "ryml", "jsonschema_rs"):
            assert name in sys.modules, name
            # each keeps the loader it would have had
            assert type(sys.modules[name].__loader__).__name__ != "_LeanLoader", name
            assert sys.modules[name].__spec__.loader is sys.modules[name].__loader__
        for name in (
            "typing_extensions",
            "deprecation",
            "packaging",
            "email",
            "email.utils",
            "inspect",
            "platform",
            "textwrap",
            "msgspec.inspect",
            "msgspec.toml",
            "msgspec.yaml",
            "uuid",
            "datetime",
        ):
            assert name not in sys.modules, name

        # whatever imports them later gets the real modules
        import deprecation, email.utils, platform, typing_extensions, uuid
        assert hasattr(deprecation, "fail_if_not_removed")
        assert platform.python_implementation() == "CPython"
        # uuid asked the stand-in what it asks platform
        assert uuid._LINUX == (platform.system() == "Linux")
        assert uuid._AIX == (platform.system() == "AIX")
        assert email.utils.formatdate(0, usegmt=True) == "Thu, 01 Jan 1970 00:00:00 GMT"
        assert hasattr(typing_extensions, "TypedDict")
        import datetime, decimal
        assert uuid.UUID(int=1).int == 1 and str(decimal.Decimal("1.10")) == "1.10"
        assert datetime.datetime(2026, 1, 2).isoformat() == "2026-01-02T00:00:00"
        # the classes msgspec took of the C module are datetime's own
        assert msgspec.json.decode(b'"2026-01-02"', type=datetime.date) == datetime.date(2026, 1, 2)

        # the libraries work: records, the schema's validator, the YAML parser
        import jsonschema_rs, msgspec, ryml
        from typing import NotRequired, TypedDict

        class Row(TypedDict):
            a: int
            b: NotRequired[str]

        class Point(msgspec.Struct):
            x: int
            rows: list[Row] = []

        assert msgspec.json.decode(b'{"x": 1, "rows": [{"a": 2}]}', type=Point) == Point(
            1, [{"a": 2}]
        )
        assert jsonschema_rs.validator_for({"type": "integer"}).is_valid(3)
        tree = ryml.parse_in_place(bytearray(b"a: 1"))
        assert tree.size() > 1

        # msgspec's JSON Schemas, which use textwrap, are as they would be
        class Doc(msgspec.Struct):
            '''First line.

                Indented the way textwrap.dedent takes away.'''

            x: int

        made = msgspec.json.schema(Doc)
        assert made["$defs"]["Doc"]["description"] == (
            "First line.\\n\\nIndented the way textwrap.dedent takes away."
        ), made
        import textwrap

        assert textwrap.dedent("  a\\n  b") == "a\\nb"
        # and its own modules a check does without
        assert msgspec.inspect.type_info(list[int]) == msgspec.inspect.ListType(
            msgspec.inspect.IntType()
        )
        assert type(msgspec.inspect) is type(sys), "the package holds the real module"
        assert msgspec.toml.decode(b"a = 1") == {"a": 1}
        assert msgspec.yaml.__name__ == "msgspec.yaml"

        # the build record says what the email package would have said
        stamp = jsonschema_rs.jsonschema_rs.__build__["info-time"]
        assert stamp.tzinfo is not None and stamp.year >= 2020, stamp
        print("ok")
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"


def test_a_library_the_stand_ins_do_not_fit_is_imported_as_it_is(tmp_path: Path):
    (tmp_path / "support_lib.py").write_text("WHAT = 'the real module'\n", encoding="utf-8")
    (tmp_path / "needs_support.py").write_text("from support_lib import WHAT\n", encoding="utf-8")
    done = _run(
        """
        import sys, types
        from pdp_lint.cli.preload import _Lean

        sys.meta_path.insert(
            0, _Lean({"needs_support": {"support_lib": types.ModuleType("support_lib")}})
        )
        import needs_support
        print(needs_support.WHAT, sys.modules["support_lib"].WHAT)
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "the real module the real module\n"


def test_a_library_is_imported_only_when_first_needed():
    done = _run(
        """
        import sys
        from pdp_lint.cli.preload import install

        install()
        import msgspec

        assert "ryml" not in sys.modules and "jsonschema_rs" not in sys.modules
        import deprecation  # the real one, before rapidyaml wants it

        import ryml

        assert ryml.ryml.deprecated is deprecation.deprecated
        print("ok")
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"


def test_a_library_already_imported_is_left_alone():
    done = _run(
        """
        import sys
        import typing_extensions, msgspec
        from pdp_lint.cli.preload import install

        install()
        import msgspec

        assert sys.modules["typing_extensions"] is typing_extensions
        print("ok")
        """
    )
    assert done.returncode == 0, done.stderr


def test_pathlib_is_imported_without_urllib_and_still_makes_file_uris():
    done = _run(
        """
        import sys
        from pdp_lint.cli.preload import install

        install()
        from pathlib import Path, PureWindowsPath

        assert "urllib.parse" not in sys.modules and "ipaddress" not in sys.modules
        assert "nt" not in sys.modules and "_winapi" not in sys.modules
        import ntpath

        assert ntpath.abspath("c:\\\\a\\\\..\\\\b") == "c:\\\\b"
        assert Path("/tmp/a b/ü#").as_uri() == "file:///tmp/a%20b/%C3%BC%23"
        assert PureWindowsPath("c:/a b").as_uri() == "file:///c:/a%20b"
        import urllib.parse

        assert urllib.parse.urlsplit("https://example.org/x").netloc == "example.org"
        print("ok")
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"


def test_a_one_file_check_reads_its_arguments_with_pathlib_imported_that_way():
    done = _run(
        """
        import sys
        from pdp_lint.cli.fastcheck import parse

        params = parse(["check", "frameworks/cx-pdp.yaml"])
        assert params is not None and params["paths"][0].name == "cx-pdp.yaml"
        assert "urllib.parse" not in sys.modules
        print("ok")
        """
    )
    assert done.returncode == 0, done.stderr


def test_the_libraries_are_imported_as_they_are_when_a_stand_in_falls_short():
    """A later release that asks more of a module than its stand-in has still imports:
    plainly, the compiled extensions initialised a second time."""
    done = _run(
        """
        import sys, types
        from pdp_lint.cli.preload import _Lean

        for library, lacking in (
            ("jsonschema_rs", ("email", "email.utils")),
            ("ryml", ("deprecation",)),
            ("msgspec", ("platform",)),
        ):
            stand_ins = {name: types.ModuleType(name) for name in lacking}
            sys.meta_path.insert(0, _Lean({library: stand_ins}))
            __import__(library)
            assert library in sys.modules, library
            for name in lacking:
                assert hasattr(sys.modules[name], "__file__"), name  # the real one

        import jsonschema_rs, msgspec, ryml

        assert jsonschema_rs.validator_for({"type": "integer"}).is_valid(3)
        assert ryml.parse_in_place(bytearray(b"a: 1")).size() > 1
        assert msgspec.json.decode(b"[1]") == [1]
        print("ok")
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"


def test_the_toml_parser_is_imported_without_the_string_module_and_its_compiles():
    done = _run(
        """
        import sys
        from pdp_lint.cli.preload import install

        install()
        import jsonschema_rs, tomllib

        assert "string" not in sys.modules
        assert "jsonschema_rs.canonical" not in sys.modules
        text = r'bare-Key_9 = "\\u00e9\\U0001F600"' + '\\n[a.b]\\nc = 0xBEEF'
        assert tomllib.loads(text) == {
            "bare-Key_9": "\u00e9\U0001f600",
            "a": {"b": {"c": 0xBEEF}},
        }
        # its expressions came through pdp-lint's store, and are re's own; re is back
        import re
        from pdp_lint import patterns

        assert sys.modules["re"] is re and re.compile is not patterns.compile
        assert tomllib._re.re.compile is patterns.compile
        for made in (tomllib._re.RE_NUMBER, tomllib._re.RE_LOCALTIME, tomllib._re.RE_DATETIME):
            assert made == re.compile(made.pattern, made.flags)
        assert tomllib._re.re.Match is re.Match
        with_string = tomllib._parser.string
        import string

        for name in ("ascii_letters", "digits", "hexdigits"):
            assert getattr(with_string, name) == getattr(string, name), name
        assert with_string.Template is string.Template  # anything else is the real one's
        assert jsonschema_rs.canonical.Containment is not None
        import jsonschema_rs.canonical

        assert type(jsonschema_rs.canonical) is type(sys)
        # dates and times, with datetime's C module in its place: the same objects
        assert "datetime" not in sys.modules
        dates = tomllib.loads("d = 2026-01-02\\nt = 2026-01-02T03:04:05+01:00\\nc = 07:08:09")
        import datetime

        zone = datetime.timezone(datetime.timedelta(hours=1))
        assert dates == {
            "d": datetime.date(2026, 1, 2),
            "t": datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=zone),
            "c": datetime.time(7, 8, 9),
        }
        assert type(dates["t"]) is datetime.datetime
        print("ok")
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"
