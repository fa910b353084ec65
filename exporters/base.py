"""The exporter interface: a framework model in, files out."""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from pdp_lint.atomic import write_many_atomic
from pdp_lint.model.framework import Framework


@dataclass(frozen=True, slots=True)
class Output:
    """One file an exporter will write: its name inside the destination, and its bytes."""

    name: str
    render: Callable[[], bytes]
    #: what the file is, for people choosing a download ("Knowledge Expert")
    title: str = ""


class Exporter(ABC):
    """Turns a validated framework model into handout files of one kind and format.

    Subclasses set ``name`` (the kind of handout: ``role``, ``framework`` ...),
    ``format`` and ``suffix``, may replace ``Options`` with a frozen dataclass of their
    own (its defaults are the documented defaults), and list their files in ``outputs``.
    """

    name: ClassVar[str]
    format: ClassVar[str]
    suffix: ClassVar[str]
    #: how a person calls what this exporter makes ("Role handout")
    label: ClassVar[str]
    #: how a person calls the format ("Word (.docx)")
    format_label: ClassVar[str]

    @dataclass(frozen=True, slots=True)
    class Options:
        """No options."""

    #: an instance of the class's ``Options``
    options: Any

    def __init__(self, options: Any = None) -> None:
        self.options = options if options is not None else self.Options()

    @classmethod
    def with_settings(cls, settings: Mapping[str, Any]) -> Exporter:
        """An exporter configured from the settings its ``Options`` knows; others are ignored.

        This lets one command line pass ``template`` to every exporter without asking
        which of them uses it.
        """
        known = {f.name for f in dataclasses.fields(cls.Options)}
        return cls(cls.Options(**{k: v for k, v in settings.items() if k in known}))

    @abstractmethod
    def outputs(self, model: Framework) -> list[Output]:
        """The files this exporter makes for ``model``, not yet rendered."""

    def export(self, model: Framework, dest: Path) -> list[Path]:
        """Write every file for ``model`` into ``dest`` (atomically) and return their paths."""
        return write_many_atomic((dest / out.name, out.render) for out in self.outputs(model))
