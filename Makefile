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
	$(BIN)/python -m compileall -q drafting comparisons analysis
	touch $@

demo: $(BIN)/treaty
	mkdir -p $(OUT)
	$(BIN)/treaty clauses check
	$(BIN)/treaty draft examples/us-mexico-plurilateral.yaml -o $(OUT)/us-mexico-plurilateral.docx --force
	$(BIN)/treaty draft examples/us-mexico-plurilateral.yaml -o $(OUT)/us-mexico-plurilateral.html --force
	$(BIN)/treaty draft examples/us-mexico-plurilateral.yaml -o $(OUT)/us-mexico-plurilateral.md --force
	$(BIN)/treaty draft examples/us-mexico-action-plan.yaml -o $(OUT)/us-mexico-action-plan.docx --force
	$(BIN)/treaty draft examples/us-eu-mou.yaml -o $(OUT)/us-eu-mou.docx --force
	$(BIN)/treaty references list
	$(BIN)/treaty against examples/us-mexico-plurilateral.yaml --ref us-japan --ref us-eu -o $(OUT)/against --force
	@echo "Drafts written to $(OUT)/: open $(OUT)/us-mexico-plurilateral.docx"
	@echo "The draft against the Japan and EU texts: open $(OUT)/against/report.html"

test: $(BIN)/treaty
	$(BIN)/python -m pytest -q

# The comparison benchmark's peers: python-redlines (with its Docxodus engine) and jubarte-redlines
# in the venv; LibreOffice, its UNO bridge for the system Python, and pandoc (the judge) from
# Debian when missing. A peer that cannot be installed shows as unavailable in the table.
# `make bench BENCH_ARGS="--sizes 10000 --skip-slow 60"` passes options (bench/README.md).
bench: $(BIN)/treaty
	$(BIN)/pip install --quiet 'python-redlines[docxodus]' jubarte-redlines \
	  || echo "bench: the PyPI peers could not be installed; they will show as unavailable"
	@missing=""; \
	 command -v soffice >/dev/null || missing="$$missing libreoffice-writer"; \
	 /usr/bin/python3 -c 'import uno' 2>/dev/null || missing="$$missing python3-uno"; \
	 command -v pandoc >/dev/null || missing="$$missing pandoc"; \
	 [ -x /usr/bin/time ] || missing="$$missing time"; \
	 if [ -n "$$missing" ]; then \
	   echo "bench: installing$$missing"; \
	   (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing) >/dev/null \
	     || echo "bench: could not install$$missing; the benchmark reports what is missing"; \
	 fi
	$(BIN)/python -m compileall -q drafting comparisons analysis   # as an installed package would be
	$(BIN)/python bench/draft_speed.py
	$(BIN)/python bench/compare_bench.py $(BENCH_ARGS)
	$(BIN)/python bench/analysis_speed.py
	$(BIN)/python bench/analysis_eval.py
	$(BIN)/python bench/import_recovery.py

check: $(BIN)/treaty
	$(BIN)/treaty clauses check

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis
