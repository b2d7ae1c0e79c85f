# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Module executions and connection round trips per host and per workflow: review, rollout, drift.

    make bench-executions   (or: PYTHONPATH=.tmp/collections python bench/executions.py [--root TREE])

POSIX: the demo lab (demo/lab.py, five hosts, demo/config.yml) through the collection's playbooks, with a
counting wrapper around the local connection (bench/connection_plugins/counting_local.py): every exec_command,
put_file and fetch_file, and the module each AnsiballZ upload runs. The rollout runs twice: the second run has
nothing left to change. Windows: one emulated host (tests/windows_emulator, dc-ok, paths found by discovery)
through the emulator's playbooks; its trace logs every command the connection receives (a module, a tmp dir made or
removed), every upload and download.

--root runs another tree of the collection (for example `git archive` of an older commit, in a folder
ansible_collections/jumpcloud/adi beside ansible/windows) with this script's counting wrapper: the before figures.
Prints a table; asserts nothing (the counts are asserted by the role_rollout integration target and the
emulated-Windows tests).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BIN = os.path.dirname(sys.executable)


def _collections_path(root):
    # root is .../ansible_collections/jumpcloud/adi (a link or a copy): its collections path is three levels up
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(root))))


def posix(root, work):
    lab = os.path.join(work, "lab")
    subprocess.run([sys.executable, os.path.join(root, "demo", "lab.py"), lab, sys.executable], check=True,
                   stdout=subprocess.DEVNULL)
    counts = os.path.join(work, "counts.jsonl")
    env = dict(os.environ, ANSIBLE_CONNECTION_PLUGINS=os.path.join(HERE, "connection_plugins"),
               ADI_COUNT_FILE=counts, ANSIBLE_COLLECTIONS_PATH=_collections_path(root), ANSIBLE_RETRY_FILES_ENABLED="0")
    out = {}
    for label, name in (("review", "review"), ("rollout", "rollout"), ("rollout, nothing to change", "rollout"),
                        ("drift", "drift")):
        if os.path.exists(counts):
            os.remove(counts)
        subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", os.path.join(lab, "inventory.json"),
                        "jumpcloud.adi." + name, "-e", "@" + os.path.join(root, "demo", "config.yml"),
                        "-e", "adi_report_dir=" + os.path.join(work, "reports"),
                        "-e", "ansible_connection=counting_local"],
                       env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        per_host = collections.defaultdict(list)
        with open(counts, encoding="utf-8") as f:
            for line in f:
                e = json.loads(line)
                per_host[e["host"]].append(e)
        out[label] = {h: summary(entries, "posix") for h, entries in sorted(per_host.items())}
    return out


def windows(root, work):
    emu = os.path.join(root, "tests", "windows_emulator")
    sys.path.insert(0, emu)
    sys.path.insert(0, os.path.join(root, "tests", "corpus"))
    import fleet  # pylint: disable=import-outside-toplevel,import-error
    hosts_root = os.path.join(work, "winemu")
    inventory = fleet.build(hosts_root, ["dc-ok"])
    trace = os.path.join(hosts_root, "dc-ok", ".emu", "trace.jsonl")
    env = dict(os.environ, ADI_WINEMU_ROOT=hosts_root, ADI_WINEMU_RESULTS=os.path.join(work, "winemu-results.json"),
               ANSIBLE_CONNECTION_PLUGINS=os.path.join(emu, "connection_plugins"),
               ANSIBLE_CALLBACK_PLUGINS=os.path.join(emu, "callback_plugins"),
               ANSIBLE_CALLBACKS_ENABLED="winemu_results", ANSIBLE_COLLECTIONS_PATH=_collections_path(root),
               ANSIBLE_RETRY_FILES_ENABLED="0")
    out = {}
    for label, name in (("review", "review"), ("rollout", "rollout"), ("rollout, nothing to change", "rollout"),
                        ("drift", "drift")):
        start = _lines(trace)
        subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", inventory,
                        os.path.join(emu, "playbooks", name + ".yml"), "-e", "adi_report_dir=" + os.path.join(work, "r")],
                       env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(trace, encoding="utf-8") as f:
            entries = [json.loads(line) for line in f][start:]
        out[label] = {"dc-ok (emulated)": summary(entries, "windows")}
    return out


def _lines(path):
    if not os.path.exists(path):
        return 0
    with open(path, encoding="utf-8") as f:
        return len(f.readlines())


def summary(entries, kind):
    if kind == "posix":
        modules = [e["module"] for e in entries if e["op"] == "put_file" and e.get("module")]
        return {"modules": modules, "exec_command": sum(e["op"] == "exec_command" for e in entries),
                "put_file": sum(e["op"] == "put_file" for e in entries),
                "fetch_file": sum(e["op"] == "fetch_file" for e in entries)}
    modules = [e["module"].split(".")[-1] + (" " + (e["args"].get("_copy_mode") or e["args"].get("state") or "")).rstrip()
               for e in entries if e["op"] == "module"]
    return {"modules": modules, "exec_command": sum(e["op"] not in ("put_file", "fetch_file") for e in entries),
            "put_file": sum(e["op"] == "put_file" for e in entries),
            "fetch_file": sum(e["op"] == "fetch_file" for e in entries)}


def table(title, results):
    print("\n%s\n" % title)
    print("| workflow | host | module executions | exec_command | put_file | fetch_file | modules |")
    print("|---|---|---|---|---|---|---|")
    for workflow, hosts in results.items():
        for h, s in hosts.items():
            cells = (workflow, h, len(s["modules"]), s["exec_command"], s["put_file"], s["fetch_file"],
                     " ".join(s["modules"]))
            print("| %s | %s | %d | %d | %d | %d | %s |" % cells)


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=ROOT, help="the collection tree to run (default: this one)")
    parser.add_argument("--skip-windows", action="store_true")
    args = parser.parse_args(argv)
    work = tempfile.mkdtemp(prefix="adi-executions-")
    try:
        table("POSIX lab (demo/lab.py, demo/config.yml; paths given)", posix(args.root, work))
        if not args.skip_windows:
            table("Emulated Windows host (tests/windows_emulator, dc-ok; paths found by discovery)",
                  windows(args.root, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
