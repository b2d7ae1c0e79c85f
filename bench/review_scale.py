# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: the change review of one change over 1,000 and 5,000 hosts: build time, render time, sizes.

    PYTHONPATH=.tmp/collections .tmp/venv/bin/python bench/review_scale.py [--sizes 1000 5000] [--diff]

The fleet of a real rollout review: each host's two files are planned for real (AgentFile.plan, the engine's
impact, as the config modules do in check mode) for the change UserDisableAction suspend -> remove and
user_disconnection_action disable -> remove. Most hosts get that identical change; about 5% already have
UserDisableAction remove (only the sync change), about 5% have no sync agent, about 0.5% could not be planned.
With --diff each result carries its masked diff (a review run with --diff). Prints the number of sections
(host groups) and the size of each format; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog, _render, _report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._agent_file import AgentFile
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._config_task import impact

BEFORE = {"import": {"user_disable_action": "suspend", "user_expire_action": "expire"},
          "sync": {"user_disconnection_action": "disable", "membership_disconnection": "remove"}}
CHANGE = {"import": {"user_disable_action": "remove"}, "sync": {"user_disconnection_action": "remove"}}


def planned(agent, settings, diff):
    """What import/sync_agent_config returns in check mode for a file holding ``settings`` and the change."""
    keyed = {catalog.by_name(agent)[k].key: v for k, v in settings.items()}
    data = {"MainLoop": keyed} if agent == "import" else keyed
    path = "C:\\Program Files\\JumpCloud\\%s.json" % agent
    before = AgentFile(agent, json.dumps(data, indent=2).encode(), path)
    plan = before.plan(CHANGE[agent], [])
    result = {"changed": plan.changed, "path": path, "changes": plan.changes, "settings": plan.after.settings(),
              "findings": plan.after.findings("two_way"),
              "impact": impact(agent, before.parsed, plan.after.parsed, "two_way") if plan.changes else []}
    if diff and plan.changed:
        result["diff"] = {"before": before.masked_text(), "after": plan.after.masked_text(),
                          "before_header": path, "after_header": path}
    return result


def fleet(n, rng, diff):
    standard = {a: planned(a, BEFORE[a], diff) for a in catalog.AGENTS}
    removing = dict(standard, **{"import": planned("import", dict(BEFORE["import"], user_disable_action="remove"),
                                                   diff)})
    missing = {"missing": True, "path": "C:\\Program Files\\JumpCloud\\sync.json", "msg": "the sync agent is not "
               "installed (no file, no service)"}
    failed = {"failed": True, "path": "C:\\Program Files\\JumpCloud\\import.json", "msg": "C:\\Program Files\\JumpCloud"
              "\\import.json is not valid JSON: Expecting ',' delimiter (line 9, column 5)"}
    hosts = {}
    for i in range(n):
        h = dict(removing if rng.random() < 0.05 else standard)
        if rng.random() < 0.05:
            h["sync"] = missing
        if rng.random() < 0.005:
            h["import"] = failed
        hosts["dc%05d.corp%d.example" % (i, i % 3)] = h
    return hosts


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--diff", action="store_true")
    args = parser.parse_args(argv)
    print("machine: %s, Python %s%s" % (platform.machine(), platform.python_version(), ", with diffs" if args.diff else ""))
    print("| hosts | build s | render s (json, md, html) | sections | json bytes | md bytes | html bytes |")
    print("|---|---|---|---|---|---|---|")
    for n in args.sizes:
        hosts = fleet(n, random.Random(n), args.diff)
        start = time.perf_counter()
        report = _report.review(hosts)
        built = time.perf_counter() - start
        sizes, times = [], []
        for fmt in ("json", "markdown", "html"):
            start = time.perf_counter()
            text = _render.render(report, fmt)
            times.append(time.perf_counter() - start)
            sizes.append(len(text.encode("utf-8")))
            if fmt == "markdown":
                sections = text.count("\n## ")
        rendered = ", ".join("%.2f" % t for t in times)
        print("| %d | %.2f | %s | %d | %d | %d | %d |" % (n, built, rendered, sections, sizes[0], sizes[1], sizes[2]),
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
