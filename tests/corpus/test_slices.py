# -*- coding: utf-8 -*-
"""Sliced runs (`make corpus`): a 50-host lab reported in 3 slices and merged equals one run over all 50 hosts.

AWX/AAP job slicing and several `--limit` runs each see a part of the fleet; jumpcloud.adi.merge_reports joins
their partial reports. Peer drift is computed over the whole fleet only at the merge, so the merge must give
exactly the report of one run: the same JSON, byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil

from test_corpus import ROOT, demo_lab, playbook, work  # noqa: F401  pylint: disable=unused-import

HOSTS = 50


def big_lab(work):  # noqa: F811
    """The demo lab's five kinds of server, ten of each (the files copied, each host with its own)."""
    lab = os.path.join(work, "slice-lab")
    _path, inv = demo_lab(lab)
    kinds = inv["all"]["children"]["adi_servers"]["hosts"]
    hosts = {}
    for n in range(HOSTS):
        kind = sorted(kinds)[n % len(kinds)]
        hv = dict(kinds[kind])
        for agent in ("import", "sync"):
            src = kinds[kind]["adi_%s_path" % agent]
            dst = os.path.join(lab, "copies", "h%02d" % n, agent, os.path.basename(src))
            if os.path.exists(src) and not os.path.exists(dst):
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(src, dst)
            hv["adi_%s_path" % agent] = dst
        hosts["h%02d" % n] = hv
    inv["all"]["children"]["adi_servers"]["hosts"] = hosts
    path = os.path.join(lab, "inventory-50.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(inv, f)
    return lab, path, sorted(hosts)


def test_three_slices_merged_equal_one_run(work):  # noqa: F811
    lab, inv, names = big_lab(work)
    config = os.path.join(ROOT, "demo", "config.yml")
    for kind, name in (("drift", "drift"), ("review", "review")):
        whole = os.path.join(lab, "whole-" + kind)
        playbook("-i", inv, "-f", "10", "jumpcloud.adi." + name, "-e", "@" + config, "-e", "adi_report_dir=" + whole)
        partials = []
        for s in range(3):
            out = os.path.join(lab, "slice%d-%s" % (s, kind))
            playbook("-i", inv, "-f", "10", "--limit", ",".join(names[s::3]), "jumpcloud.adi." + name,
                     "-e", "@" + config, "-e", "adi_report_dir=" + out)
            partials.append(os.path.join(out, "%s.partial.json" % kind))
            with open(partials[-1], encoding="utf-8") as f:
                assert len(json.load(f)["hosts"]) == len(names[s::3])
        merged = os.path.join(lab, "merged-" + kind)
        playbook("jumpcloud.adi.merge_reports", "-e", "@" + config, "-e", "adi_report_dir=" + merged,
                 "-e", json.dumps({"adi_partial_reports": partials}))
        with open(os.path.join(whole, kind + ".json"), encoding="utf-8") as f:
            expected = f.read()
        with open(os.path.join(merged, kind + ".json"), encoding="utf-8") as f:
            got = f.read()
        assert len(json.loads(expected)["hosts"]) == HOSTS
        assert got == expected
        # the merge's CI gate, given a value the argument spec takes as true ('t'): it fails the run (the adversarial
        # review found `| bool` took 't' as false and turned the gate off)
        report = json.loads(got)
        bad = (report["drifted_hosts"] + report["unreadable_hosts"] if kind == "drift"
               else [h for h, e in report["hosts"].items() if e["risks"]] + report["failed_hosts"])
        assert bad, "the lab gives the gate something to fail on"
        switch = "adi_fail_on_drift" if kind == "drift" else "adi_fail_on_risk"
        gate = playbook("jumpcloud.adi.merge_reports", "-e", "@" + config, "-e", "adi_report_dir=" + merged,
                        "-e", json.dumps({"adi_partial_reports": partials}), "-e", switch + "=t", check=False)
        assert gate.returncode == 2 and "Fail on drift, risk or a host that could not be read" in gate.stdout, \
            gate.stdout[-3000:]
        if kind == "drift":
            # peers are the whole fleet: one slice alone sees other majorities than the merge does
            report = json.loads(got)
            assert report["classes"][0]["hosts"] and report["stats"]["adi_hosts"] == HOSTS
