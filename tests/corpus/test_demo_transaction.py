# -*- coding: utf-8 -*-
"""The demo's rollout on the POSIX lab: a host is changed whole or not at all (`make corpus`).

dc04's old sync agent refuses the new file when it starts (demo/lab.py). Vendor document, "Configuration Settings
Outcomes in a Two-way Sync > Key Considerations for 2-Way Sync": SyncAccountLockedOutStatus should be alike in both
agents' files; a rollout that kept dc04's import file changed and its sync file restored leaves them unlike. dc04 must
end with both files byte-identical to before and both services running, as before the run.
"""

from __future__ import annotations

import json
import os

from test_corpus import ROOT, demo_lab, playbook, work  # noqa: F401  pylint: disable=unused-import

BENCH_CONNECTIONS = os.path.join(ROOT, "bench", "connection_plugins")


def snapshot(inv):
    out = {}
    for host, hv in inv["all"]["children"]["adi_servers"]["hosts"].items():
        files = {}
        for agent in ("import", "sync"):
            path = hv["adi_%s_path" % agent]
            if os.path.exists(path):
                with open(path, "rb") as f:
                    files[agent] = f.read()
        state = hv["adi_posix_service_command"][-1]
        services = sorted(n for n in os.listdir(state) if n.endswith(".state"))
        out[host] = (files, services)
    return out


def test_demo_rollout_rolls_dc04_back_whole(work):
    lab = os.path.join(work, "demo-transaction")
    path, inv = demo_lab(lab)
    before = snapshot(inv)
    counts = os.path.join(work, "counts.jsonl")
    for host in inv["all"]["children"]["adi_servers"]["hosts"].values():
        host["ansible_connection"] = "counting_local"
    with open(path, "w", encoding="utf-8") as f:
        json.dump(inv, f)
    env = dict(os.environ, ANSIBLE_CONNECTION_PLUGINS=BENCH_CONNECTIONS, ADI_COUNT_FILE=counts)
    proc = playbook("-i", path, "jumpcloud.adi.rollout", "-e", "@" + os.path.join(ROOT, "demo", "config.yml"),
                    env=env, check=False)
    assert proc.returncode == 2, proc.stdout[-3000:]
    after = snapshot(inv)
    # dc04: both files byte-identical (the import file had been written, and started on), both services running
    assert after["dc04"] == before["dc04"]
    assert after["dc04"][1] == ["JCADImportAgent.state", "JCADSyncAgent_DC.state"]
    assert "fatal: [dc04]" in proc.stdout and "the host is as it was before the run" in proc.stdout
    # the other hosts got the change: dc01 both files, dc02 nothing (already as wanted)
    assert after["dc01"][0]["import"] != before["dc01"][0]["import"] and after["dc01"][0]["sync"] != before["dc01"][0]["sync"]
    assert after["dc02"] == before["dc02"]
    # the one task per host in words: the impact as the reports say it (Import Agent Settings > UserDisableAction)
    assert "When an AD account is disabled: the JumpCloud account is deleted (before: suspended)." in proc.stdout
    # module executions on a host changing both files: 2 reads, 2 stops, 2 lost-update reads, 2 x (stat + copy),
    # 2 starts, 2 status checks after the settle time
    per_host = {}
    with open(counts, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            if e["op"] == "put_file" and e.get("module"):
                per_host[e["host"]] = per_host.get(e["host"], 0) + 1
    assert per_host["dc01"] == 14, per_host
