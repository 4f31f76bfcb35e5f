import pytest

from presslens.errors import InputNotFoundError, MalformedRecordError, UnknownFormatError
from presslens.techniques.formats import (
    Label,
    parse_label_line,
    read_articles,
    read_labels,
    template_from_labels,
    write_labels,
)


def test_flc_labels_round_trip(tmp_path):
    labels = [Label("7", 10, 20, "Doubt"), Label("7", 0, 4, "Name_Calling,Labeling"), Label("3", 1, 2, "Slogans")]
    path = tmp_path / "pred.labels"
    write_labels(labels, path, "flc")
    assert path.read_text().splitlines()[0] == "3\tSlogans\t1\t2"
    assert read_labels(path, "flc") == sorted(labels)


def test_si_labels_round_trip_drop_the_technique(tmp_path):
    path = tmp_path / "si.labels"
    write_labels([Label("7", 10, 20, "Doubt")], path, "si")
    assert path.read_text() == "7\t10\t20\n"
    assert read_labels(path, "si") == [Label("7", 10, 20)]


def test_tc_template_uses_question_marks(tmp_path):
    path = tmp_path / "template.out"
    write_labels(template_from_labels([Label("7", 10, 20, "Doubt")]), path, "tc")
    assert path.read_text() == "7\t?\t10\t20\n"
    assert read_labels(path, "tc") == [Label("7", 10, 20, "?")]


def test_labels_are_read_from_a_folder_of_files(tmp_path):
    (tmp_path / "article1.task-flc-tc.labels").write_text("1\tDoubt\t0\t3\n")
    (tmp_path / "article2.task-flc-tc.labels").write_text("2\tSlogans\t4\t9\n\n")
    assert read_labels(tmp_path, "flc") == [Label("1", 0, 3, "Doubt"), Label("2", 4, 9, "Slogans")]


@pytest.mark.parametrize(
    "line, task, message",
    [
        ("1\t0\t3", "flc", "expected 4"),
        ("1\tDoubt\t0\t3", "si", "expected 3"),
        ("1\tDoubt\tx\t3", "flc", "integers"),
        ("1\tDoubt\t5\t3", "flc", "not a valid span"),
        ("1\tSarcasm\t0\t3", "flc", "valid techniques"),
    ],
)
def test_malformed_label_lines_name_the_problem(line, task, message):
    with pytest.raises(MalformedRecordError, match=message):
        parse_label_line(line, task)


def test_unknown_task_lists_the_valid_ones(tmp_path):
    with pytest.raises(UnknownFormatError, match="si, tc, flc"):
        read_labels(tmp_path, "ner")


def test_articles_keep_carriage_returns_and_offsets(tmp_path):
    (tmp_path / "article42.txt").write_bytes("Title\r\n\r\nBody text.".encode())
    (tmp_path / "notes.txt").write_text("ignored")
    assert read_articles(tmp_path) == {"42": "Title\r\n\r\nBody text."}


def test_missing_inputs_raise_not_found(tmp_path):
    with pytest.raises(InputNotFoundError):
        read_articles(tmp_path / "nope")
    with pytest.raises(InputNotFoundError):
        read_articles(tmp_path)
    with pytest.raises(InputNotFoundError):
        read_labels(tmp_path / "nope.labels", "si")
