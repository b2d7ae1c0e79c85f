# jumpcloud.adi: every set-up step is here, so a fresh machine needs only `make demo` / `make test`.
#
#   make demo         the local lab: five AD servers; review -> rollout -> drift report (no Windows)
#   make test         every check, failing on the first failure (this is what CI runs)
#   make test-matrix  unit tests on ansible-core 2.16, 2.17, 2.18 (Python 3.11) and 2.21 on Python 3.13 (in make test)
#   make windows-emulated  the modules and the three roles against emulated Windows hosts, three cores (in make test)
#   make docs         regenerate docs/ and docs/schemas/ from the catalog
#   make bench        benchmarks: outcome matrix, and the fleet against the naive playbooks (figures printed;
#                     docs/performance.md holds the last run's)

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
TMP := $(CURDIR)/.tmp
VENV := $(TMP)/venv
BIN := $(VENV)/bin
COLL := $(TMP)/collections
ADI := $(COLL)/ansible_collections/jumpcloud/adi
WINDOWS := $(COLL)/ansible_collections/ansible/windows
TESTROOT := $(TMP)/ansible-test
TESTADI := $(TESTROOT)/ansible_collections/jumpcloud/adi
# ansible.windows comes from the `ansible` PyPI package (Galaxy is not reachable here).
ANSIBLE_PACKAGE := ansible==12.3.0
PY313 ?= /root/.pyenv/versions/3.13.0/bin/python3.13

export ANSIBLE_COLLECTIONS_PATH := $(COLL)
export ANSIBLE_LOCAL_TEMP := $(TMP)/ansible-local
export ANSIBLE_HOME := $(TMP)/ansible-home
export ANSIBLE_NOCOLOR := 1
export PYTHONDONTWRITEBYTECODE := 1
export PATH := $(BIN):$(PATH)

# Print how long each step took (the closing notes quote these lines).
step = @echo "== $(1)"; start=$$(date +%s); $(2); echo "== $(1): $$(( $$(date +%s) - start ))s"

.PHONY: help setup demo test test-matrix windows-emulated units sanity ansible-test-units integration lint changelog-lint molecule chromium screenshot corpus \
        build doc-check docs check-docs clean bench

help:
	@sed -n '1,10p' Makefile

# ------------------------------------------------------------------ set-up
$(BIN)/.installed: requirements-dev.txt requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -U pip
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt -r requirements.txt
	touch $@

$(WINDOWS)/MANIFEST.json: | $(BIN)/.installed
	rm -rf $(TMP)/ansible-pkg && mkdir -p $(TMP)/ansible-pkg $(dir $(WINDOWS))
	$(BIN)/pip download -q --disable-pip-version-check --no-deps -d $(TMP)/ansible-pkg $(ANSIBLE_PACKAGE)
	cd $(TMP)/ansible-pkg && $(BIN)/python -c "import glob, zipfile; z = zipfile.ZipFile(glob.glob('ansible-*.whl')[0]); \
	  [z.extract(n, 'unpacked') for n in z.namelist() if n.startswith('ansible_collections/ansible/windows/')]"
	rm -rf $(WINDOWS) && cp -r $(TMP)/ansible-pkg/unpacked/ansible_collections/ansible/windows $(WINDOWS)
	rm -rf $(TMP)/ansible-pkg

$(ADI):
	mkdir -p $(dir $(ADI))
	ln -sfn $(CURDIR) $(ADI)

# ansible-test downloads get-pip from a host this machine cannot reach; give it an offline stand-in.
GET_PIP_CACHE := $(HOME)/.ansible/test/cache
$(GET_PIP_CACHE)/.standin: tools/get_pip_standin.py
	mkdir -p $(GET_PIP_CACHE)
	for v in 23_1_2 24_2 25_0_1 25_1_1 25_2 25_3; do cp tools/get_pip_standin.py $(GET_PIP_CACHE)/get_pip_$$v.py; done
	touch $@

setup: $(BIN)/.installed $(WINDOWS)/MANIFEST.json $(ADI) $(GET_PIP_CACHE)/.standin

# ------------------------------------------------------------------ demo
demo: setup
	$(BIN)/python demo/run_demo.py $(CURDIR)/lab

