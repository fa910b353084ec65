"""Compile the HTML templates to Python modules shipped with the package.

Run ``python -m exporters.precompile`` after changing a template and commit the result
(``exporters/templates/compiled/``); a test fails while they differ. A module is used
only for the exact source it was compiled from (see html_render.PrecompiledLoader), so
a stale one costs time, never a wrong page.
"""

from __future__ import annotations

import json
import sys

import jinja2

from exporters.html_render import (
    COMPILED,
    MANIFEST,
    is_template,
    make_environment,
    source_digest,
)
from pdp_lint.atomic import write_text_atomic


def compiled() -> dict[str, str]:
    """Every file of the compiled folder, by name: one module per template, the manifest."""
    env = make_environment(jinja2.PackageLoader("exporters", "templates"))
    files, digests = {}, {}
    for name in env.list_templates(filter_func=is_template):
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        # as Environment.compile_templates compiles them, without the source's path
        code = env.compile(source, name, None, raw=True, defer_init=True)
        files[jinja2.ModuleLoader.get_module_filename(name)] = code
        digests[name] = source_digest(source)
    manifest = {"jinja2": jinja2.__version__, "templates": digests}
    files[MANIFEST.name] = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
    return files


def main() -> int:
    files = compiled()
    COMPILED.mkdir(exist_ok=True)
    for old in COMPILED.glob("tmpl_*.py"):
        if old.name not in files:
            old.unlink()
    for name, text in files.items():
        write_text_atomic(COMPILED / name, text)
    print(f"compiled {len(files) - 1} templates into {COMPILED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
