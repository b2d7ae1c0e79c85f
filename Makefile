# jumpcloud.adi: every set-up step is here, so a fresh machine needs only `make demo` / `make test`.
#
#   make demo         the local lab: five AD servers; review -> rollout -> drift report (no Windows)
#   make test         every check, two at a time, failing on the first failure (this is what CI runs)
#   make test-newest  the canary: units, emulated Windows hosts and sanity on the newest unpinned releases
#   make lock         recompile requirements/*.txt (every venv's lock) from requirements/*.in
#   make test-matrix  unit tests on ansible-core 2.16, 2.17, 2.18 (Python 3.11), 2.20 and 2.21 on Python 3.13 (in make test)
#   make sanity-oldest / sanity-newest   ansible-test sanity on ansible-core 2.16 / 2.21 (sanity-all: the three, in make test)
#   make windows-emulated  the modules and the three roles against emulated Windows hosts, three cores (in make test)
#   make docs         regenerate docs/, docs/schemas/ and the docsite guides from the catalog and docs/*.md
#   make docsite      lint the docs with antsibull-docs and build the docsite in .tmp/docsite (in make test)
#   make mutation     mutation testing of plugins/plugin_utils/ (mutmut; FILES=plugins/plugin_utils/_outcomes.py to scope;
#                     slow: not in make test; docs/testing.md holds the scores)
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
IMPORTER := $(TMP)/venv-importer
# Python 3.13 for the newest ansible-core, found on the machine (pyenv's versions first, then PATH), never a
# fixed path: the first candidate that really runs 3.13 (a pyenv shim on PATH may not).
ifeq ($(origin PY313),undefined)
PY313 := $(shell for p in $$(ls -d "$$(pyenv root 2>/dev/null || echo $(HOME)/.pyenv)"/versions/3.13*/bin/python3.13 2>/dev/null | sort -rV) \
  $$(command -v python3.13); do "$$p" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))' 2>/dev/null && { echo "$$p"; break; }; done)
endif

# One venv per other ansible-core version (unit tests and sanity on that core): 2.16-2.18 on Python 3.11, and
# 2.20 and the newest core on Python 3.13 (they need 3.12+). 2.19 is the main venv's.
MATRIX := 2.16 2.17 2.18
OLDEST_CORE := 2.16
NEWEST_CORE := 2.21
PY313_CORES := 2.20 $(NEWEST_CORE)
core_venv = $(TMP)/venv-core$(1)
core_python = $(if $(filter $(PY313_CORES),$(1)),$(PY313),$(PYTHON))
core_pyversion = $(if $(filter $(PY313_CORES),$(1)),3.13,3.11)
core_bin = $(if $(filter $(DEV_CORE),$(1)),$(BIN),$(call core_venv,$(1))/bin)
# The Python 3.13 cores test with the newest ansible.windows, the oldest core with the oldest the collection claims,
# the others with the one of requirements/ansible-package.in.
core_coll = $(if $(filter $(PY313_CORES),$(1)),$(COLL_NEWEST),$(if $(filter $(OLDEST_CORE),$(1)),$(COLL_OLDEST),$(COLL)))
core_env = ANSIBLE_COLLECTIONS_PATH=$(call core_coll,$(1)) PYTHONPATH=$(call core_coll,$(1))
# $(call windows_version,collections dir): the version of the ansible.windows installed there (shell substitution)
windows_version = $$($(BIN)/python -c "import json, sys; print(json.load(open(sys.argv[1]))['collection_info']['version'])" \
  $(1)/ansible_collections/ansible/windows/MANIFEST.json)
core_says = $$($(call core_bin,$(1))/ansible --version | sed -n 1p) on $$($(call core_bin,$(1))/python --version)$(comma) ansible.windows \
  $(call windows_version,$(call core_coll,$(1)))
TEST_VENVS := $(foreach v,$(MATRIX) $(PY313_CORES),$(call core_venv,$(v))/.installed)

export ANSIBLE_COLLECTIONS_PATH := $(COLL)
export ANSIBLE_LOCAL_TEMP := $(TMP)/ansible-local
export ANSIBLE_HOME := $(TMP)/ansible-home
export ANSIBLE_NOCOLOR := 1
export PYTHONDONTWRITEBYTECODE := 1
export PATH := $(BIN):$(PATH)

