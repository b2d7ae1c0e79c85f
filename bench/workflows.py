# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: the collection's review, rollout and drift playbooks against the same job done the usual way.

    make bench-workflows
    PYTHONPATH=.tmp/collections python bench/workflows.py [--sizes 10 50] [--repeat 3] [--floor]

For each size, a lab of local hosts (each with both agent files laid out as Windows writes them, and stand-in
services: tests/integration/targets/setup_lab/files/fake_service.py) gets, in the same run and alternating,
jumpcloud.adi.review / .rollout / .drift (demo/config.yml's settings, the rollout with adi_serial 100%: no canary,
as the naive playbook has none) and bench/playbooks/naive_workflow.yml (slurp both files, combine, compare; for a
rollout stop, copy, start, read back). Every host changes both files in a rollout; each rollout gets a fresh lab.
Wall time is the median of the repetitions; module executions per host are counted with the counting wrapper of
the local connection (bench/connection_plugins). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MATERIAL = os.path.join(ROOT, "tests", "integration", "targets", "setup_lab", "files")
BIN = os.path.dirname(sys.executable)
SERVICES = {"import": "JCADImportAgent", "sync": "JCADSyncAgent_DC"}
# --floor: per workflow, the playbooks that bound what any design on the same modules can gain (bench/playbooks)
FLOORS = {"review": {"floor": "floor_read.yml"}, "drift": {"floor": "floor_read.yml"},
          "rollout": {"floor": "floor_rollout.yml", "planned floor": "floor_planned_rollout.yml"}}


def _agent_key(agent, name):
    from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog  # pylint: disable=import-outside-toplevel
    return catalog.find(agent, name).key


