"""``presslens ptc``: predict, score and train on data in the PTC formats (SemEval-2020 Task 11)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import ConfigError
from ..registry import get_analyzer_spec
from ..techniques.formats import TASKS, read_articles, read_labels, write_labels
from ..techniques.model import train
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
    """Persuasion techniques in the PTC formats: predict, score, train.

    Articles are folders of article<ID>.txt files; labels are tab-separated
    `id technique start end` lines (`id start end` for SI), one file or a folder.
    """


@ptc.command()
@click.argument("articles_dir", type=_FOLDER)
@click.option("--task", type=click.Choice(TASKS), required=True,
              help="si: spans only; tc: label the spans of --template; flc: spans and techniques.")
@click.option("--template", type=_EXISTING, help="TC template (spans with `?` as technique); required for --task tc.")
@click.option("--model", "model_dir", type=_FOLDER, help="Model folder [default: the shipped model].")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Predictions file to write.")
def predict(articles_dir, task, template, model_dir, output) -> None:
    """Write PTC-format predictions for the articles in ARTICLES_DIR."""
    with errors_to_exit_codes():
        if task == "tc" and template is None:
            raise ConfigError("--task tc needs --template: the spans to label (a TC template file)")
        articles = read_articles(articles_dir)
        spans = read_labels(template, "tc") if template is not None else []
        labels = _load_model(model_dir).predict_articles(articles, task, spans)
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


@ptc.command("train")
@click.argument("articles_dir", type=_FOLDER)
@click.argument("labels", type=_EXISTING)
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Model folder to write.")
@click.option("--seed", type=int, default=13, show_default=True, help="Seed of the held-out split and shuffling.")
@click.option("--held-out", type=click.FloatRange(0.0, 0.5), default=0.15, show_default=True,
              help="Share of articles held out to choose the CRF penalties, span decoding and classifier C.")
@click.option("--max-iterations", type=click.IntRange(min=1), default=100, show_default=True,
              help="CRF training iterations.")
@click.option("--embeddings/--no-embeddings", default=True, show_default=True,
              help="Give the technique classifier each span's all-MiniLM-L6-v2 embedding (slower to train and run, "
                   "more accurate).")
def train_command(articles_dir, labels, output, seed, held_out, max_iterations, embeddings) -> None:
    """Train a technique model from ARTICLES_DIR and their LABELS (FLC format: id, technique, start, end)."""
    with errors_to_exit_codes():
        articles = read_articles(articles_dir)
        gold = read_labels(labels, "flc")
        model, tuning = train(
            articles, gold, held_out=held_out, seed=seed, max_iterations=max_iterations, embeddings=embeddings
        )
        model.save(output, notes={"data": f"{articles_dir} + {labels}", "held_out": tuning})
        click.echo(f"trained on {len(articles)} articles, {len(gold)} spans; decoding {tuning['decoding']}; "
                   f"saved to {output}", err=True)
