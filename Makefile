# 미납 협상 코치 — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/coach.tar.gz
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)

.PHONY: help venv run shell test lint transcripts eval-nlu eval-conversations eval-understanding test-engine test-actions test-stories test-e2e validate train bench clean

help:
	@echo "make run     set up, train when the data changed, start the coach (REST + socket.io)"
	@echo "make shell   chat in the terminal (rasa shell with the action server)"
	@echo "make test    every test: engine, actions, data validation, test stories, end-to-end"
	@echo "make train   train the model (only when config, domain or data changed)"
	@echo "make bench   the coach against rasa init's assistant: latency, throughput, memory (docs/benchmarks.md)"
	@echo "make lint    ruff (checks, formatting) and mypy (strict on negotiation/)"
	@echo "make eval-nlu  measure the NLU pipelines and write docs/nlu-report.md"
	@echo "make transcripts  talk a dozen situations to the coach, write docs/transcripts.md"
	@echo "make eval-conversations  talk the independent corpus to the coach, write docs/understanding-report.md"
	@echo "make eval-understanding  the reader and its second opinion, writer by writer (docs/understanding-roles.md)"

# The virtual environment is rebuilt when requirements.txt changes.
$(VENV)/.installed: requirements.txt pyproject.toml scripts/find-python.sh
	@python=$$(scripts/find-python.sh) && \
	  if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip==24.0
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@# The project itself, editable, so that spaCy finds the Kiwi tokenizer's entry point.
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# The project's Korean spaCy pipeline (blank `ko` + Kiwi tokenizer; no weights to download).
SPACY_KO := models/spacy_ko_kiwi/meta.json
$(SPACY_KO): $(VENV)/.installed korean_nlp/tokenizer.py korean_nlp/build.py
	$(PY) -m korean_nlp.build models/spacy_ko_kiwi

venv: $(VENV)/.installed

# The web chat's socket.io client, pinned in web/package-lock.json, from the npm registry.
WEB_DEPS := web/node_modules/socket.io-client/dist/socket.io.min.js
$(WEB_DEPS): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	@touch $@

# Training runs only when the config, the domain or the training data changed.
$(MODEL): $(VENV)/.installed $(SPACY_KO) $(TRAINING_INPUTS)
	$(RASA) train --fixed-model-name coach --out models
	@touch $@

train: $(MODEL)

validate: $(VENV)/.installed
	$(RASA) data validate --fail-on-warnings

run: $(MODEL) $(WEB_DEPS)
	@scripts/run.sh

shell: $(MODEL)
	@scripts/shell.sh

# ruff (checks and formatting) over every Python file; mypy, strict, over the engine.
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test-engine: $(VENV)/.installed $(SPACY_KO)
	$(PY) -m pytest tests/engine tests/nlu tests/channels -q

test-actions: $(VENV)/.installed
	$(PY) -m pytest tests/actions -q

test-stories: $(MODEL)
	$(RASA) test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors \
	  --out results/stories

test-e2e: $(MODEL) $(WEB_DEPS)
	@scripts/ensure-browser.sh
	$(PY) -m pytest tests/e2e -q

# Every Hypothesis test (property and fuzz tests) with fresh random inputs and five times the
# examples (FUZZ_EXAMPLES=1000: ten times); `make test` replays the same derandomized ones.
.PHONY: fuzz
fuzz: $(MODEL)
	$(PY) -m pytest -q --hypothesis-profile=fuzz \
	  $$(grep -rlE --include='test_*.py' '^(from|import) hypothesis' tests | sort)

test: lint validate test-engine test-actions test-stories test-e2e
	@echo "make test: all suites passed"

eval-nlu: $(VENV)/.installed $(SPACY_KO)
	$(PY) scripts/eval_nlu.py

# Every conversation of the independent corpus (tests/conversations/) over REST against the real
# servers; writes docs/understanding-report.md. CORPUS=dir measures another corpus.
eval-conversations: $(MODEL)
	$(PY) scripts/eval_conversations.py $(if $(CORPUS),--corpus $(CORPUS) --out $(or $(OUT),docs/understanding-report-heldout.md))

# The reader and its learned second opinion, writer by writer (each left out of the training in
# turn); writes docs/understanding-roles.md. After a corpus is added: scripts/build_role_examples.py.
eval-understanding: $(VENV)/.installed $(SPACY_KO)
	$(PY) scripts/eval_understanding.py

transcripts: $(MODEL)
	$(PY) scripts/transcripts.py

bench: $(MODEL)
	$(PY) bench/run.py $(if $(URL),--url $(URL)) $(ARGS)

clean:
	rm -rf results .run .pytest_cache