# The ansible-core of the main venv (requirements/dev.in), for step titles.
DEV_CORE := $(shell sed -n 's/^ansible-core==\([0-9]*\.[0-9]*\).*/\1/p' requirements/dev.in)
comma := ,

.PHONY: help setup demo test test-steps locks test-newest test-matrix windows-emulated units sanity sanity-oldest sanity-newest ansible-test-units integration lint sanity-all \
        changelog-lint lock galaxy-import release molecule chromium screenshot corpus build doc-check docs check-docs docsite clean bench \
        bench-executions bench-workflows mutation package

help:
	@sed -n '1,15p' Makefile

# ------------------------------------------------------------------ set-up
# Every venv is installed from a committed lock (requirements/*.txt: every package, transitive ones included,
# pinned with hashes), compiled by `make lock` from the short human-edited requirements/*.in. uv installs them
# (`uv pip sync`: the venv ends up exactly as its lock says); uv itself comes from its own hashed lock, by pip.
LOCKS := requirements
UV_VENV := $(TMP)/venv-uv
UV := $(UV_VENV)/bin/uv
$(UV): $(LOCKS)/uv.txt
	[ -x $(UV_VENV)/bin/python ] || $(PYTHON) -m venv $(UV_VENV)
	$(UV_VENV)/bin/pip install -q --disable-pip-version-check --require-hashes --no-deps -r $(LOCKS)/uv.txt
	touch $@
# $(call venv_from_lock,venv dir,python,lock)
venv_from_lock = [ -x $(1)/bin/python ] || $(2) -m venv --without-pip $(1); $(UV) pip sync -q --require-hashes --python $(1)/bin/python $(3)

$(BIN)/.installed: $(LOCKS)/dev.txt | $(UV)
	$(call venv_from_lock,$(VENV),$(PYTHON),$<)
	touch $@

# $(call windows_from,pip download arguments,collections dir): ansible.windows out of an `ansible` wheel, into
# collections dir/ansible_collections/ansible/windows
windows_from = rm -rf $(2).download $(2)/ansible_collections/ansible/windows && mkdir -p $(2).download $(2) \
  && $(BIN)/pip download -q --disable-pip-version-check --no-deps -d $(2).download $(1) \
  && $(BIN)/python -c "import glob, sys, zipfile; z = zipfile.ZipFile(glob.glob(sys.argv[1] + '/ansible-*.whl')[0]); \
    [z.extract(n, sys.argv[2]) for n in z.namelist() if n.startswith('ansible_collections/ansible/windows/')]" $(2).download $(2) \
  && rm -rf $(2).download

$(WINDOWS)/MANIFEST.json: $(LOCKS)/ansible-package.txt | $(BIN)/.installed
	$(call windows_from,--require-hashes -r $<,$(COLL))

# The same with the newest ansible.windows (requirements/ansible-package-newest.in), for the Python 3.13 cores.
COLL_NEWEST := $(TMP)/collections-newest
WINDOWS_NEWEST := $(COLL_NEWEST)/ansible_collections/ansible/windows/MANIFEST.json
$(WINDOWS_NEWEST): $(LOCKS)/ansible-package-newest.txt | $(BIN)/.installed
	$(call windows_from,--python-version 3.13 --only-binary=:all: --require-hashes -r $<,$(COLL_NEWEST))
	mkdir -p $(COLL_NEWEST)/ansible_collections/jumpcloud && ln -sfn $(CURDIR) $(COLL_NEWEST)/ansible_collections/jumpcloud/adi

# The same with the oldest ansible.windows the collection claims (requirements/ansible-package-oldest.in), for the
# oldest core.
COLL_OLDEST := $(TMP)/collections-oldest
WINDOWS_OLDEST := $(COLL_OLDEST)/ansible_collections/ansible/windows/MANIFEST.json
$(WINDOWS_OLDEST): $(LOCKS)/ansible-package-oldest.txt | $(BIN)/.installed
	$(call windows_from,--require-hashes -r $<,$(COLL_OLDEST))
	mkdir -p $(COLL_OLDEST)/ansible_collections/jumpcloud && ln -sfn $(CURDIR) $(COLL_OLDEST)/ansible_collections/jumpcloud/adi

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
# `make test`: the set-up first (every venv from its lock), then the steps below, two at a time on two cores
# (make -j2 -O: a step's output is printed whole when it ends, then its time: `grep '^== '` gives the times). The
# first failure stops the run (a step already running finishes first). The three sanity runs go one after the
# other: they share ansible-test's requirement venvs under ~/.ansible/test.
# Longest first (by the step times of a fresh-clone run), so that the two lanes end together.
TEST_STEPS := corpus sanity-all integration molecule windows-emulated test-matrix lint ansible-test-units package docsite \
  changelog-lint locks screenshot check-docs
