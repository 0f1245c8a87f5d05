# The two commands a fresh clone needs:  make book  and  make test.
# Everything else is optional: make pdf, make lab, make serve, make bench, make outputs, make lock, make clean.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JB := $(VENV)/bin/jupyter-book
export PYTHONPATH := $(CURDIR)
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# The editions make book builds: English into _build/html, French into _build/html/fr
# (tools/i18n.py build, from the catalogues in book/locales/fr).
export KIDAL_EDITIONS ?= en,fr
# Everything whose change must invalidate the execution cache and rebuild every page
# (jupyter-cache only notices changes to a notebook's own code cells).
STAMP_INPUTS := data seeds tools/i18n.py book/locales book/_ext book/_static book/_templates book/references.bib requirements.lock \
                package-lock.json _config.yml _toc.yml pyproject.toml CITATION.cff

.PHONY: book test pdf lab serve bench audit outputs lock lab-lock clean env

## make book: create or refresh .venv from requirements.lock, then build _build/html strictly:
## the English edition and, at the same time (each runs its own notebooks and Sphinx on its own
## core), the French one (tools/i18n.py build, its log lines prefixed [fr]).
book: env
	@stamp=$$( { find $(STAMP_INPUTS) -type f -not -path '*/__pycache__/*' -not -name '*.mo' -print0 | sort -z \
	          | xargs -0 sha256sum; echo "KIDAL_BASEURL=$${KIDAL_BASEURL:-} KIDAL_REPOSITORY=$${KIDAL_REPOSITORY:-} KIDAL_EDITIONS=$${KIDAL_EDITIONS:-}"; } | sha256sum | cut -c1-16); \
	if [ "$$(cat _build/.inputs-stamp 2>/dev/null)" != "$$stamp" ]; then \
	  echo "book: inputs changed since the last build: clearing _build (pages and execution cache)"; \
	  rm -rf _build; \
	fi; \
	failed=0; \
	{ $(PY) tools/i18n.py build 2>&1 | sed -u 's/^/[fr] /'; } & french=$$!; \
	$(JB) build . -W -n --keep-going || failed=1; \
	wait $$french || failed=1; \
	if [ $$failed != 0 ]; then \
	  echo "book: build FAILED: removing _build/html so no stale site looks current" >&2; \
	  rm -rf _build/html _build/.doctrees _build/.inputs-stamp; exit 1; \
	fi; \
	mkdir -p _build && echo "$$stamp" > _build/.inputs-stamp
	@test -f _build/html/index.html && echo "book: built _build/html (open _build/html/index.html or run make serve)"

env: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-virtualenv -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## make test: everything the tests need (Chromium from Debian when missing), then every test.
## PYTEST_ARGS adds pytest options, e.g. make test PYTEST_ARGS=--junitxml=_build/reports/pytest.xml
PYTEST_ARGS ?=
test: env
	@command -v chromium >/dev/null || { \
	  echo "test: installing Debian's chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	$(PY) -m pytest tests --nbval $$($(PY) tools/notebooks.py list) -p no:cacheprovider $(PYTEST_ARGS)

## make pdf: the PDF edition of each edition, printed by Debian's Chromium from the built site
## (tools/pdf.py): _build/pdf/kidal.pdf and kidal-fr.pdf, their summaries, and copies linked from
## each edition's "How to cite" page (kidal.pdf, fr/kidal.pdf)
pdf: book
	@command -v chromium >/dev/null || { \
	  echo "pdf: installing Debian's chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	for lang in $${KIDAL_EDITIONS//,/ }; do $(PY) tools/pdf.py --lang $$lang; done

## make lab: JupyterLab (pinned in requirements-lab.lock, installed into .venv on top of the
## book's lock) on the book folder, to rerun and edit the chapters.
lab: env $(VENV)/.lab-installed
	cd book && ../$(VENV)/bin/jupyter lab --no-browser --ip 127.0.0.1 $$([ "$$(id -u)" = 0 ] && echo --allow-root)

$(VENV)/.lab-installed: requirements-lab.lock requirements.lock
	$(PY) -m pip install --quiet --require-virtualenv -r requirements.lock -r requirements-lab.lock
	@touch $@

## make serve: preview the built site on http://127.0.0.1:8000
serve: book
	$(PY) -m http.server 8000 --bind 127.0.0.1 --directory _build/html

## make bench: build and page timings and sizes
bench: env
	$(PY) tools/bench.py

## make audit: Lighthouse 12 (mobile) on every page served with gzip; fails below the targets
audit: book tools/audit/node_modules/.installed
	@command -v chromium >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	$(PY) tools/audit.py

tools/audit/node_modules/.installed: tools/audit/package.json tools/audit/package-lock.json
	cd tools/audit && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## make outputs: rerun every chapter and store its outputs (what strict nbval compares)
outputs: env
	$(PY) tools/notebooks.py execute

## make lock: re-resolve requirements.in into requirements.lock (pins every transitive package)
lock:
	rm -rf _build/lockenv && $(PYTHON) -m venv _build/lockenv
	env -u PYTHONPATH _build/lockenv/bin/pip install --quiet -r requirements.in
	{ echo "# Generated by 'make lock' from requirements.in with Python $$($(PYTHON) -c 'import sys;print(sys.version.split()[0])'). Do not edit."; \
	  env -u PYTHONPATH _build/lockenv/bin/pip freeze --exclude-editable | LC_ALL=C sort -f; } > requirements.lock
	rm -rf _build/lockenv

## make lab-lock: re-resolve requirements-lab.in on top of requirements.lock into
## requirements-lab.lock (only what JupyterLab adds; the book's lock is unchanged)
lab-lock:
	rm -rf _build/lockenv && $(PYTHON) -m venv _build/lockenv
	env -u PYTHONPATH _build/lockenv/bin/pip install --quiet -r requirements.lock -r requirements-lab.in
	{ echo "# Generated by 'make lab-lock' from requirements-lab.in on top of requirements.lock with Python $$($(PYTHON) -c 'import sys;print(sys.version.split()[0])'). Do not edit."; \
	  env -u PYTHONPATH _build/lockenv/bin/pip freeze --exclude-editable | LC_ALL=C sort -f \
	  | grep -vxF -f <(grep -v '^#' requirements.lock); } > requirements-lab.lock
	@# JupyterLab must not move a pin of the book's lock: every book pin is still installed as locked
	env -u PYTHONPATH _build/lockenv/bin/pip freeze --exclude-editable \
	  | grep -cxF -f <(grep -v '^#' requirements.lock) | grep -qx "$$(grep -vc '^#' requirements.lock)"
	rm -rf _build/lockenv

clean:
	rm -rf _build
