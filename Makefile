# Japanese-first extraction pipeline. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON_SYS ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS ?= corpus/raw
OUT ?= outputs
GOLD ?= corpus/gold
ENGINE ?= local
WORKERS ?= 1
KB ?=
KBARG := $(if $(KB),--kb "$(KB)")
EXCEL ?=
EXCELARG := $(if $(EXCEL),--excel)

export PYTHONHASHSEED := 0

.PHONY: help venv run baselines eval report bench chromium label-studio notebook test lint clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'
	@echo "  variables: CORPUS=$(CORPUS) OUT=$(OUT) GOLD=$(GOLD) ENGINE=$(ENGINE) WORKERS=$(WORKERS) KB=$(KB) EXCEL=$(EXCEL)"

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON_SYS) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP) ## Create .venv and install the pinned dependencies

run: $(STAMP) ## Process CORPUS (default corpus/raw) into OUT (default outputs/)
	$(PY) -m pipeline run "$(CORPUS)" --out "$(OUT)" --engine "$(ENGINE)" --workers "$(WORKERS)" $(KBARG) $(EXCELARG)

baselines: $(STAMP) ## Run the baseline systems (raw GiNZA NER, ja-timex alone) over CORPUS into OUT/baselines/
	$(PY) -m pipeline baselines "$(CORPUS)" --out "$(OUT)"

eval: $(STAMP) baselines ## Score OUT against GOLD, beside the baselines and the no-KB ablation; writes OUT/metrics.json
	$(PY) -m pipeline run "$(CORPUS)" --out "$(OUT)" $(KBARG) $(EXCELARG) || true
	$(PY) -m pipeline run "$(CORPUS)" --out "$(OUT)/ablation/no_kb" --no-kb || true
	$(PY) -m pipeline eval --gold "$(GOLD)" --out "$(OUT)" --corpus "$(CORPUS)"

report: $(STAMP) ## Write OUT/report/index.html (highlighted documents)
	$(PY) -m pipeline report --out "$(OUT)" --corpus "$(CORPUS)" --gold "$(GOLD)"

notebook: $(STAMP) ## Run notebooks/01-timeline.ipynb on OUT; writes OUT/notebook/01-timeline.html
	$(PY) -m pipeline.notebook --out "$(OUT)" --corpus "$(CORPUS)"

bench: $(STAMP) ## Throughput/memory ratios side by side; writes outputs/bench.json
	$(PY) -m pipeline.bench --out "$(OUT)"

chromium: ## Install headless Chromium and CJK fonts (Debian) for the report screenshot test
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk)

LABEL_STUDIO_VENV ?= .venv-label-studio
LABEL_STUDIO_VERSION ?= 1.23.2

label-studio: ## Install Label Studio in its own venv (.venv-label-studio) for the live round-trip test
	test -x "$(LABEL_STUDIO_VENV)/bin/label-studio" || ($(PYTHON_SYS) -m venv "$(LABEL_STUDIO_VENV)" \
	  && "$(LABEL_STUDIO_VENV)/bin/python" -m pip install --quiet --disable-pip-version-check \
	     "label-studio==$(LABEL_STUDIO_VERSION)")

test: $(STAMP) ## Run the test suite (slow tests included)
	$(PY) -m pytest -q -rfE

lint: $(STAMP) ## Ruff lint
	$(VENV)/bin/ruff check pipeline tests

clean: ## Remove the virtual environment and outputs
	rm -rf $(VENV) "$(OUT)"
