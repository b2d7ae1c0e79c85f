# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: the worst-case time of reading an agent file (the file layer's scan), per input size up to 1 MiB.

    PYTHONPATH=.tmp/collections .tmp/venv/bin/python bench/scan_worst_case.py [--repeat 3] [--sizes 16 64 256 1024]

For each size (KiB) every family of pathological text below is built at that size and read by
``_document.Document`` (decoding, the nesting scan, json.loads, the span scanner, and the message when the text
is refused). The median of ``--repeat`` runs is taken per family, in CPU seconds of this process (the machine is
shared, so wall time also counts the others' work; it is printed beside). The family with the most CPU time is the
size's worst case. A linear scan takes 4x the time at 4x the size (the last column); the quadratic scan this replaced
took 0.45 s at 8 KiB and 7.4 s at 32 KiB on the issue's open string of escaped quotes. Prints figures; asserts
nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time

from ansible_collections.jumpcloud.adi.plugins.plugin_utils._document import MAX_DEPTH, Document
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import DocumentError

HEAD = '{"MainLoop": {"UserDisableAction": "suspend"}, "Note": '


def repeat_to(size, head, unit, tail):
    """head + unit repeated + tail, at most ``size`` bytes."""
    count = max(0, (size - len(head) - len(tail)) // len(unit))
    return (head + unit * count + tail).encode("utf-8")[:size]


def families(size):
    """(name, bytes) pairs of pathological texts of about ``size`` bytes."""
    deep = "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2)  # under the object and the array: 200 levels in all
    return [
        ("open string of escaped quotes (the issue's)", repeat_to(size, HEAD + '"', '\\"', "")),
        ("closed string of escaped quotes", repeat_to(size, HEAD + '"', '\\"', '"}')),
        ("bare quotes", b'"' * size),
        ("open string of backslashes", repeat_to(size, HEAD + '"', "\\\\", "\\")),
        ("open string of \\u escapes", repeat_to(size, HEAD + '"', "\\u00e9", "")),
        ("array of empty strings", repeat_to(size, HEAD + '["",', '"",', '""]}')),
        ("array of zeros", repeat_to(size, HEAD + "[0", ",0", "]}")),
        ("object of many members", ("{" + ",".join('"k%07d":0' % i for i in range(size // 13)) + "}").encode()),
        ("members with escaped keys", ("{" + ",".join('"\\u006b%07d":0' % i for i in range(size // 19)) + "}").encode()),
        ("200 levels deep, repeated", repeat_to(size, HEAD + "[" + deep, "," + deep, "]}")),
        ("201 deep, at the end", repeat_to(size, HEAD + '"', "a", '", "x": ' + "[" * (MAX_DEPTH + 1))),
        ("brackets inside one string", repeat_to(size, HEAD + '"', "[{", '"}')),
        ("one long string", repeat_to(size, HEAD + '"', "a", '"}')),
        ("lone surrogate escapes", repeat_to(size, HEAD + '"', "\\ud800", '"}')),
        ("huge exponents", repeat_to(size, HEAD + "[1e999999999999999999", ",1e999999999999999999", "]}")),
        ("one number of all digits", repeat_to(size, HEAD, "1", "}")),
        ("huge exponent at the end", repeat_to(size, HEAD + "[0", ",0", ",0.4e0066999999999999999999]}")),
        ("NaN at the end", repeat_to(size, HEAD + "[0", ",0", ",NaN]}")),
        ("comment at the end", repeat_to(size, HEAD + "[0", ",0", "] // note\n}")),
        ("trailing comma after many blanks", repeat_to(size, HEAD + "[0,", " ", "]}")),
        ("duplicate key at the end", repeat_to(size, HEAD + '"', "a", '", "Note": 0}')),
        ("many lines, error at the end", repeat_to(size, HEAD + "[0", ",\r\n0", ",]}")),
        ("NUL byte at the end", repeat_to(size - 1, HEAD + '"', "a", '"}') + b"\x00"),
        ("UTF-16 LE without BOM", repeat_to(size // 2, HEAD + "[0", ",0", "]}").decode().encode("utf-16-le")),
    ]


def measure(raw, repeat):
    """(median CPU seconds, median wall seconds, outcome) of reading ``raw``."""
    cpu, wall = [], []
    outcome = "read"
    for _attempt in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            Document(raw, "bench.json")
        except DocumentError as exc:
            outcome = "refused: " + str(exc).split(": ", 1)[0].replace("bench.json ", "")[:40]
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return statistics.median(cpu), statistics.median(wall), outcome


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[16, 64, 256, 1024], help="sizes in KiB")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="print every family's time, not only the worst")
    args = parser.parse_args(argv)
    cores = len(os.sched_getaffinity(0))
    print("machine: %s, Python %s, %d core(s)" % (platform.machine(), platform.python_version(), cores))
    if args.all:
        print("| KiB | family | bytes | CPU s | wall s | result |")
        print("|---|---|---|---|---|---|")
    worst = []
    for kib in args.sizes:
        rows = []
        for name, raw in families(kib * 1024):
            seconds, wall, outcome = measure(raw, args.repeat)
            rows.append((seconds, name, wall))
            if args.all:
                print("| %d | %s | %d | %.4f | %.4f | %s |" % (kib, name, len(raw), seconds, wall, outcome))
        worst.append((kib, max(rows)))
    print()
    print("| size | worst family | CPU s | wall s | CPU us per KiB | x previous size |")
    print("|---|---|---|---|---|---|")
    previous = None
    for kib, (seconds, name, wall) in worst:
        ratio = "" if previous is None else "%.2f (size x%.0f)" % (seconds / previous[1], kib / previous[0])
        print("| %d KiB | %s | %.4f | %.4f | %.0f | %s |" % (kib, name, seconds, wall, seconds / kib * 1e6, ratio))
        previous = (kib, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