# ------------------------------------------------------------------ tests
test: setup
	$(call step,pytest units,$(MAKE) --no-print-directory units)
	$(call step,unit tests on ansible-core 2.16-2.18 and $(NEWEST_CORE) on Python 3.13,$(MAKE) --no-print-directory test-matrix)
	$(call step,emulated Windows hosts on ansible-core 2.19 2.16 and $(NEWEST_CORE),$(MAKE) --no-print-directory windows-emulated)
	$(call step,generated docs up to date,$(MAKE) --no-print-directory check-docs)
	$(call step,ansible-test sanity,$(MAKE) --no-print-directory sanity)
	$(call step,ansible-test units,$(MAKE) --no-print-directory ansible-test-units)
	$(call step,ansible-test integration,$(MAKE) --no-print-directory integration)
	$(call step,ansible-lint + yamllint,$(MAKE) --no-print-directory lint)
	$(call step,antsibull-changelog lint,$(MAKE) --no-print-directory changelog-lint)
	$(call step,molecule (rollout + drift_report),$(MAKE) --no-print-directory molecule)
	$(call step,HTML report in headless Chromium,$(MAKE) --no-print-directory screenshot)
	$(call step,bad-input and fault corpus,$(MAKE) --no-print-directory corpus)
	$(call step,build + install + ansible-doc,$(MAKE) --no-print-directory build doc-check)
	@echo "== all checks passed"

units: setup
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python -m pytest -q -n 2 -p no:cacheprovider tests/unit

check-docs: setup
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python tools/gen_docs.py --check

docs: setup
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python tools/gen_docs.py

# A real copy (not a link) in an ansible_collections/ tree, with ansible.windows beside it.
$(TESTADI): setup FORCE
	rm -rf $(TESTROOT) && mkdir -p $(TESTADI) $(TESTROOT)/ansible_collections/ansible
	git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} cp --parents -P {} $(TESTADI)/ 2>/dev/null || true
	cp -r $(WINDOWS) $(TESTROOT)/ansible_collections/ansible/windows
	cd $(TESTADI) && git init -q && git add -A && git -c user.email=ci@example.invalid -c user.name=ci commit -qm test

FORCE:

sanity: $(TESTADI)
	cd $(TESTADI) && ANSIBLE_COLLECTIONS_PATH=$(TESTROOT) ansible-test sanity --python 3.11 --color no \
	  --skip-test pslint --skip-test shellcheck

ansible-test-units: $(TESTADI)
	cd $(TESTADI) && ANSIBLE_COLLECTIONS_PATH=$(TESTROOT) ansible-test units --python 3.11 --requirements --color no

integration: $(TESTADI)
	cd $(TESTADI) && ANSIBLE_COLLECTIONS_PATH=$(TESTROOT) ansible-test integration --python 3.11 --local --color no

lint: setup
	$(BIN)/yamllint -s .
	$(BIN)/ansible-lint --offline

molecule: setup
	cd extensions && for s in rollout drift_report; do $(BIN)/molecule test -s $$s || exit 1; done

# Headless Chromium from Debian's packages (root here, as on CI), to render the HTML report to a screenshot.
chromium:
	command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

screenshot: setup chromium
	cd $(ADI) && ADI_REQUIRE_CHROMIUM=1 SCREENSHOT_DIR=$(TMP)/screenshots PYTHONPATH=$(COLL) \
	  $(BIN)/python -m pytest -q -p no:cacheprovider tests/screenshot

# Bad files, bad options, killed writes, unwritable folders, concurrent rollouts, secrets at -vvvv (tests/corpus).
corpus: setup
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/corpus

changelog-lint: setup
	$(BIN)/antsibull-changelog lint