title_locks := each venv holds exactly its lock
title_ansible-test-units := unit tests on ansible-core $(DEV_CORE) (ansible-test units)
title_test-matrix := unit tests on ansible-core $(MATRIX) (Python 3.11) and $(PY313_CORES) (Python 3.13)
title_windows-emulated := emulated Windows hosts on ansible-core $(DEV_CORE)$(comma) $(OLDEST_CORE) and $(NEWEST_CORE)
title_check-docs := generated docs up to date
title_docsite := docsite (antsibull-docs lint + Sphinx build)
title_sanity-all := ansible-test sanity on ansible-core $(DEV_CORE) and $(OLDEST_CORE) (Python 3.11)$(comma) $(NEWEST_CORE) (Python 3.13)
title_integration := ansible-test integration
title_lint := ansible-lint + yamllint
title_changelog-lint := antsibull-changelog lint
title_molecule := molecule (rollout + drift_report)
title_screenshot := HTML report in headless Chromium
title_corpus := bad-input and fault corpus
title_package := build + install + ansible-doc$(comma) then galaxy-importer with Automation Hub's rules

test:
	@start=$$(date +%s); echo "== set-up: venvs from their locks, ansible.windows, Chromium"; \
	MAKEFLAGS= $(SUBMAKE) -j2 setup $(TEST_VENVS) $(WINDOWS_NEWEST) $(WINDOWS_OLDEST) chromium $(MAKEOVERRIDES); \
	echo "== set-up: $$(( $$(date +%s) - start ))s"; \
	MAKEFLAGS= $(SUBMAKE) -j2 -O test-steps $(MAKEOVERRIDES); echo "== all checks passed: $$(( $$(date +%s) - start ))s"

test-steps: $(addprefix step-,$(TEST_STEPS))
# Not $(MAKE): a plain sub-make (with the command line's variables), so that -O holds a step's whole output until it ends.
SUBMAKE := make --no-print-directory
step-%:
	@start=$$(date +%s); echo "== $(title_$*)"; \
	MAKEFLAGS= $(SUBMAKE) $* $(MAKEOVERRIDES) || { echo "== $(title_$*): FAILED after $$(( $$(date +%s) - start ))s"; exit 1; }; \
	echo "== $(title_$*): $$(( $$(date +%s) - start ))s"

# Every venv `make test` uses holds exactly its lock (nothing installed by hand or by a test run).
locks: setup $(TEST_VENVS) $(IMPORTER)/.installed
	$(BIN)/python tools/check_locks.py $(VENV)=$(LOCKS)/dev.txt $(IMPORTER)=$(LOCKS)/importer.txt \
	  $(foreach v,$(MATRIX) $(PY313_CORES),$(call core_venv,$(v))=$(LOCKS)/core$(v).txt)

units: setup
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python -m pytest -q -n 2 -p no:cacheprovider tests/unit

check-docs: setup
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python tools/gen_docs.py --check

docs: setup
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python tools/gen_docs.py

# $(call test_tree,root,ansible.windows dir): a real copy (not a link) of the working tree as it is (tracked and new
# files, less those deleted but not yet committed; any copy error fails) in root/ansible_collections/jumpcloud/adi,
# with ansible.windows beside it, committed in its own git repository (ansible-test lists files with git). Each
# ansible-test run has its own root, so that two can run at once.
test_tree = rm -rf $(1) && mkdir -p $(1)/ansible_collections/jumpcloud/adi $(1)/ansible_collections/ansible \
  && git ls-files -z --cached --others --exclude-standard --deduplicate \
  | xargs -0 sh -c 'for f; do if [ -e "$$f" ] || [ -L "$$f" ]; then printf "%s\0" "$$f"; fi; done' _ \
  | xargs -0 cp --parents -P -t $(1)/ansible_collections/jumpcloud/adi/ \
  && cp -r $(2) $(1)/ansible_collections/ansible/windows \
  && cd $(1)/ansible_collections/jumpcloud/adi && git init -q && git add -A \
  && git -c user.email=ci@example.invalid -c user.name=ci commit -qm test
