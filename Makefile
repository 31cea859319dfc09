# One command per task. Each sets itself up: a virtualenv in .venv with intstrat installed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
YEAR   ?= 2023
FORMAT ?= pdf
LANG_  ?= sv

.PHONY: help report brochure site check test lint typecheck schemas bench look clean

help:
	@echo "make report    the annual summary of the example data: make report YEAR=2023 [FORMAT=pdf|html|docx|md] [LANG_=sv|en]"
	@echo "make brochure  the partnership brochure: make brochure [FORMAT=pdf|html] [LANG_=sv|en]"
	@echo "make site      the public web site of the example data in out/site: make site [BASE_URL=https://...]"
	@echo "make check     check the bundled example data"
	@echo "make test      run the test suite (with lint and type checks)"
	@echo "make lint      ruff"
	@echo "make schemas   regenerate schemas/ from the models"
	@echo "make i18n      extract messages, update the Swedish catalogue, compile it"
	@echo "make bench     run the benchmark (writes nothing; prints a table)"
	@echo "make look      render every document of the example data and tools/look-repo to PNG in out/look/"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

report: $(STAMP)
	@mkdir -p out
	$(BIN)/intstrat report $(YEAR) --format $(FORMAT) --lang $(LANG_) -o out/report-$(YEAR)-$(LANG_).$(FORMAT)

brochure: $(STAMP)
	@mkdir -p out
	$(BIN)/intstrat brochure --format $(FORMAT) --lang $(LANG_) -o out/brochure-$(LANG_).$(FORMAT)

site: $(STAMP)
	@mkdir -p out
	$(BIN)/intstrat site -o out/site $(if $(BASE_URL),--base-url $(BASE_URL))

check: $(STAMP)
	$(BIN)/intstrat check
	$(BIN)/intstrat fmt --check

test: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy
	$(BIN)/intstrat schema -o schemas --check
	$(BIN)/intstrat fmt --check
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy

schemas: $(STAMP)
	$(BIN)/intstrat schema -o schemas

i18n: $(STAMP)
	$(BIN)/python tools/i18n.py

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run.py

look: $(STAMP)
	$(BIN)/python tools/look.py $(if $(ONLY),--only $(ONLY))

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache bench/repos out
