"""``presslens eval``: score analyzers against annotated corpora."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..eval.pages import PageScores, load_gold
from ..eval.polnear import CLASSES, MEASURES, SPLITS, Scores, error_classes, load_split
from ..pipeline import Pipeline
from ..settings import Settings
from .common import errors_to_exit_codes


@click.group("eval")
def eval_group() -> None:
    """Score analyzers against annotated corpora."""


@eval_group.command("polnear")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--split", type=click.Choice(SPLITS), default="dev", show_default=True,
              help="Which annotated split to score (tune on train, report dev).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N documents.")
@click.option("--errors", "show_errors", is_flag=True,
              help="Also count the missed and spurious attributions by class (for tuning: use on train).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--thoughts/--no-thoughts", default=True, show_default=True,
              help="Report attributed beliefs and intentions ('X believes that'), as PolNeAR annotates them; "
                   "the quotes analyzer leaves them out by default.")
@click.option("--bare-objects/--no-bare-objects", default=True, show_default=True,
              help="Report speech acts whose only content is a noun phrase ('denied the allegations'), as PolNeAR "
                   "annotates them; the quotes analyzer leaves them out by default.")
def polnear(directory: Path, split: str, limit: int | None, show_errors: bool, as_json: bool,
            thoughts: bool, bare_objects: bool) -> None:
    """Score the quotes analyzer on PolNeAR DIRECTORY: content F1 (overlap and exact), source F1 and cue F1,
    each for all, direct and indirect attributions. Texts are analysed as with --raw (offsets into the files)."""
    with errors_to_exit_codes():
        documents = load_split(directory, split, limit=limit)
        pipeline = Pipeline(Settings(raw=True, analyzers=("quotes",),
                                     analyzer_config={"quotes": {"thoughts": thoughts, "bare_objects": bare_objects,
                                                                 "join_continued": True}}))
        scores = Scores()
        for document, report in zip(documents, pipeline.analyze_many(d.article() for d in documents)):
            scores.add(document, report.spans("quotes"))
    result = {"split": split, "documents": len(documents), "scores": scores.as_dict()}
    if show_errors:
        result["errors"] = error_classes(scores)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"PolNeAR {split}: {len(documents)} documents")
    click.echo(f"{'measure':<17} {'class':<9} {'P':>6} {'R':>6} {'F1':>6} {'gold':>7} {'pred':>7}")
    for name, _, _ in MEASURES:
        for cls in CLASSES:
            cell = result["scores"][name][cls]
            click.echo(f"{name:<17} {cls:<9} {cell['precision']:>6.3f} {cell['recall']:>6.3f} {cell['f1']:>6.3f} "
                       f"{cell['gold']:>7} {cell['predicted']:>7}")
    for title, rows in result.get("errors", {}).items():
        click.echo(f"\n{title}:")
        for label, count in rows:
            click.echo(f"  {count:>6}  {label}")


@eval_group.command("pages")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--ptc", "ptc_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The PTC articles directory that the gold's PTC pages refer to (skipped when absent).")
@click.option("--errors", "show_errors", is_flag=True, help="Also list every miss, spurious quote and wrong speaker.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def pages(gold: Path, ptc_dir: Path | None, show_errors: bool, as_json: bool) -> None:
    """Score quotes and speakers on the hand-annotated pages of GOLD (see docs/quotes.md), read through the
    whole chain: content P/R/F1 by overlap, speaker accuracy on matched quotes, F1 with the right speaker."""
    with errors_to_exit_codes():
        settings = Settings(analyzers=("quotes",))
        documents, skipped = load_gold(gold, ptc_dir=ptc_dir, settings=settings)
        scores = PageScores()
        for document, report in zip(documents, Pipeline(settings).analyze_many(d.article for d in documents)):
            scores.add(document, report.spans("quotes"))
    result = {"pages": len(documents), "skipped": skipped, "scores": scores.as_dict()}
    if show_errors:
        result["errors"] = scores.errors
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{len(documents)} pages" + (f" ({len(skipped)} skipped: {', '.join(skipped)})" if skipped else ""))
    click.echo(f"{'page':<34} {'P':>6} {'R':>6} {'F1':>6} {'spk acc':>7} {'F1 spk':>6} {'gold':>5} {'pred':>5}")
    rows = {**{f"[{key}]": row for key, row in result["scores"]["total"].items()}, **result["scores"]["pages"]}
    for name, row in rows.items():
        content, speaker = row["content"], row["with speaker"]
        click.echo(f"{name:<34} {content['precision']:>6.3f} {content['recall']:>6.3f} {content['f1']:>6.3f} "
                   f"{row['speaker accuracy']:>7.3f} {speaker['f1']:>6.3f} {content['gold']:>5} {content['predicted']:>5}")
    for line in result.get("errors", []):
        click.echo(line)
