"""The ``presslens`` command. It only turns flags into settings, calls the library and renders.

This module assembles the command groups, one module each (:mod:`.analyze`,
:mod:`.corpus`, :mod:`.eval`, :mod:`.ptc`, :mod:`.serve`, :mod:`.train`); what they share
(exit codes, options, the progress bar) is in :mod:`.common`, and none of
them imports this module.

Exit codes: 0 success; 3 a batch finished but some items failed; otherwise the
``exit_code`` of the :class:`~presslens.errors.PressLensError` raised (64 usage,
65 bad input data, 66 input not found, 70 internal or model error).
"""

from __future__ import annotations

from contextlib import contextmanager

import click

from .. import __version__
from .analyze import analyze, list_analyzers, print_schema
from .corpus import corpus
from .eval import eval_group
from .ptc import ptc
from .serve import serve
from .train import train_group


#: Exit code of a command line click cannot parse (EX_USAGE, as for a ConfigError); click's own is 2.
EXIT_USAGE = 64


class PressLensGroup(click.Group):
    """The ``presslens`` group: a usage error (an unknown option, a bad option value), in this command
    or any subcommand, exits :data:`EXIT_USAGE`."""

    def make_context(self, *args, **kwargs):
        with _usage_exit_code():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _usage_exit_code():
            return super().invoke(ctx)


@contextmanager
def _usage_exit_code():
    try:
        yield
    except click.UsageError as error:
        error.exit_code = EXIT_USAGE
        raise


@click.group(cls=PressLensGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="presslens")
def cli() -> None:
    """Take news articles apart: who is quoted, which outlets the text came from,
    what is claimed, which persuasion techniques it uses."""


cli.add_command(analyze)
cli.add_command(list_analyzers)
cli.add_command(print_schema)
cli.add_command(corpus)
cli.add_command(eval_group)
cli.add_command(ptc)
cli.add_command(serve)
cli.add_command(train_group)


def main() -> None:
    cli(prog_name="presslens")

