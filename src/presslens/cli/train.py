"""``presslens train``: fine-tune a task's top layers on the shared encoder (needs ``presslens[train]``), or fit
the techniques' persuasion gate (no torch)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..claims.model import MODEL_DIR
from ..claims.train import EPOCHS, train
from ..techniques import gate
from ..techniques.model import DEFAULT_MODEL
from .common import errors_to_exit_codes

_FOLDER = click.Path(exists=True, file_okay=False, path_type=Path)


def _default_claimbuster() -> Path:
    return Path(os.environ.get("PRESSLENS_SHARED", "../shared")) / "data" / "claimbuster"


def _default_data(name: str):
    return lambda: Path(os.environ.get("PRESSLENS_SHARED", "../shared")) / "data" / name


@click.group("train")
def train_group() -> None:
    """Fine-tune a task model on the shared encoder (torch from `pip install 'presslens[train]'`) or fit the gate."""


@train_group.command("claims")
@click.option("--data", type=_FOLDER, default=_default_claimbuster, show_default="$PRESSLENS_SHARED/data/claimbuster",
              help="Folder with ClaimBuster-format train.json (and test.json, scored once at the end).")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=MODEL_DIR,
              show_default="the shipped model folder", help="Model folder to write (model.onnx, meta.json).")
@click.option("--epochs", type=click.IntRange(min=1), default=EPOCHS, show_default=True,
              help="Training epochs (the held-out part of train picks the best of them).")
@click.option("--threads", type=click.IntRange(min=1), default=2, show_default=True, help="Torch CPU threads.")
def train_claims(data, output, epochs, threads) -> None:
    """Fine-tune the check-worthiness classifier: the encoder's top layers and a head, on DATA/train.json."""
    with errors_to_exit_codes():
        meta = train(data, output, epochs=epochs, threads=threads, log=lambda line: click.echo(line, err=True))
        click.echo(f"saved to {output}; held-out train choice {meta['choices']['chosen']}; test {meta.get('test')}",
                   err=True)


@train_group.command("techniques-gate")
@click.option("--ptc", type=_FOLDER, default=_default_data("ptc"), show_default="$PRESSLENS_SHARED/data/ptc",
              help="PTC folder; its train-articles are the persuasive examples.")
@click.option("--polnear", type=_FOLDER, default=_default_data("polnear"),
              show_default="$PRESSLENS_SHARED/data/polnear",
              help="PolNeAR folder; its train news of USA Today, the NYT and Politico are the plain examples.")
@click.option("--model", type=_FOLDER, default=DEFAULT_MODEL, show_default="the shipped technique model",
              help="Technique model folder whose outputs the gate reads; gate.json is written into it.")
@click.option("--seed", type=int, default=13, show_default=True, help="Seed of the cross-validation folds.")
@click.option("--cache", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="JSON file of the train features: written on the first run, read on later ones.")
def train_techniques_gate(ptc, polnear, model, seed, cache) -> None:
    """Fit the persuasion gate (no torch): PTC train against plain PolNeAR train news; dev is never read."""
    with errors_to_exit_codes():
        fitted = gate.train(ptc, polnear, model, seed=seed, cache=cache, log=lambda line: click.echo(line, err=True))
        click.echo(f"saved to {fitted.save(model / 'gate.json')}; C={fitted.C}, threshold {fitted.threshold_:.3f}, "
                   f"span bar {fitted.span_bar_:.3f}", err=True)
