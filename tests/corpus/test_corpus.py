# -*- coding: utf-8 -*-
"""The bad-input and fault corpus (`make corpus`, part of `make test`).

Every case runs through the real modules with ansible-playbook on localhost. Each bad input must
fail with a clear message naming the problem, and leave the file byte-identical (sha256 before and
after). Faults: a write killed at random moments, a folder the run cannot write, two rollouts at once.
Secrets: every plugin and role at -vvvv --diff, and every report format, must not show one.
The last test prints the counts (cases tried, files damaged).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest
import yaml

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._agent_file import AgentFile

import cases as corpus  # tests/corpus/cases.py, beside this file

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BIN = os.path.dirname(sys.executable)
COUNTS = {"cases": 0, "damaged": 0}


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def playbook(*args, env=None, check=True):
    cmd = [os.path.join(BIN, "ansible-playbook")] + list(args)
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if check and proc.returncode:
        raise AssertionError("%s failed:\n%s\n%s" % (" ".join(cmd), proc.stdout[-4000:], proc.stderr[-4000:]))
    return proc


def inventory(work, python=sys.executable):
    path = os.path.join(work, "inventory.ini")
    with open(path, "w", encoding="utf-8") as f:
        f.write("localhost ansible_connection=local ansible_python_interpreter=%s\n" % python)
    return path


def _children():
    """{parent pid: [child pids]} of every process, from /proc."""
    kids = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open("/proc/%s/stat" % name, encoding="utf-8", errors="replace") as f:
                    stat = f.read()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            kids.setdefault(ppid, []).append(int(name))
    return kids


def _cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def _tree(root):
    """The process and its descendants, whatever their session (ansible-core's worker calls setsid)."""
    kids, todo, found = _children(), [root], []
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(kids.get(pid, []))
    return found


def kill_tree(root):
    """SIGKILL a process and all its descendants, whatever their session; return {pid: command line} killed.

    The tree is frozen first (SIGSTOP until no new descendant appears), so that no process escapes to init
    between the listing and the kill; then every process is killed and reaped or waited for.
    """
    frozen = {}
    while True:
        new = [pid for pid in _tree(root) if pid not in frozen]
        if not new:
            break
        for pid in new:
            frozen[pid] = _cmdline(pid)
            try:
                os.kill(pid, signal.SIGSTOP)
            except ProcessLookupError:
                pass
    for pid in frozen:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    deadline = time.time() + 30
    while time.time() < deadline and any(os.path.exists("/proc/%d" % pid) and _state(pid) != "Z"
                                         for pid in frozen if pid != root):
        time.sleep(0.05)
    return frozen


def _state(pid):
    try:
        with open("/proc/%d/stat" % pid, encoding="utf-8", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def demo_lab(folder):
    """The demo lab (demo/lab.py) built in folder: its inventory's path and the inventory."""
    subprocess.run([sys.executable, os.path.join(ROOT, "demo", "lab.py"), folder, sys.executable], check=True,
                   capture_output=True)
    path = os.path.join(folder, "inventory.json")
    with open(path, encoding="utf-8") as f:
        return path, json.load(f)


@pytest.fixture(scope="module")
def work():
    d = tempfile.mkdtemp(prefix="adi-corpus-")
    yield d
    subprocess.run(["chattr", "-R", "-i", d], capture_output=True, check=False)
    shutil.rmtree(d, ignore_errors=True)


def test_bad_files_and_bad_options_fail_clearly_and_damage_nothing(work):
    imp, syn = corpus.samples()
    manifest = []
    good = {"import": corpus.windows(imp), "sync": corpus.windows(syn, False)}
    for case_id, agent, data, expected, setting in corpus.bad_files():
        path = os.path.join(work, "file-" + case_id + ".json")
        with open(path, "wb") as f:
            f.write(data)
        if setting is None:
            setting = [s for s in catalog.settings_of(agent) if s.choices][0]
        # a value the sample does not hold: on a good file the run would write, so "unchanged" can fail
        current = str(AgentFile(agent, good[agent], path).settings().get(setting.name)).lower()
        value = [c for c in setting.choices if c.lower() != current][0]
        assert AgentFile(agent, good[agent], path).plan({setting.name: value}, []).changed, case_id
        manifest.append({"id": case_id, "agent": agent, "path": path, "args": {setting.name: value},
                         "expect": expected})
    for case_id, agent, args, expected in corpus.bad_options():
        path = os.path.join(work, "option-" + case_id + ".json")
        with open(path, "wb") as f:
            f.write(corpus.windows(imp) if agent == "import" else corpus.windows(syn, False))
        manifest.append({"id": case_id, "agent": agent, "path": path, "args": args, "expect": expected})
    before = {c["id"]: sha(c["path"]) for c in manifest}
    manifest_path = os.path.join(work, "manifest.json")
    results_path = os.path.join(work, "results.json")
    with open(manifest_path, "w", encoding="utf-8") as f:
        json.dump(manifest, f)
    playbook("-i", inventory(work), os.path.join(HERE, "run_cases.yml"), "-e", "manifest_path=" + manifest_path,
             "-e", "results_path=" + results_path)
    with open(results_path, encoding="utf-8") as f:
        results = {r["item"]["id"]: r for r in json.load(f)}
    problems = []
    for c in manifest:
        COUNTS["cases"] += 1
        r = results[c["id"]]
        if sha(c["path"]) != before[c["id"]]:
            COUNTS["damaged"] += 1
            problems.append("%s: the file changed" % c["id"])
        if not r.get("failed"):
            problems.append("%s: did not fail" % c["id"])
        elif c["expect"] not in r.get("msg", ""):
            problems.append("%s: message %r does not say %r" % (c["id"], r.get("msg"), c["expect"]))
        for secret in corpus.SECRETS:  # the loop item holds the case's own arguments: not ours to check
            if secret in json.dumps({k: v for k, v in r.items() if k != "item"}):
                problems.append("%s: a secret is in the result" % c["id"])
    assert not problems, "\n".join(problems)
    assert len(manifest) >= 60


def test_handled_shapes_symlink_and_missing_section(work):
    """Not errors, by design: a symlinked file is edited through the link; a missing MainLoop is created."""
    imp, _syn = corpus.samples()
    target = os.path.join(work, "real.json")
    link = os.path.join(work, "link.json")
    with open(target, "wb") as f:
        f.write(corpus.windows(imp))
    os.symlink(target, link)
    nomain = os.path.join(work, "nomain.json")
    with open(nomain, "wb") as f:
        f.write(corpus.windows('{\n  "JumpCloud": {"ApiKey": "%s"}\n}\n' % corpus.SECRETS[0]))
    pb = os.path.join(work, "handled.yml")
    with open(pb, "w", encoding="utf-8") as f:
        f.write("""
- hosts: localhost
  gather_facts: false
  tasks:
    - jumpcloud.adi.import_agent_config: {path: %s, user_disable_action: suspend}
    - jumpcloud.adi.import_agent_config: {path: %s, user_disable_action: suspend}
""" % (link, nomain))
    playbook("-i", inventory(work), pb)
    COUNTS["cases"] += 2
    assert os.path.islink(link)
    assert AgentFile("import", open(target, "rb").read(), target).settings()["user_disable_action"] == "suspend"
    after = open(nomain, "rb").read()
    assert after.startswith(b"\xef\xbb\xbf") and b'"MainLoop": {\r\n    "UserDisableAction": "suspend"\r\n  }' in after


def _left_in(folder):
    """Files left under a remote tmp folder (the copy of the new file sent for a write holds the file's secrets)."""
    return [os.path.join(d, n) for d, _dirs, names in os.walk(folder) for n in names]


def test_read_only_file_and_unwritable_folder_fail_clearly(work):
    """An immutable file (chattr +i), and an immutable folder: even root cannot write them (CI runs as root).
    Neither a failed write nor a good one leaves the copy it sent behind in the remote tmp folder."""
    imp, _syn = corpus.samples()
    cases = []
    for name in ("ro-file", "locked-folder", "writable"):
        folder = os.path.join(work, name)
        os.makedirs(folder)
        path = os.path.join(folder, "jcadimportagent.config.json")
        with open(path, "wb") as f:
            f.write(corpus.windows(imp))
        if name != "writable":
            subprocess.run(["chattr", "+i", path if name == "ro-file" else folder], check=True)
        cases.append(path)
    for path in cases:
        before = sha(path)
        pb = os.path.join(work, "perm.yml")
        with open(pb, "w", encoding="utf-8") as f:
            f.write("- hosts: localhost\n  gather_facts: false\n  tasks:\n"
                    "    - jumpcloud.adi.import_agent_config: {path: '%s', user_disable_action: remove}\n" % path)
        remote_tmp = tempfile.mkdtemp(prefix="remote-tmp-", dir=work)
        proc = playbook("-i", inventory(work), pb, check=False,
                        env=dict(os.environ, ANSIBLE_REMOTE_TMP=remote_tmp, ANSIBLE_PIPELINING="0"))
        COUNTS["cases"] += 1
        out = proc.stdout + proc.stderr
        assert _left_in(remote_tmp) == [], path
        if path.startswith(os.path.join(work, "writable")):
            assert proc.returncode == 0, out[-3000:]
            assert sha(path) != before
            continue
        if sha(path) != before:
            COUNTS["damaged"] += 1
        assert proc.returncode != 0, out[-3000:]
        assert "cannot write %s" % path in out, out[-3000:]
        assert sha(path) == before
        assert corpus.SECRETS[0] not in out


def test_killed_writes_leave_old_or_new_bytes_never_a_partial_file(work):
    imp, _syn = corpus.samples()
    original = corpus.windows(imp)
    path = os.path.join(work, "killed", "jcadimportagent.config.json")
    os.makedirs(os.path.dirname(path))
    pb = os.path.join(work, "killed.yml")
    with open(pb, "w", encoding="utf-8") as f:
        f.write("- hosts: localhost\n  gather_facts: false\n  tasks:\n"
                "    - jumpcloud.adi.import_agent_config: {path: '%s', user_disable_action: unbind, backup: true}\n"
                % path)
    expected = AgentFile("import", original, path).plan({"user_disable_action": "unbind"}, []).after.doc.raw
    rng = random.Random(4242)
    outcomes = {"old": 0, "new": 0, "killed while the write ran": 0}
    folder = os.path.dirname(path)
    for _trial in range(12):
        for name in os.listdir(folder):  # each trial starts with the original file alone
            os.remove(os.path.join(folder, name))
        with open(path, "wb") as f:
            f.write(original)
        proc = subprocess.Popen([os.path.join(BIN, "ansible-playbook"), "-i", inventory(work), pb],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        if _trial % 2:
            time.sleep(rng.uniform(0.5, 3.0))  # anywhere in the run
        else:  # while the write runs: once the copy module's process is seen, at a random moment of its life
            deadline = time.time() + 60
            while time.time() < deadline and proc.poll() is None and not any(
                    "AnsiballZ_copy" in _cmdline(pid) for pid in _tree(proc.pid)):
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.3))
        # the controller, its worker (ansible-core's worker calls setsid, so killpg misses it) and the module the
        # worker runs, at a random moment; the module must not finish after the next trial has reset the folder
        tree = kill_tree(proc.pid)
        proc.wait()
        if any("AnsiballZ_copy" in cmd for cmd in tree.values()):
            outcomes["killed while the write ran"] += 1
        with open(path, "rb") as f:
            now = f.read()
        COUNTS["cases"] += 1
        backups = [os.path.join(folder, n) for n in os.listdir(folder) if n.endswith("~")]
        if now == original:
            outcomes["old"] += 1  # killed before the rename (a backup copy may have been cut short: no harm)
        elif now == expected:
            outcomes["new"] += 1
            # the write happened, so its backup was complete first: it holds the original bytes
            assert any(open(b, "rb").read() == original for b in backups), "no intact backup of the original"
        else:
            COUNTS["damaged"] += 1
            pytest.fail("a killed run left a partial file (%d bytes)" % len(now))
    print("killed writes: %s" % outcomes)
    # the kills must hit the module, or "old or new bytes" proves nothing about a write cut short
    assert outcomes["killed while the write ran"] >= 3, outcomes


def test_two_rollouts_at_once_leave_one_intended_result(work):
    imp, _syn = corpus.samples()
    original = corpus.windows(imp)
    path = os.path.join(work, "race", "jcadimportagent.config.json")
    os.makedirs(os.path.dirname(path))
    books = []
    for value in ("suspend", "unbind"):
        pb = os.path.join(work, "race-%s.yml" % value)
        with open(pb, "w", encoding="utf-8") as f:
            f.write("- hosts: localhost\n  gather_facts: false\n  tasks:\n"
                    "    - jumpcloud.adi.import_agent_config: {path: '%s', user_disable_action: %s}\n" % (path, value))
        books.append(pb)
    intended = {AgentFile("import", original, path).plan({"user_disable_action": v}, []).after.doc.raw
                for v in ("suspend", "unbind")}
    seen = set()
    for _trial in range(5):
        with open(path, "wb") as f:
            f.write(original)
        procs = [subprocess.Popen([os.path.join(BIN, "ansible-playbook"), "-i", inventory(work), pb],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for pb in books]
        for p in procs:
            p.wait()
        now = open(path, "rb").read()
        COUNTS["cases"] += 1
        if now not in intended:
            COUNTS["damaged"] += 1
        assert now in intended
        seen.add(AgentFile("import", now, path).settings()["user_disable_action"])
    print("concurrent rollouts ended with: %s" % sorted(seen))


def test_no_secret_at_full_verbosity_in_any_plugin_role_or_report(work):
    lab = os.path.join(work, "lab")
    demo_lab(lab)
    reports = os.path.join(lab, "reports")
    config = os.path.join(ROOT, "demo", "config.yml")
    outputs = []
    # the demo lab: dc04's old sync agent refuses the new file, so only the rollout fails (exit 2), on dc04 alone;
    # a playbook that failed early would show no secret because it showed nothing
    for name, rc in (("review", 0), ("rollout", 2), ("drift", 0)):
        proc = playbook("-vvvv", "--diff", "-i", os.path.join(lab, "inventory.json"), "jumpcloud.adi." + name,
                        "-e", "@" + config, "-e", "adi_report_dir=" + reports, check=False)
        outputs.append(proc.stdout + proc.stderr)
        assert proc.returncode == rc, (name, proc.returncode, proc.stdout[-3000:])
        recap = proc.stdout[proc.stdout.rindex("PLAY RECAP"):]
        failed = sorted(line.split()[0] for line in recap.splitlines()[1:] if "failed=" in line
                        and "failed=0" not in line)
        assert failed == (["dc04"] if name == "rollout" else []), (name, recap)
    every = os.path.join(work, "every_plugin.yml")
    with open(every, "w", encoding="utf-8") as f:
        f.write("""
- hosts: dc01
  gather_facts: false
  tasks:
    - jumpcloud.adi.agent_config_info:
        import_path: "{{ adi_import_path }}"
        sync_path: "{{ adi_sync_path }}"
      register: info
    - jumpcloud.adi.import_agent_config: {path: "{{ adi_import_path }}", user_takeover_action: deactivate}
      check_mode: true
    - jumpcloud.adi.sync_agent_config: {path: "{{ adi_sync_path }}", group_disconnection_action: remove}
      check_mode: true
    - ansible.builtin.slurp: {src: "{{ adi_sync_path }}"}
      register: raw
      no_log: true
    - ansible.builtin.debug:
        msg:
          - "{{ raw.content | b64decode | from_json | jumpcloud.adi.lint_settings('sync') }}"
          - "{{ raw.content | b64decode | from_json | jumpcloud.adi.effective_settings('sync') }}"
          - "{{ info.import.settings | jumpcloud.adi.upgrade_import_settings }}"
          - "{{ lookup('jumpcloud.adi.outcomes', import_settings=info.import.settings, sync_settings=info.sync.settings) }}"
""")
    proc = playbook("-vvvv", "--diff", "-i", os.path.join(lab, "inventory.json"), every, check=False)
    outputs.append(proc.stdout + proc.stderr)
    assert proc.returncode == 0, proc.stdout[-3000:]
    for name in sorted(os.listdir(reports)):
        with open(os.path.join(reports, name), encoding="utf-8") as f:
            outputs.append(f.read())
    COUNTS["cases"] += len(outputs)
    for text in outputs:
        for secret in corpus.SECRETS:
            assert secret not in text
    # review and drift, in json, md and html, and each one's partial report for a sliced run
    assert sorted(os.listdir(reports)) == sorted(name + ext for name in ("review", "drift")
                                                 for ext in (".json", ".md", ".html", ".partial.json"))


def test_zz_counts():
    print("\ncorpus: %d cases tried, %d files damaged" % (COUNTS["cases"], COUNTS["damaged"]))
    assert COUNTS["damaged"] == 0


def _rollout_in_order(work, name, order, drop):
    """The demo lab with its hosts in this order, rolled out with the demo's configuration less the keys in drop
    (so that the playbook's defaults apply); the recap's hosts and, per host, every file's sha256 and mtime before
    and after (the agents' files and their services' state files)."""
    lab = os.path.join(work, name)
    inv_path, inv = demo_lab(lab)
    hosts = inv["all"]["children"]["adi_servers"]["hosts"]
    inv["all"]["children"]["adi_servers"]["hosts"] = {h: hosts[h] for h in order}
    with open(inv_path, "w", encoding="utf-8") as f:
        json.dump(inv, f)

    def state(host):
        seen = {}
        for folder, _dirs, names in os.walk(os.path.join(lab, host)):
            for n in names:
                p = os.path.join(folder, n)
                seen[p] = (sha(p), os.stat(p).st_mtime_ns)
        assert seen
        return seen

    before = {h: state(h) for h in order}
    with open(os.path.join(ROOT, "demo", "config.yml"), encoding="utf-8") as f:
        config = {k: v for k, v in yaml.safe_load(f).items() if k not in drop}
    assert "adi_import_settings" in config
    proc = playbook("-i", inv_path, "jumpcloud.adi.rollout", "-e", json.dumps(config), check=False)
    COUNTS["cases"] += 1
    assert proc.returncode == 2, proc.stdout[-3000:]
    recap = proc.stdout[proc.stdout.rindex("PLAY RECAP"):]
    ran = [line.split()[0] for line in recap.splitlines()[1:] if line.strip()]
    return ran, recap, before, {h: state(h) for h in order}


def test_a_failed_canary_stops_the_later_batches(work):
    """The collection playbook's defaults (docs/workflows.md): serial [1, "25%"] runs one host first; when it fails,
    no other host's file or service is touched. The demo lab's dc04, whose old sync agent refuses the new file,
    goes first here."""
    ran, recap, before, after = _rollout_in_order(work, "canary", ["dc04", "dc01", "dc02", "dc03", "dc05"],
                                                  ("adi_serial", "adi_max_fail_percentage"))
    assert ran == ["dc04"] and "failed=1" in recap, recap
    assert all(after[h] == before[h] for h in ("dc01", "dc02", "dc03", "dc05"))


def test_a_failure_in_a_batch_stops_the_later_batches(work):
    """max_fail_percentage 0 (the playbook's default): a host failing in a batch of three stops the play before the
    next batch, though the other two succeed (Ansible stops on its own only when a whole batch fails)."""
    ran, recap, before, after = _rollout_in_order(work, "batches", ["dc02", "dc04", "dc01", "dc03", "dc05"],
                                                  ("adi_max_fail_percentage",))  # the demo's serial: [1, 3, 1]
    assert "dc05" not in ran and "dc04" in ran, recap
    assert after["dc05"] == before["dc05"], "the batch after the failure was touched"