# $(call ansible_test,root,venv bin,arguments): ansible-test from that venv, in that root's copy
ansible_test = cd $(1)/ansible_collections/jumpcloud/adi && PATH=$(2):$$PATH ANSIBLE_COLLECTIONS_PATH=$(1) $(2)/ansible-test $(3) --color no
SANITY_SKIP := --skip-test pslint --skip-test shellcheck

sanity: setup
	$(call test_tree,$(TESTROOT)/sanity,$(WINDOWS))
	$(call ansible_test,$(TESTROOT)/sanity,$(BIN),sanity --python 3.11 $(SANITY_SKIP))

ansible-test-units: setup
	$(call test_tree,$(TESTROOT)/units,$(WINDOWS))
	$(call ansible_test,$(TESTROOT)/units,$(BIN),units --python 3.11)

integration: setup
	$(call test_tree,$(TESTROOT)/integration,$(WINDOWS))
	$(call ansible_test,$(TESTROOT)/integration,$(BIN),integration --python 3.11 --local)

lint: setup
	$(BIN)/yamllint -s .
	$(BIN)/ansible-lint --offline

molecule: setup
	for s in rollout drift_report; do $(BIN)/molecule test -s $$s 2>&1 | tee $(TMP)/molecule-$$s.log; \
	  ! grep -q CRITICAL $(TMP)/molecule-$$s.log || exit 1; done

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
	tar tzf $(TMP)/build/jumpcloud-adi-*.tar.gz > $(TMP)/tarball.txt
	# only what users need: no development files in the tarball (galaxy.yml build_ignore), the EE definition shipped
	! grep -E '^(tests|tools|bench|demo|extensions|lab|requirements|changelogs/fragments|docs/docsite)/|^(Makefile|docs/testing\.md|docs/performance\.md)$$|^\.' $(TMP)/tarball.txt
	grep -qx meta/execution-environment.yml $(TMP)/tarball.txt
	ANSIBLE_COLLECTIONS_PATH=$(TMP)/installed $(BIN)/ansible-galaxy collection install --offline --no-deps --force \
	  -p $(TMP)/installed $(TMP)/build/jumpcloud-adi-*.tar.gz
	test -f $(TMP)/installed/ansible_collections/jumpcloud/adi/MANIFEST.json
	# execution environments without a container engine: introspect and `ansible-builder create` (tools/check_ee.py)
	$(BIN)/python tools/check_ee.py $(TMP)/installed $(TMP)/ee --cores $(MATRIX) $(DEV_CORE) $(PY313_CORES)

# galaxy-importer with Automation Hub's rules (tools/galaxy-importer.cfg) on the built tarball, in its own venv
# (requirements/importer.txt). The importer gives ansible-lint no collections path: ansible.windows goes into the
# venv's site-packages. flake8 reads the filters' YAML documentation files as Python (E999): an importer bug.
$(IMPORTER)/.installed: $(LOCKS)/importer.txt $(WINDOWS)/MANIFEST.json | $(UV)
	$(call venv_from_lock,$(@D),$(PYTHON),$<)
	sp=$$($(@D)/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])') && mkdir -p $$sp/ansible_collections/ansible \
	  && rm -rf $$sp/ansible_collections/ansible/windows && cp -r $(WINDOWS) $$sp/ansible_collections/ansible/windows
	touch $@

# The importer gives ansible-lint a fixed 180 s (galaxy_importer/loaders/collection.py); on a loaded machine it can
# take longer (seen at load 13 on 2 cores): then the import runs once more, and says so.
galaxy_importer = cd $(TMP) && HOME=$(TMP)/importer-home GALAXY_IMPORTER_CONFIG=$(CURDIR)/tools/galaxy-importer.cfg PATH=$(IMPORTER)/bin:$$PATH \
	  $(IMPORTER)/bin/python -m galaxy_importer.main $(TMP)/build/jumpcloud-adi-*.tar.gz > $(TMP)/importer.txt 2>&1 \
	  || { cat $(TMP)/importer.txt; exit 1; }
