"""The ``pdp-lint server`` command (loaded only when used: see ``LAZY_COMMANDS``)."""

from __future__ import annotations

import sys

import click


@click.command()
@click.option(
    "--stdio",
    is_flag=True,
    help="Speak over standard input and output (the default and only transport; "
    "accepted because many editors pass it).",
)
def server(stdio: bool) -> None:
    """Run the language server for editors (LSP over standard input and output).

    Editors start it themselves: it reports findings while you type, offers fixes,
    suppressions and vocabulary additions as code actions, and explains rules and
    competency references on hover. See the README for VS Code, Neovim and Helix.
    """
    try:
        from pdp_lint.server.protocol import serve
    except ImportError as exc:
        click.echo(
            f"pdp-lint: the language server needs pygls and lsprotocol ({exc}); "
            "install them with: pip install 'pdp-lint[server]'",
            err=True,
        )
        sys.exit(2)
    serve()
