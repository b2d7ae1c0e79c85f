# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: build and render the drift and review reports for 100, 1,000 and 5,000 synthetic hosts.

    make bench            (or: PYTHONPATH=.tmp/collections python bench/report_scale.py [--html-dir DIR])

A realistic mix: most hosts share the standard configuration, about a quarter keep UserTakeoverAction retain and
5% group_membership_sync_type match (settings the baseline leaves open), about 1% drift on a risky setting, about 0.5% have a broken
file, and one in 20 has no sync agent. Prints the build time, the render time and the size of each format;
asserts nothing. With --html-dir the 5,000-host HTML pages are kept there (for a look in a browser).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _render, _report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._agent_file import AgentFile

BASE_IMPORT = {"user_disable_action": "remove", "user_dissociation_action": "remove", "user_expire_action": "expire",
               "sync_account_locked_out_status": True}
BASE_SYNC = {"user_disconnection_action": "disable", "membership_disconnection": "remove",
             "sync_account_locked_out_status": True}


def info(agent, settings):
    """What agent_config_info returns for a file holding ``settings`` (parsed for real, once per variant)."""
    import json
    from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
    keyed = {catalog.by_name(agent)[k].key: v for k, v in settings.items()}  # the agent's own keys, as in a file
    data = {"MainLoop": keyed} if agent == "import" else keyed
    f = AgentFile(agent, json.dumps(data, indent=2).encode(), "C:\\ADI\\%s.json" % agent)
    return {"exists": True, "status": "ok", "path": f.path, "settings": f.settings(), "sha256": f.doc.sha256,
            "effective": f.effective("two_way"), "findings": f.findings("two_way")}


def fleet(n, rng):
    variants = {
        "standard": (info("import", BASE_IMPORT), info("sync", BASE_SYNC)),
        # settings the baseline does not name: a configuration of its own, no drift from the baseline
        "takeover": (info("import", dict(BASE_IMPORT, user_takeover_action="retain")), info("sync", BASE_SYNC)),
        "match": (info("import", BASE_IMPORT), info("sync", dict(BASE_SYNC, group_membership_sync_type="match"))),
        "drifted": (info("import", dict(BASE_IMPORT, user_disable_action="suspend")),
                    info("sync", dict(BASE_SYNC, user_disconnection_action="remove"))),
    }
    broken = {"exists": True, "status": "unparsable", "path": "C:\\ADI\\import.json",
              "error": "C:\\ADI\\import.json is not valid JSON: Expecting ',' delimiter (line 9, column 5)"}
    missing = {"exists": False, "status": "missing", "path": "C:\\ADI\\sync.json"}
    hosts = {}
    for i in range(n):
        roll = rng.random()
        kind = "drifted" if roll < 0.01 else "match" if roll < 0.06 else "takeover" if roll < 0.30 else "standard"
        imp, syn = variants[kind]
        if rng.random() < 0.005:
            imp = broken
        if rng.random() < 0.05:
            syn = missing
        hosts["dc%05d.corp%d.example" % (i, i % 3)] = {"domain": "corp%d" % (i % 3), "import": imp, "sync": syn}
    return hosts


def review_fleet(hosts):
    out = {}
    for host, h in hosts.items():
        out[host] = {}
        for agent in ("import", "sync"):
            e = h[agent]
            if e.get("status") == "missing":
                out[host][agent] = {"missing": True, "path": e["path"], "msg": "not installed"}
            elif e.get("status") != "ok":
                out[host][agent] = {"failed": True, "path": e["path"], "msg": e["error"]}
            else:
                out[host][agent] = {"changed": False, "path": e["path"], "changes": [], "impact": [], "findings": []}
    return out


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--html-dir")
    args = parser.parse_args(argv)
    print("machine: %s, Python %s" % (platform.machine(), platform.python_version()))
    print("| hosts | report | build s | render s (json, md, html) | json bytes | md bytes | html bytes | classes |")
    print("|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        hosts = fleet(n, random.Random(n))
        for kind in ("drift", "review"):
            start = time.perf_counter()
            if kind == "drift":
                report = _report.drift(hosts, {"import": BASE_IMPORT, "sync": BASE_SYNC}, "two_way")
            else:
                report = _report.review(review_fleet(hosts))
            built = time.perf_counter() - start
            sizes, times = [], []
            for fmt in ("json", "markdown", "html"):
                start = time.perf_counter()
                text = _render.render(report, fmt)
                times.append(time.perf_counter() - start)
                sizes.append(len(text.encode("utf-8")))
                if fmt == "html" and args.html_dir and n == max(args.sizes):
                    os.makedirs(args.html_dir, exist_ok=True)
                    with open(os.path.join(args.html_dir, "%s-%d.html" % (kind, n)), "w", encoding="utf-8") as f:
                        f.write(text)
            print("| %d | %s | %.2f | %s | %d | %d | %d | %s |" % (
                n, kind, built, ", ".join("%.2f" % t for t in times), sizes[0], sizes[1], sizes[2],
                len(report.get("classes", [])) if kind == "drift" else "-"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