build: setup
	rm -rf $(TMP)/build $(TMP)/installed && mkdir -p $(TMP)/build $(TMP)/installed
	$(BIN)/ansible-galaxy collection build --output-path $(TMP)/build .
	ANSIBLE_COLLECTIONS_PATH=$(TMP)/installed $(BIN)/ansible-galaxy collection install --offline --no-deps --force \
	  -p $(TMP)/installed $(TMP)/build/jumpcloud-adi-*.tar.gz
	test -f $(TMP)/installed/ansible_collections/jumpcloud/adi/MANIFEST.json
	# execution environments: the collection declares its Python requirements, and ansible-builder accepts them
	$(BIN)/ansible-builder introspect --sanitize $(TMP)/installed | grep -q 'jsonschema.*from collection jumpcloud.adi'
	rm -rf $(TMP)/ee && $(BIN)/ansible-builder create -f tests/ee/execution-environment.yml -c $(TMP)/ee >/dev/null
	test -f $(TMP)/ee/Dockerfile
	# ... and it reaches Windows: pywinrm and pypsrp with their system packages, a pinned base image, the core range
	grep -q '^pywinrm' $(TMP)/ee/_build/requirements.txt && grep -q '^pypsrp' $(TMP)/ee/_build/requirements.txt
	grep -q '^krb5-devel' $(TMP)/ee/_build/bindep.txt
	grep -q 'EE_BASE_IMAGE="quay.io/fedora/fedora:41"' $(TMP)/ee/Dockerfile
	grep -q 'ansible-core>=2.16,<2.20' $(TMP)/ee/Dockerfile

# ansible-doc of every plugin, from the installed tarball.
doc-check: build
	ANSIBLE_COLLECTIONS_PATH=$(TMP)/installed:$(COLL) $(BIN)/python tools/doc_check.py \
	  $(TMP)/installed/ansible_collections/jumpcloud/adi

# Unit tests on the other ansible-core versions users run (each in its own venv), and the newest core on 3.13.
MATRIX := 2.16 2.17 2.18
NEWEST_CORE := 2.21
test-matrix: setup
	for v in $(MATRIX); do \
	  [ -x $(TMP)/venv-core$$v/bin/python ] || $(PYTHON) -m venv $(TMP)/venv-core$$v; \
	  $(TMP)/venv-core$$v/bin/pip install -q --disable-pip-version-check "ansible-core==$$v.*" -r tests/requirements-units.txt; \
	  echo "== $$($(TMP)/venv-core$$v/bin/ansible --version | head -1) on Python 3.11"; \
	  (cd $(ADI) && PYTHONPATH=$(COLL) $(TMP)/venv-core$$v/bin/python -m pytest -q -n 2 -p no:cacheprovider tests/unit) || exit 1; \
	done
	[ -x $(TMP)/venv-py313/bin/python ] || $(PY313) -m venv $(TMP)/venv-py313
	$(TMP)/venv-py313/bin/pip install -q --disable-pip-version-check "ansible-core==$(NEWEST_CORE).*" -r tests/requirements-units.txt
	echo "== $$($(TMP)/venv-py313/bin/ansible --version | head -1) on Python 3.13"
	cd $(ADI) && PYTHONPATH=$(COLL) $(TMP)/venv-py313/bin/python -m pytest -q -n 2 -p no:cacheprovider tests/unit

# The modules and the three roles through the real ansible-playbook against emulated Windows hosts (tests/windows_emulator:
# a test-only connection plugin that decodes what ansible-core sends and answers as the ansible.windows modules), on
# ansible-core 2.19, on 2.16 (Python 3.11) and on the newest core (Python 3.13). The remote commands each workflow
# sends to one host are written to .tmp/winemu-commands-<core>.json.
EMULATED_CORES := $(BIN)/python $(TMP)/venv-core2.16/bin/python $(TMP)/venv-py313/bin/python
windows-emulated: setup
	[ -x $(TMP)/venv-core2.16/bin/python ] || $(PYTHON) -m venv $(TMP)/venv-core2.16
	$(TMP)/venv-core2.16/bin/pip install -q --disable-pip-version-check "ansible-core==2.16.*" -r tests/requirements-units.txt
	[ -x $(TMP)/venv-py313/bin/python ] || $(PY313) -m venv $(TMP)/venv-py313
	$(TMP)/venv-py313/bin/pip install -q --disable-pip-version-check "ansible-core==$(NEWEST_CORE).*" -r tests/requirements-units.txt
	for py in $(EMULATED_CORES); do \
	  echo "== emulated Windows hosts: $$($$py -c 'import sys, ansible.release as r; print("ansible-core", r.__version__, "on Python", sys.version.split()[0])')"; \
	  (cd $(ADI) && PYTHONPATH=$(COLL) ADI_WINEMU_NOTES=$(TMP) $$py -m pytest -q -p no:cacheprovider tests/windows_emulator) || exit 1; \
	done

bench: setup
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python bench/outcomes_matrix.py
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python bench/fleet.py --sizes 10 50 --repeat 3

clean:
	rm -rf $(TMP)
