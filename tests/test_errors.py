"""Errors keep what they say when they cross a process boundary (the web's analysis worker pickles them)."""

from __future__ import annotations

import pickle

from presslens.errors import PressLensError, ServerBusyError


def test_a_pickled_error_says_its_code_once():
    error = pickle.loads(pickle.dumps(PressLensError("too long", source="a.txt")))
    assert str(error) == "a.txt: too long [PL000]"


def test_a_pickled_error_keeps_its_class_and_fields():
    error = pickle.loads(pickle.dumps(ServerBusyError("the long lane is full", retry_after_s=30)))
    assert (type(error), error.message, error.retry_after_s) == (ServerBusyError, "the long lane is full", 30)
