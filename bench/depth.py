# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: planning, verifying and masking an edit, by nesting depth and by file size.

    make bench            (or: PYTHONPATH=.tmp/collections python bench/depth.py)

The import agent's file gets an unknown section nested 1, 10, 100 and 1,000 levels deep (objects in
objects), and then a 10 MB file (an unknown section holding a long array of objects). For each, the time
of the whole in-memory work of one task: parse, plan the change of UserDisableAction (which verifies that
nothing else changed), and the masked diff text. Depth beyond the file layer's limit (200 levels) is
refused with its line: the time shown is the time to refuse. The modules refuse files over 1 MiB before
parsing; this script lifts that limit to measure the engine itself. Prints figures; asserts nothing.
"""

from __future__ import annotations

import platform
import statistics
import sys
import time

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _document
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._agent_file import AgentFile
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import DocumentError


def nested(depth):
    return ('{"MainLoop": {"UserDisableAction": "suspend"}, "Deep": %s"x"%s}'
            % ('{"a": ' * depth, "}" * depth)).encode()


def large(size):
    item = '{"name": "user%06d", "pwd": "Secret-%06d", "groups": ["a", "b", 3]}'
    items = []
    total = 0
    n = 0
    while total < size:
        items.append(item % (n, n))
        total += len(items[-1]) + 2
        n += 1
    return ('{\r\n  "MainLoop": {\r\n    "UserDisableAction": "suspend"\r\n  },\r\n  "Users": [\r\n    %s\r\n  ]\r\n}\r\n'
            % ",\r\n    ".join(items)).encode()


def one_task(raw):
    f = AgentFile("import", raw, "bench.json")
    plan = f.plan({"user_disable_action": "remove"}, [])
    f.masked_text()
    plan.after.masked_text()
    return plan.changed


def measure(raw, repeat):
    times = []
    outcome = None
    for _attempt in range(repeat):
        start = time.perf_counter()
        try:
            outcome = "edited" if one_task(raw) else "unchanged"
        except DocumentError as exc:
            outcome = "refused: " + str(exc).split(";", maxsplit=1)[0]
        times.append(time.perf_counter() - start)
    return statistics.median(times), outcome


def main():
    cores = len(__import__("os").sched_getaffinity(0))
    print("machine: %s, Python %s, %s core(s)" % (platform.machine(), platform.python_version(), cores))
    print("| case | bytes | median seconds | result |")
    print("|---|---|---|---|")
    for depth in (1, 10, 100, 1000):
        raw = nested(depth)
        seconds, outcome = measure(raw, 5)
        print("| %d levels | %d | %.4f | %s |" % (depth, len(raw), seconds, outcome))
    _document.MAX_BYTES = 64 * 1024 * 1024
    for size in (1024 * 1024, 10 * 1024 * 1024):
        raw = large(size)
        seconds, outcome = measure(raw, 3)
        print("| %.0f MB file | %d | %.3f | %s |" % (size / 1024 / 1024, len(raw), seconds, outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main())
