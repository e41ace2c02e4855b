# The chores, one command each. `make setup` is all a fresh machine needs before the others.
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
RUN := $(UV) run --frozen --no-sync
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy

.PHONY: setup demo test lint fmt typecheck protos protos-check buf-lint bench up clean

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

protos/node_modules: protos/package-lock.json
	npm ci --prefix protos --no-audit --no-fund --loglevel=error
	touch protos/node_modules

## setup: install Python (from uv.lock) and Buf (from protos/package-lock.json)
setup: $(UV) protos/node_modules
	$(UV) sync --frozen

## demo: take the example portfolio through the whole flow on an embedded stack
demo: setup
	$(RUN) switchover demo

## up: run all six services in one process on ports 50051-50056
up: setup
	$(RUN) switchover up

## test: the whole test suite, writing pytest_results.json and a coverage report
test: setup
	$(RUN) pytest -p xdist -n 2 --dist loadgroup \
		--json-report --json-report-file=pytest_results.json \
		--cov --cov-report=term --cov-report=xml

## lint: ruff (lint and format check) and buf lint
lint: setup buf-lint
	$(RUN) ruff check .
	$(RUN) ruff format --check .

fmt: setup
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

buf-lint: protos/node_modules
	cd protos && npx --no-install buf lint && npx --no-install buf format --exit-code -d

## typecheck: mypy --strict on our code (generated code excluded)
typecheck: setup
	$(RUN) mypy libs/kit libs/cli services tests examples

## protos: regenerate libs/api from protos/
protos: setup
	$(RUN) python libs/api/generate.py

protos-check: setup
	$(RUN) python libs/api/generate.py --check

## bench: run the benchmarks and write bench/results.json (NAME=<prefix> for a subset)
bench: setup
	$(RUN) python tests/bench/run.py $(if $(NAME),--name $(NAME),)

clean:
	rm -rf .switchover .coverage .coverage.* coverage.xml pytest_results.json
