"""The language server's tests.

Every process of the suite collects these modules, and only the worker that runs them
talks to a server. lsprotocol's module of protocol classes (a thousand attrs classes,
about a quarter of a second to import) is therefore loaded when one of its names is
first read, not when a module here imports it: a worker that only collects them never
pays for it (nor for pygls, which :mod:`benchmarks.lspclient` imports when a session
starts).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

_NAME = "lsprotocol.types"


class _LoadedWhenRead:
    """Stands for ``lsprotocol.types`` in ``sys.modules`` until a name of it is read.

    Reading a public name imports the module, which then replaces this stand-in in
    ``sys.modules`` and in its package, so that later imports (pygls's) get the module
    itself; the modules that imported the stand-in keep reading through it. Private
    and special names are not looked up: pytest's collection asks objects for some
    (``__class__``, ``_is_coroutine``, ...) and must not load the module.
    """

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(_load(), name)


def _load() -> ModuleType:
    if isinstance(sys.modules.get(_NAME), _LoadedWhenRead):
        del sys.modules[_NAME]
    import lsprotocol.types

    return lsprotocol.types


if _NAME not in sys.modules:
    import lsprotocol

    sys.modules[_NAME] = lsprotocol.types = _LoadedWhenRead()  # type: ignore[assignment]
