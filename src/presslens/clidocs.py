"""The CLI reference (docs/cli.md), generated from the commands' own --help.

``python -m presslens.clidocs > docs/cli.md`` regenerates it; a test fails when
the file and the commands disagree, so the documentation cannot drift.
"""

from __future__ import annotations

import click

from .cli import cli


def _walk(command: click.Command, context: click.Context):
    yield context
    if isinstance(command, click.Group):
        for name in sorted(command.list_commands(context)):
            sub = command.get_command(context, name)
            yield from _walk(sub, click.Context(sub, info_name=name, parent=context))


def cli_reference() -> str:
    parts = ["# presslens command-line reference\n",
             "Generated from `--help` by `python -m presslens.clidocs > docs/cli.md`; a test keeps it current.\n"]
    root = click.Context(cli, info_name="presslens", terminal_width=100, max_content_width=100,
                         **cli.context_settings)
    for context in _walk(cli, root):
        parts.append(f"## `{context.command_path}`\n\n```\n{context.get_help()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(cli_reference(), end="")