galaxy-import: build $(IMPORTER)/.installed
	$(galaxy_importer)
	if grep -qx 'ERROR: Timeout on call to ansible-lint' $(TMP)/importer.txt; then \
	  echo "galaxy-importer: ansible-lint went over the importer's 180 s (load average $$(cut -d' ' -f1-3 /proc/loadavg)); once more"; \
	  $(galaxy_importer); fi
	grep -qx 'Importer processing completed successfully' $(TMP)/importer.txt || { cat $(TMP)/importer.txt; exit 1; }
	! grep -E '^(WARNING|ERROR)' $(TMP)/importer.txt | grep -vE '^WARNING: plugins/filter/[a-z_]+\.yml:[0-9]+:[0-9]+: E999 '
	@echo "galaxy-importer: $$(grep -c . $(TMP)/importer.txt) lines in $(TMP)/importer.txt, no warning but flake8's E999 on YAML"

# The first release (docs: README, "Releasing"): checks the version and its fragment, writes CHANGELOG.rst.
release: setup
	$(BIN)/python tools/release.py

# ansible-doc of every plugin, from the installed tarball.
doc-check: build
	ANSIBLE_COLLECTIONS_PATH=$(TMP)/installed:$(COLL) $(BIN)/python tools/doc_check.py \
	  $(TMP)/installed/ansible_collections/jumpcloud/adi

# One step of `make test`: both use the tarball of `build`, made once (two steps would build it twice, at once, in
# the same folder).
package: doc-check galaxy-import

$(TMP)/venv-core%/.installed: $(LOCKS)/core%.txt | $(UV)
	@test -n "$(call core_python,$*)" || { echo "no Python 3.13 on this machine (pyenv install 3.13, or make PY313=...)"; exit 1; }
	$(call venv_from_lock,$(@D),$(call core_python,$*),$<)
	touch $@

# The property tests (hypothesis) take most of a unit run, and what they test (the file layer, the outcome engine)
# is pure Python that does not change with ansible-core: they run their full budget once, on ansible-core
# $(DEV_CORE) (ansible-test units), and MATRIX_EXAMPLES examples each on the other cores.
MATRIX_EXAMPLES ?= 30
test-matrix: setup $(TEST_VENVS) $(WINDOWS_NEWEST) $(WINDOWS_OLDEST)
	$(foreach v,$(MATRIX) $(PY313_CORES),echo "-- unit tests: $(call core_says,$(v))" && \
	  cd $(call core_coll,$(v))/ansible_collections/jumpcloud/adi && ADI_PROPERTY_EXAMPLES=$(MATRIX_EXAMPLES) $(call core_env,$(v)) \
	  $(call core_bin,$(v))/python -m pytest -q -n 2 -p no:cacheprovider tests/unit &&) true

# ansible-test sanity of another core, from its venv, on that venv's Python (oldest: 3.11, newest: 3.13).
sanity_on = $(call test_tree,$(TESTROOT)/sanity-$(1),$(call core_coll,$(1))/ansible_collections/ansible/windows) && \
  $(call ansible_test,$(TESTROOT)/sanity-$(1),$(call core_venv,$(1))/bin,sanity --python $(call core_pyversion,$(1)) $(SANITY_SKIP))

sanity-oldest: setup $(call core_venv,$(OLDEST_CORE))/.installed $(WINDOWS_OLDEST)
	$(call sanity_on,$(OLDEST_CORE))

sanity-newest: setup $(call core_venv,$(NEWEST_CORE))/.installed $(WINDOWS_NEWEST)
	$(call sanity_on,$(NEWEST_CORE))

# The three, one after the other (they share ansible-test's requirement venvs under ~/.ansible/test), as one step of
# `make test`: as one step it starts first (make -j2 started a step held back by an order-only prerequisite only at
# the end of the run, the longest chain last), with each core's time.
sanity-all:
	$(foreach t,sanity sanity-oldest sanity-newest,start=$$(date +%s) && MAKEFLAGS= $(SUBMAKE) $(t) $(MAKEOVERRIDES) \
	  && echo "-- $(t): $$(( $$(date +%s) - start ))s" &&) true

