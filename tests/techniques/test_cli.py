"""``presslens ptc predict|score|train`` on files written by the test."""

import json

from click.testing import CliRunner

from presslens.cli import cli
from presslens.techniques.formats import read_labels, template_from_labels, write_labels


def test_predict_flc_then_score_it(trained_model, corpus, corpus_dir, tmp_path):
    _, labels = corpus
    gold = tmp_path / "gold.labels"
    write_labels(labels, gold, "flc")
    out = tmp_path / "pred.labels"
    runner = CliRunner()
    result = runner.invoke(cli, ["ptc", "predict", str(corpus_dir), "--task", "flc", "--model", str(trained_model),
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert read_labels(out, "flc")
    result = runner.invoke(cli, ["ptc", "score", "--task", "flc", str(gold), str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("FLC  P=")
    assert "Slogans" in result.output


def test_predict_tc_needs_a_template(trained_model, corpus_dir, tmp_path):
    result = CliRunner().invoke(cli, ["ptc", "predict", str(corpus_dir), "--task", "tc", "--model",
                                      str(trained_model), "-o", str(tmp_path / "x")])
    assert result.exit_code == 64
    assert "--template" in result.output


def test_predict_tc_and_score_as_json(trained_model, corpus, corpus_dir, tmp_path):
    import json

    _, labels = corpus
    template, gold, out = tmp_path / "template.out", tmp_path / "gold.labels", tmp_path / "tc.labels"
    write_labels(template_from_labels(labels), template, "tc")
    write_labels(labels, gold, "tc")
    runner = CliRunner()
    result = runner.invoke(cli, ["ptc", "predict", str(corpus_dir), "--task", "tc", "--template", str(template),
                                 "--model", str(trained_model), "-o", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["ptc", "score", "--task", "tc", "--json", str(gold), str(out)])
    figures = json.loads(result.output)
    assert figures["f1"] == 1.0
    assert len(figures["per_technique"]) == 14


def test_score_si_reports_bad_label_files(tmp_path):
    gold, pred = tmp_path / "gold.labels", tmp_path / "pred.labels"
    gold.write_text("1\t0\t10\n")
    pred.write_text("1\tnot-a-number\t10\n")
    result = CliRunner().invoke(cli, ["ptc", "score", "--task", "si", str(gold), str(pred)])
    assert result.exit_code == 65
    assert "integers" in result.output


def test_train_writes_a_model_that_analyze_can_use(corpus, corpus_dir, tmp_path):
    _, labels = corpus
    gold = tmp_path / "gold.labels"
    write_labels(labels, gold, "flc")
    model_dir = tmp_path / "model"
    runner = CliRunner()
    result = runner.invoke(cli, ["ptc", "train", str(corpus_dir), str(gold), "-o", str(model_dir),
                                 "--held-out", "0", "--max-iterations", "10", "--no-embeddings"])
    assert result.exit_code == 0, result.output
    assert json.loads((model_dir / "meta.json").read_text())["options"]["embeddings"] is False
    article = tmp_path / "article.txt"
    article.write_text("These evil traitors said the speaker. It was absolutely disgusting.\n")
    result = runner.invoke(cli, ["analyze", str(article), "--analyzers", "techniques", "--format", "json",
                                 "--techniques-model", str(model_dir)])
    assert result.exit_code == 0, result.output
    assert '"techniques_summary"' in result.output