def lay_out(work, n, config):
    """n hosts like the demo's dc01 (an upgraded import agent: both files change); the inventory."""
    with open(os.path.join(MATERIAL, "jcadimportagent.config.json"), encoding="utf-8") as f:
        imp = f.read().replace('"UserDissociateAction": "remove",',
                               '"UserDissociateAction": "remove",\n    "UserDisableAction": "remove",', 1)
    with open(os.path.join(MATERIAL, "config.json"), encoding="utf-8") as f:
        syn = f.read()
    shutil.rmtree(work, ignore_errors=True)
    hosts = {}
    for i in range(n):
        host = "dc%03d" % i
        base = os.path.join(work, host)
        state = os.path.join(base, "services")
        os.makedirs(state)
        paths = {"import": os.path.join(base, "jcadimportagent.config.json"), "sync": os.path.join(base, "config.json")}
        for agent, text, bom in (("import", imp, True), ("sync", syn, False)):
            with open(paths[agent], "wb") as f:
                f.write((b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", "\r\n").encode("utf-8"))
            with open(os.path.join(state, SERVICES[agent] + ".conf.json"), "w", encoding="utf-8") as f:
                json.dump({"config": paths[agent]}, f)
            with open(os.path.join(state, SERVICES[agent] + ".state"), "w", encoding="utf-8") as f:
                f.write("running\n")
        hostvars = {"ansible_connection": "counting_local", "ansible_python_interpreter": sys.executable,
                    "adi_posix_service_command": [sys.executable, os.path.join(MATERIAL, "fake_service.py"), state]}
        for agent in ("import", "sync"):  # the playbooks map adi_<agent>_path to each role's <role>_<agent>_path
            hostvars["adi_%s_path" % agent] = paths[agent]
        hosts[host] = hostvars
    fleet_vars = {
        # the naive playbook's desired keys, by the catalog's agent keys (demo/config.yml's settings)
        "desired_import_keys": {_agent_key("import", k): v for k, v in config["adi_import_settings"].items()},
        "desired_sync_keys": {_agent_key("sync", k): v for k, v in config["adi_sync_settings"].items()},
    }
    inventory = os.path.join(work, "inventory.json")
    with open(inventory, "w", encoding="utf-8") as f:
        groups = {"adi_servers": {"hosts": hosts}, "fleet": {"hosts": {h: {} for h in hosts}, "vars": fleet_vars}}
        json.dump({"all": {"children": groups}}, f)
    return inventory


def run(work, inventory, cmd_tail):
    counts = os.path.join(work, "..", "counts.jsonl")
    if os.path.exists(counts):
        os.remove(counts)
    env = dict(os.environ, ANSIBLE_CONNECTION_PLUGINS=os.path.join(HERE, "connection_plugins"),
               ADI_COUNT_FILE=counts, ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_NOCOLOR="1")
    cmd = [os.path.join(BIN, "ansible-playbook"), "-i", inventory, "-f", "10"] + cmd_tail
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-2000:])
        raise SystemExit("bench: %s failed (exit %d)" % (" ".join(cmd_tail), proc.returncode))
    per_host = collections.Counter()
    with open(counts, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            if e["op"] == "put_file" and e.get("module") and e["host"].startswith("dc"):
                per_host[e["host"]] += 1
    return elapsed, per_host


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--floor", action="store_true",
                        help="also run the floors: bench/playbooks/floor_read.yml (the two reads alone) for the review "
                             "and the drift; floor_rollout.yml (stop, copy, start: no read, no check) and "
                             "floor_planned_rollout.yml (the two reads, then stop, copy, start) for the rollout")
    args = parser.parse_args(argv)
    config_file = os.path.join(ROOT, "demo", "config.yml")
    with open(config_file, encoding="utf-8") as f:
        config = yaml.safe_load(f)
    top = tempfile.mkdtemp(prefix="adi-workflows-")
    ours_common = ["-e", "@" + config_file, "-e", "adi_report_dir=" + os.path.join(top, "reports"),
                   "-e", '{"adi_serial": ["100%"]}']
    print("machine: %s, %d cores, Python %s" % (platform.platform(), os.cpu_count(), platform.python_version()))
    rows = []
    floors = []
    try:
        for n in args.sizes:
            work = os.path.join(top, "lab")
            times = collections.defaultdict(list)
            execs = {}
            for _rep in range(args.repeat):
                for workflow in ("review", "rollout", "drift"):
                    for impl in ("ours", "naive") + (tuple(FLOORS[workflow]) if args.floor else ()):
                        inventory = lay_out(work, n, config)  # a fresh lab: every host changes both files
                        if impl == "ours":
                            tail = ["jumpcloud.adi." + workflow] + ours_common
                        elif impl in FLOORS[workflow]:
                            tail = [os.path.join(HERE, "playbooks", FLOORS[workflow][impl])]
                        else:
                            tail = [os.path.join(HERE, "playbooks", "naive_workflow.yml"), "-e", "mode=" + workflow]
                        elapsed, per_host = run(work, inventory, tail)
                        times[(workflow, impl)].append(elapsed)
                        execs[(workflow, impl)] = sorted(set(per_host.values()))
            for workflow in ("review", "rollout", "drift"):
                ours, naive = (statistics.median(times[(workflow, i)]) for i in ("ours", "naive"))
                rows.append((n, workflow, execs[(workflow, "ours")], execs[(workflow, "naive")], ours, naive))
                print("%d hosts %s: ours %.1fs, naive %.1fs" % (n, workflow, ours, naive), flush=True)
                for impl in FLOORS[workflow]:
                    if times[(workflow, impl)]:
                        floor = statistics.median(times[(workflow, impl)])
                        floors.append((n, workflow, FLOORS[workflow][impl], execs[(workflow, impl)], floor, naive))
                        print("%d hosts %s: %s %.1fs" % (n, workflow, impl, floor), flush=True)
    finally:
        shutil.rmtree(top, ignore_errors=True)
    print("\n| hosts | workflow | executions per host (ours) | executions per host (naive) | ours (s) | naive (s) "
          "| naive / ours |")
    print("|---|---|---|---|---|---|---|")
    for n, workflow, eo, en, ours, naive in rows:
        cells = (n, workflow, "/".join(map(str, eo)), "/".join(map(str, en)), ours, naive, naive / ours)
        print("| %d | %s | %s | %s | %.1f | %.1f | %.2f |" % cells)
    if floors:
        print("\n| hosts | workflow | floor playbook | executions per host | floor (s) | naive (s) | naive / floor |")
        print("|---|---|---|---|---|---|---|")
        for n, workflow, book, ef, floor, naive in floors:
            print("| %d | %s | %s | %s | %.1f | %.1f | %.2f |"
                  % (n, workflow, book, "/".join(map(str, ef)), floor, naive, naive / floor))
    print("\nmedian of %d runs, forks 10, same run; command: python bench/workflows.py %s"
          % (args.repeat, " ".join(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
