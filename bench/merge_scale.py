# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: the jumpcloud.adi.merge_reports playbook over 1,000, 4,000 and 8,000 hosts' partial drift reports.

    ANSIBLE_COLLECTIONS_PATH=$PWD/.tmp/collections PYTHONPATH=.tmp/collections .tmp/venv/bin/python bench/merge_scale.py

The fleet of bench/report_scale.py (most hosts share the standard configuration, a few drift, a few have a broken
file or no sync agent), cut into --slices partial drift reports (drift.partial.json, as the drift role writes
them). Prints, per size: the whole playbook's wall time (ansible-playbook, reading the partials and writing the
JSON, Markdown and HTML reports), and the merge_reports filter's own time (check + join + build, in-process).
Wall and CPU seconds: on a shared machine the CPU time is the figure that does not move with the load. Asserts
nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time

import ansible

from ansible_collections.jumpcloud.adi.plugins.filter.merge import merge_reports

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report_scale import BASE_IMPORT, BASE_SYNC, fleet  # noqa: E402  pylint: disable=wrong-import-position

BASELINE = {"import": BASE_IMPORT, "sync": BASE_SYNC}


def partials(n, slices):
    hosts = fleet(n, random.Random(n))
    names = sorted(hosts)
    return [{"kind": "drift-partial", "deployment": "two_way", "title": "JumpCloud ADI drift report",
             "baseline": BASELINE, "hosts": {h: hosts[h] for h in names[s::slices]}} for s in range(slices)]


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 8000])
    parser.add_argument("--slices", type=int, default=4)
    parser.add_argument("--filter-only", action="store_true", help="time the filter only, not the playbook")
    args = parser.parse_args(argv)
    playbook = os.path.join(os.environ.get("ADI_BIN", os.path.dirname(sys.executable)), "ansible-playbook")
    print("machine: %s, %d cores, Python %s, ansible-core %s"
          % (platform.machine(), os.cpu_count(), platform.python_version(), ansible.__version__))
    print("| hosts | partials | playbook s (read, merge, write json+md+html; wall, CPU) | filter s (wall, CPU) | "
          "report json bytes |")
    print("|---|---|---|---|---|")
    for n in args.sizes:
        parts = partials(n, args.slices)
        start, cpu = time.perf_counter(), time.process_time()
        report = merge_reports(parts)
        filtered, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert report["stats"]["adi_hosts"] == n
        if args.filter_only:
            print("| %d | %d | - | %.2f, %.2f | - |" % (n, args.slices, filtered, cpu), flush=True)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for s, p in enumerate(parts):
                paths.append(os.path.join(tmp, "slice%d" % s, "drift.partial.json"))
                os.makedirs(os.path.dirname(paths[-1]))
                with open(paths[-1], "w", encoding="utf-8") as f:
                    json.dump(p, f)
            out = os.path.join(tmp, "merged")
            start, children = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            run = subprocess.run([playbook, "jumpcloud.adi.merge_reports", "-e", "adi_report_dir=" + out,
                                  "-e", json.dumps({"adi_partial_reports": paths})],
                                 cwd=tmp, capture_output=True, text=True, check=False)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            pcpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
            if run.returncode != 0:
                print(run.stdout[-3000:], run.stderr[-3000:], file=sys.stderr)
                return 1
            size = os.path.getsize(os.path.join(out, "drift.json"))
        print("| %d | %d | %.1f, %.1f | %.2f, %.2f | %d |" % (n, args.slices, wall, pcpu, filtered, cpu, size),
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
