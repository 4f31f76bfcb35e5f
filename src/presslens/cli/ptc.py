"""``presslens ptc``: predict, score and train on data in the PTC formats (SemEval-2020 Task 11)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import ConfigError
from ..registry import get_analyzer_spec
from ..techniques.formats import TASKS, read_articles, read_labels, write_labels
from ..techniques.train import EPOCHS, HELD_OUT, SEED, evaluate, train
from ..techniques.scorer import score_flc, score_si, score_tc
from .common import errors_to_exit_codes

_FOLDER = click.Path(exists=True, file_okay=False, path_type=Path)
_EXISTING = click.Path(exists=True, path_type=Path)


def _load_model(model_dir: Path | None):
    """The model in ``model_dir`` (the shipped one by default), loaded as the techniques analyzer loads it.

    Through the registry: importing the analyzer module here would register it before the others
    and change the order in which the pipeline runs them.
    """
    return get_analyzer_spec("techniques").factory(model=model_dir).model


@click.group("ptc")
def ptc() -> None:
    """Persuasion techniques in the PTC formats: predict, score, evaluate, train.

    Articles are folders of article<ID>.txt files; labels are tab-separated
    `id technique start end` lines (`id start end` for SI), one file or a folder.
    """


@ptc.command()
@click.argument("articles_dir", type=_FOLDER)
@click.option("--task", type=click.Choice(TASKS), required=True,
              help="si: spans only; tc: label the spans of --template; flc: spans and techniques.")
@click.option("--template", type=_EXISTING, help="TC template (spans with `?` as technique); required for --task tc.")
@click.option("--model", "model_dir", type=_FOLDER, help="Model folder [default: the shipped model].")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True, max_open=True),
              help="SI threshold [default: the model's, chosen on held-out train for precision].")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Predictions file to write.")
def predict(articles_dir, task, template, model_dir, threshold, output) -> None:
    """Write PTC-format predictions for the articles in ARTICLES_DIR."""
    with errors_to_exit_codes():
        if task == "tc" and template is None:
            raise ConfigError("--task tc needs --template: the spans to label (a TC template file)")
        articles = read_articles(articles_dir)
        spans = read_labels(template, "tc") if template is not None else []
        labels = _load_model(model_dir).predict_articles(articles, task, spans, threshold=threshold)
        write_labels(labels, output, task)
        click.echo(f"wrote {len(labels)} {task} predictions for {len(articles)} articles to {output}", err=True)


@ptc.command()
@click.option("--task", type=click.Choice(TASKS), required=True, help="Which metric: si, tc or flc.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.argument("gold", type=_EXISTING)
@click.argument("pred", type=_EXISTING)
def score(task, as_json, gold, pred) -> None:
    """Score predictions PRED against GOLD labels: precision, recall, F1 and per-technique figures."""
    with errors_to_exit_codes():
        scorer = {"si": score_si, "tc": score_tc, "flc": score_flc}[task]
        scores = scorer(read_labels(gold, task), read_labels(pred, task))
    if as_json:
        click.echo(json.dumps(scores.to_dict(), indent=2))
        return
    overall = scores.overall
    click.echo(f"{task.upper()}  P={overall.precision:.4f}  R={overall.recall:.4f}  F1={overall.f1:.4f}")
    for name, prf in scores.per_technique.items():
        click.echo(f"  {name:<38} P={prf.precision:.4f}  R={prf.recall:.4f}  F1={prf.f1:.4f}  n={prf.support}")


@ptc.command("eval")
@click.argument("articles_dir", type=_FOLDER)
@click.argument("labels", type=_EXISTING)
@click.option("--model", "model_dir", type=_FOLDER, help="Model folder [default: the shipped model].")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True, max_open=True),
              help="SI threshold [default: the model's, chosen on held-out train for precision].")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_command(articles_dir, labels, model_dir, threshold, as_json) -> None:
    """Predict and score ARTICLES_DIR against their FLC LABELS: SI, TC (on the gold spans), FLC, per technique."""
    with errors_to_exit_codes():
        figures = evaluate(_load_model(model_dir), articles_dir, labels, threshold=threshold)
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    si = figures["si"]
    click.echo(f"threshold {figures['threshold']}: SI P={si['precision']:.4f} R={si['recall']:.4f} F1={si['f1']:.4f} "
               f"({si['spans']} spans); TC micro-F1={figures['tc_micro_f1']:.4f}; FLC F1={figures['flc_f1']:.4f}")
    for name, row in figures["per_technique"].items():
        click.echo(f"  {name:<38} TC F1={row['tc_f1']:.4f}  FLC F1={row['flc_f1']:.4f}  n={row['support']}")


@ptc.command("train")
@click.argument("articles_dir", type=_FOLDER)
@click.argument("labels", type=_EXISTING)
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Model folder to write (model.onnx, heads.npz, meta.json).")
@click.option("--plain", type=_FOLDER, help="Folder of plain news .txt files to train the article gate against.")
@click.option("--seed", type=int, default=SEED, show_default=True, help="Seed of the held-out split and shuffling.")
@click.option("--held-out", type=click.FloatRange(0.0, 0.5), default=HELD_OUT, show_default=True,
              help="Share of articles held out to choose the epoch, the thresholds and the gate.")
@click.option("--epochs", type=click.IntRange(min=1), default=EPOCHS, show_default=True, help="Training epochs.")
@click.option("--threads", type=click.IntRange(min=1), default=2, show_default=True, help="Torch CPU threads.")
def train_command(articles_dir, labels, output, plain, seed, held_out, epochs, threads) -> None:
    """Fine-tune a technique model on ARTICLES_DIR and their LABELS (FLC format: id, technique, start, end).

    Needs torch (`pip install 'presslens[train]'`).
    """
    with errors_to_exit_codes():
        meta = train(articles_dir, labels, output, plain=plain, seed=seed, held_out=held_out, epochs=epochs,
                     threads=threads, log=lambda line: click.echo(line, err=True))  # fmt: skip
        click.echo(f"saved to {output}; held-out train choices: epoch {meta['choices']['epoch']}, "
                   f"threshold {meta['choices']['threshold']}", err=True)