# The docsite: antsibull-docs lints the plugin docs and the guides (docs/docsite), then writes the collection's
# pages and Sphinx builds them with warnings as errors. Offline, the only warnings allowed are references into
# other collections' and ansible-core's docs (intersphinx cannot fetch their inventories here).
DOCSITE := $(TMP)/docsite
DOCSITE_OFFLINE := undefined label: '(ansible_collections\.ansible\.(builtin|windows)\.[a-z_]+|common_return_values|action_plugins|ansible_configuration_settings)'|failed to reach any of the inventories|intersphinx inventory .* not (fetchable|readable)|https://docs\.|^\s*$$
docsite: setup
	cd $(ADI) && $(BIN)/antsibull-docs lint-collection-docs --plugin-docs .
	rm -rf $(DOCSITE) && mkdir -p $(DOCSITE)
	$(BIN)/antsibull-docs sphinx-init --use-current --fail-on-error --dest-dir $(DOCSITE) jumpcloud.adi >/dev/null
	cd $(DOCSITE) && mkdir -p rst && chmod og-w rst && $(BIN)/antsibull-docs --config-file antsibull-docs.cfg collection \
	  --cleanup everything --fail-on-error --use-current --dest-dir rst jumpcloud.adi
	cd $(DOCSITE) && $(BIN)/sphinx-build -M html rst build -c . -q --keep-going -w warnings.txt
	@! grep -v -E "$(DOCSITE_OFFLINE)" $(DOCSITE)/warnings.txt || { echo "docsite: Sphinx warnings above"; exit 1; }
	test -f $(DOCSITE)/build/html/collections/jumpcloud/adi/docsite/design.html
	@echo "docsite: $(DOCSITE)/build/html/collections/jumpcloud/adi/index.html"

# The modules and the three roles through the real ansible-playbook against emulated Windows hosts (tests/windows_emulator:
# a test-only connection plugin that decodes what ansible-core sends and answers as the ansible.windows modules), on
# ansible-core 2.19 (Python 3.11) with ansible.windows 3.3.0, on the oldest core, 2.16, with the oldest ansible.windows
# the collection claims (2.1.0), and on the newest core (Python 3.13) with the newest ansible.windows (3.8.0). The
# remote commands each workflow sends to one host are written to .tmp/winemu-commands-<core>.json.
EMULATED_CORES := $(DEV_CORE) $(OLDEST_CORE) $(NEWEST_CORE)
windows-emulated: setup $(TEST_VENVS) $(WINDOWS_NEWEST) $(WINDOWS_OLDEST)
	$(foreach v,$(EMULATED_CORES),echo "-- emulated Windows hosts: $(call core_says,$(v))" && \
	  cd $(call core_coll,$(v))/ansible_collections/jumpcloud/adi && $(call core_env,$(v)) ADI_WINEMU_NOTES=$(TMP) $(call core_bin,$(v))/python -m pytest -q -p no:cacheprovider \
	  tests/windows_emulator &&) true

# Mutation testing (docs/testing.md): mutmut in its own venv, two workers, over FILES (default: all of
# plugins/plugin_utils/), killed by the unit tests. Too slow for `make test`.
MUTATION_VENV := $(TMP)/venv-mutation
$(MUTATION_VENV)/.installed: $(LOCKS)/mutation.txt | $(UV)
	$(call venv_from_lock,$(@D),$(PYTHON),$<)
	touch $@

mutation: setup $(MUTATION_VENV)/.installed
	MUTATION_WORKERS=2 $(MUTATION_VENV)/bin/python tools/mutation.py $(TMP)/mutation $(FILES)

bench: setup
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python bench/outcomes_matrix.py
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python bench/depth.py
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python bench/report_scale.py
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python bench/review_scale.py
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python bench/merge_scale.py --filter-only
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python bench/scan_worst_case.py
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python bench/fleet.py --sizes 10 50 --repeat 3
	$(MAKE) --no-print-directory bench-executions bench-workflows

# Module executions and connection round trips per host and workflow (POSIX lab and emulated Windows host).
bench-executions: setup
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python bench/executions.py

# The review, rollout and drift playbooks against the naive workflow playbook (and the floors), 10 and 50
# hosts, median of 3.
bench-workflows: setup
	cd $(ADI) && PYTHONPATH=$(COLL) $(BIN)/python bench/workflows.py --sizes 10 50 --repeat 3 --floor

