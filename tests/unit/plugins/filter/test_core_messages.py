# -*- coding: utf-8 -*-
"""What ansible-core prints around the collection's filters, on the core that runs this file.

`make units` runs it on ansible-core 2.19 and `make test-matrix` on 2.16 to the newest core, each through that
core's own ansible-playbook (the one beside the Python running pytest):

- the shipped drift playbook (jumpcloud.adi.drift) prints no deprecation warning. ansible-core 2.21 and 2.22
  warned twice per run ("Instantiating filter/test PluginLoader with aliases is deprecated ... removed from
  ansible-core version 2.25"), from ArgumentSpecValidator's deep copy of the drift_report filter's lazy arguments.
  Deprecation warnings are forced on, so a configuration that hides them cannot pass this;
- a filter's error names the filter once: ansible-core 2.19 and later add "The filter plugin 'NAME' failed: ...".
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from ansible.release import __version__ as CORE

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
LAB_FILES = os.path.join(ROOT, "tests", "integration", "targets", "setup_lab", "files")
BIN = os.path.dirname(sys.executable)


def run(tmp, *args):
    env = dict(os.environ, ANSIBLE_DEPRECATION_WARNINGS="1", ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_NOCOLOR="1",
               ANSIBLE_LOCALHOST_WARNING="0", PWD=str(tmp))
    env.pop("ANSIBLE_CONFIG", None)
    return subprocess.run([os.path.join(BIN, "ansible-playbook")] + list(args), capture_output=True, text=True,
                          env=env, cwd=str(tmp), check=False)


def deprecations(text):
    return [line for line in text.splitlines() if "[DEPRECATION WARNING]" in line]


@pytest.fixture(scope="module")
def drift_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("drift")
    for name in ("jcadimportagent.config.json", "config.json"):
        shutil.copy(os.path.join(LAB_FILES, name), str(tmp / name))
    # dc1 has both agents' files; dc2 has none (reported as without agent, not failed)
    (tmp / "inventory.ini").write_text(
        "[adi_servers]\n"
        "dc1 adi_import_path=%s adi_sync_path=%s\n"
        "dc2 adi_import_path=%s adi_sync_path=%s\n"
        "[adi_servers:vars]\nansible_connection=local\nansible_python_interpreter=%s\n"
        % (tmp / "jcadimportagent.config.json", tmp / "config.json", tmp / "none-import.json", tmp / "none-sync.json",
           sys.executable), encoding="utf-8")
    (tmp / "adi.yml").write_text(json.dumps({"adi_import_settings": {"user_disable_action": "suspend"},
                                             "adi_sync_settings": {"user_disconnection_action": "disable"}}),
                                 encoding="utf-8")
    proc = run(tmp, "-i", "inventory.ini", "jumpcloud.adi.drift", "-e", "@adi.yml", "-e", "adi_report_dir=reports")
    report = tmp / "reports" / "drift.json"
    assert report.exists(), "no report (rc %s):\n%s\n%s" % (proc.returncode, proc.stdout[-3000:], proc.stderr[-3000:])
    return proc, json.loads(report.read_text(encoding="utf-8"))


def test_drift_run_prints_no_deprecation_warning(drift_run):
    proc, report = drift_run
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert deprecations(proc.stdout + proc.stderr) == [], "ansible-core %s" % CORE
    # the run did the filter work that used to warn: both hosts are in the report, the one without files too
    assert sorted(report["hosts"]) == ["dc1", "dc2"]
    assert report["hosts_without_agent"] == ["dc2"]


@pytest.mark.parametrize("filter_call, message", [
    ("{} | jumpcloud.adi.drift_report(baseline={}, deployment='both_ways')",
     "value of deployment must be one of: import_only, sync_only, two_way, got: 'both_ways'"),
    ("{} | jumpcloud.adi.lint_settings('imports')", "value of agent must be one of: import, sync, both, got: 'imports'"),
])
def test_filter_error_names_the_filter_once(tmp_path, filter_call, message):
    name = filter_call.split("jumpcloud.adi.")[1].split("(")[0]
    (tmp_path / "play.yml").write_text(
        "- hosts: localhost\n  gather_facts: false\n  tasks:\n"
        "    - ansible.builtin.debug:\n        msg: \"{{ %s }}\"\n" % filter_call, encoding="utf-8")
    proc = run(tmp_path, "-i", "localhost,", "-c", "local", "play.yml")
    assert proc.returncode == 2
    (failed,) = [line for line in proc.stdout.splitlines() if line.startswith("fatal: [localhost]")]
    msg = json.loads(failed.split("=> ", 1)[1])["msg"]
    assert message in msg
    assert msg.count("jumpcloud.adi.%s" % name) == 1, msg
    assert deprecations(proc.stdout + proc.stderr) == []
