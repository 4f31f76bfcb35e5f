"""Finding and normalising numbers and dates: one input, one assertion."""

from __future__ import annotations

import datetime as dt

import pytest

from presslens.claims.quantities import (
    extract_dates, extract_quantities, noun_key, parse_number, parse_number_words,
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "value", "kind", "unit"),
    [
        ("60 per cent", 60, "percent", "%"),
        ("60 percent", 60, "percent", "%"),
        ("60%", 60, "percent", "%"),
        ("sixty percent", 60, "percent", "%"),
        ("62.8 per cent", 62.8, "percent", "%"),
        ("1.2 million", 1_200_000, "count", None),
        ("436", 436, "count", None),
        ("12,000", 12_000, "count", None),
        ("a third", 100 / 3, "fraction", "%"),
        ("two-thirds", 200 / 3, "fraction", "%"),
        ("three quarters", 75, "fraction", "%"),
        ("$3bn", 3_000_000_000, "money", "USD"),
        ("$200 million", 200_000_000, "money", "USD"),
        ("€5.5m", 5_500_000, "money", "EUR"),
        ("200 million dollars", 200_000_000, "money", "USD"),
        ("1.5 billion roubles", 1_500_000_000, "money", "RUB"),
        ("5 percentage points", 5, "percentage points", "percentage points"),
        ("twenty-five", 25, "count", None),
        ("one hundred and twenty", 120, "count", None),
        ("a dozen", 12, "count", None),
        ("2022", 2022, "year", None),
    ],
)
def test_normalised_value(text, value, kind, unit):
    (quantity,) = extract_quantities(f"They said {text} again.")
    assert (quantity.text, quantity.value, quantity.kind, quantity.unit) == (text, pytest.approx(value), kind, unit)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("35 to 50 new bureaucracies", 35, 50), ("between 3 and 5 days", 3, 5), ("10-20 per cent", 10, 20)],
)
def test_ranges_are_one_quantity(text, low, high):
    (quantity,) = extract_quantities(text)
    assert (quantity.value, quantity.high) == (low, high)


def test_from_to_is_two_quantities_not_a_range():
    assert [q.value for q in extract_quantities("increased from 436 to 710")] == [436, 710]


@pytest.mark.parametrize(
    "text", ["the RC-135 plane", "after 9/11", "COVID-19 cases", "one of them", "the 1990s", "9" * 400 + " troops"]
)
def test_not_quantities(text):
    assert extract_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("about 60 per cent", "approx"), ("more than 600 people", "min"), ("fewer than 10 cases", "max")],
)
def test_qualifier(text, qualifier):
    assert extract_quantities(text)[0].qualifier == qualifier


def test_counted_noun_without_a_parse():
    assert extract_quantities("12,000 troops arrived")[0].counts == "troops"


def test_rounding_follows_the_written_precision():
    one, two, three = extract_quantities("60 per cent, 62.8 per cent and 1.2 million")
    assert (one.rounding, two.rounding, three.rounding) == (0.5, pytest.approx(0.05), pytest.approx(50_000))


def test_number_words():
    assert parse_number_words("two million three hundred thousand") == 2_300_000
    assert parse_number("1.2 million") == 1_200_000
    with pytest.raises(ValueError, match="not a number word"):
        parse_number_words("twenty apples")


def test_noun_key():
    assert noun_key("troops") == noun_key("troop") == "troop"
    assert noun_key("countries") == "country"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("on June 23, 2021 the ship", dt.date(2021, 6, 23)),
        ("on 23 June 2021 the ship", dt.date(2021, 6, 23)),
        ("Ru-Main, 29.12.2021", dt.date(2021, 12, 29)),
        ("published 2021-12-29", dt.date(2021, 12, 29)),
        ("MOSCOW, March 14 (TASS)", dt.date(2023, 3, 14)),
    ],
)
def test_dates(text, date):
    (mention,) = extract_dates(text, default_year=2023)
    assert mention.date == date


def test_weekday_folds_into_the_date_it_names():
    (mention,) = extract_dates("on Tuesday, March 14, 2023")
    assert (mention.weekday, mention.date) == (1, dt.date(2023, 3, 14))


def test_impossible_dates_are_skipped():
    assert extract_dates("on February 30, 2023") == []