# ------------------------------------------------------------------ canary
# `make test-newest` (not in `make test`): the newest releases, unpinned, as a lock refresh would take them: the
# newest ansible-core and unit-test tools on Python 3.13, and ansible.windows from the newest `ansible` package;
# units, the emulated Windows hosts and sanity. Red here and green in `make test` means the next `make lock` breaks.
NEWEST := $(TMP)/newest
NEWEST_BIN := $(NEWEST)/venv/bin
test-newest: setup
	@test -n "$(PY313)" || { echo "no Python 3.13 on this machine (pyenv install 3.13, or make PY313=...)"; exit 1; }
	rm -rf $(NEWEST) && mkdir -p $(NEWEST)/collections/ansible_collections/jumpcloud
	$(PY313) -m venv --without-pip $(NEWEST)/venv
	$(UV) pip install -q --python $(NEWEST_BIN)/python ansible-core pip $$(sed -n 's/^\([A-Za-z0-9._-]*\).*/\1/p' $(LOCKS)/units.in)
	$(call windows_from,--python-version 3.13 --only-binary=:all: ansible,$(NEWEST)/collections)
	ln -s $(CURDIR) $(NEWEST)/collections/ansible_collections/jumpcloud/adi
	@echo "== newest: $$($(NEWEST_BIN)/ansible --version | sed -n 1p) on $$($(NEWEST_BIN)/python --version), ansible.windows \
	  $(call windows_version,$(NEWEST)/collections)"
	cd $(ADI) && ANSIBLE_COLLECTIONS_PATH=$(NEWEST)/collections PYTHONPATH=$(NEWEST)/collections \
	  $(NEWEST_BIN)/python -m pytest -q -n 2 -p no:cacheprovider tests/unit
	cd $(ADI) && ANSIBLE_COLLECTIONS_PATH=$(NEWEST)/collections PYTHONPATH=$(NEWEST)/collections ADI_WINEMU_NOTES=$(NEWEST) \
	  $(NEWEST_BIN)/python -m pytest -q -p no:cacheprovider tests/windows_emulator
	$(call test_tree,$(NEWEST)/ansible-test,$(NEWEST)/collections/ansible_collections/ansible/windows)
	$(call ansible_test,$(NEWEST)/ansible-test,$(NEWEST_BIN),sanity --python 3.13 $(SANITY_SKIP))
	@echo "== newest: passed"

# ------------------------------------------------------------------ locks
# Recompile every lock from requirements/*.in (newest versions that fit), then `make test`; see the README.
# The ansible-core series of each matrix venv is the Makefile's (MATRIX, PY313_CORES); the mutation venv takes
# the main venv's ansible-core and pytest-mock pins.
UV_COMPILE = $(UV) pip compile -q --generate-hashes --custom-compile-command "make lock"
lock: $(UV)
	$(UV_COMPILE) --python-version 3.11 -o $(LOCKS)/uv.txt $(LOCKS)/uv.in
	$(UV_COMPILE) --python-version 3.11 --no-deps -o $(LOCKS)/ansible-package.txt $(LOCKS)/ansible-package.in
	$(UV_COMPILE) --python-version 3.13 --no-deps -o $(LOCKS)/ansible-package-newest.txt $(LOCKS)/ansible-package-newest.in
	$(UV_COMPILE) --python-version 3.11 --no-deps -o $(LOCKS)/ansible-package-oldest.txt $(LOCKS)/ansible-package-oldest.in
	$(UV_COMPILE) --python-version 3.11 -o $(LOCKS)/dev.txt $(LOCKS)/dev.in $(LOCKS)/venv.in
	$(UV_COMPILE) --python-version 3.11 -o $(LOCKS)/importer.txt $(LOCKS)/importer.in $(LOCKS)/venv.in
	sed -n '/^ansible-core==/p; /^pytest-mock==/p' $(LOCKS)/dev.in | $(UV_COMPILE) --python-version 3.11 \
	  -o $(LOCKS)/mutation.txt - $(LOCKS)/units.in $(LOCKS)/mutation.in $(LOCKS)/venv.in
	$(foreach v,$(MATRIX) $(PY313_CORES),echo "ansible-core==$(v).*" | $(UV_COMPILE) --python-version $(call core_pyversion,$(v)) \
	  -o $(LOCKS)/core$(v).txt - $(LOCKS)/units.in $(LOCKS)/venv.in;)

clean:
	rm -rf $(TMP)
