# parley: every target sets up .venv from requirements.txt when it is missing or stale.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

ARTICLES ?= data/articles
PARTIES ?= data/parties.toml
CORRECTIONS ?= data/corrections.csv
OUT ?= reports
LAB_ARGS ?=

.PHONY: report test lab bench score clean

report: $(STAMP)  ## run every notebook on ARTICLES and write charts + reports/report.html
	$(BIN)/python -m parley report --articles "$(ARTICLES)" --parties "$(PARTIES)" --corrections "$(CORRECTIONS)" --out "$(OUT)"

test: $(STAMP)  ## the whole test suite, notebooks included
	$(BIN)/python -m pytest

lab: $(STAMP)  ## open the notebooks in JupyterLab (LAB_ARGS="--ip=0.0.0.0 --no-browser" in a container)
	$(BIN)/jupyter lab notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

bench: $(STAMP)  ## throughput benchmarks (not part of the tests)
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_sentences.py
	$(BIN)/python benchmarks/bench_attribution.py
	$(BIN)/python benchmarks/bench_scale.py

score: $(STAMP)  ## attribution score on the development corpus, when it is present
	@if [ -d ../shared/corpora/polnear-dev ] && [ -f ../shared/tools/score_attribution.py ]; then \
		$(BIN)/python ../shared/tools/score_attribution.py ../shared/corpora/polnear-dev --show 10; \
	else \
		echo "make score: skipped: the annotated corpus (../shared/corpora/polnear-dev) and its scorer"; \
		echo "(../shared/tools/score_attribution.py) are kept outside this repository and are not here."; \
		echo "The README's 'How well it works' table gives the measured scores."; \
	fi

$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# justext asks for lxml[html_clean], an extra lxml 6 no longer has (lxml_html_clean is pinned instead): hide
	@# only that pip warning, show anything else pip says, and stop when pip fails.
	@echo "$(BIN)/python -m pip install --quiet -r requirements.txt"
	@log=$$(mktemp); $(BIN)/python -m pip install --quiet -r requirements.txt 2> $$log; status=$$?; \
	  grep -v "does not provide the extra 'html_clean'" $$log >&2; rm -f $$log; exit $$status
	touch $(STAMP)

clean:
	rm -rf $(VENV) .cache reports/figures reports/notebooks reports/report.html
