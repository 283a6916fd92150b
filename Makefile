# Two commands: `make demo` sets everything up and drafts the bundled examples; `make test` runs
# the whole suite. `make bench` measures speed (never part of the tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := out

.PHONY: demo test bench check clean

$(BIN)/treaty: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/treaty
	mkdir -p $(OUT)
	$(BIN)/treaty clauses check
	$(BIN)/treaty draft examples/us-mexico-plurilateral.yaml -o $(OUT)/us-mexico-plurilateral.docx --force
	$(BIN)/treaty draft examples/us-mexico-plurilateral.yaml -o $(OUT)/us-mexico-plurilateral.html --force
	$(BIN)/treaty draft examples/us-mexico-plurilateral.yaml -o $(OUT)/us-mexico-plurilateral.md --force
	$(BIN)/treaty draft examples/us-mexico-action-plan.yaml -o $(OUT)/us-mexico-action-plan.docx --force
	$(BIN)/treaty draft examples/us-eu-mou.yaml -o $(OUT)/us-eu-mou.docx --force
	@echo "Drafts written to $(OUT)/: open $(OUT)/us-mexico-plurilateral.docx"

test: $(BIN)/treaty
	$(BIN)/python -m pytest -q

bench: $(BIN)/treaty
	$(BIN)/python bench/draft_speed.py

check: $(BIN)/treaty
	$(BIN)/treaty clauses check

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis
