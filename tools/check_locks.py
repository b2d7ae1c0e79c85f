# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check that each venv holds exactly what its lock pins (`pip freeze --all` against requirements/*.txt).

    python tools/check_locks.py <venv dir>=<lock file> [...]

A venv built from a lock must not gain, lose or change a package afterwards (a test run that pip-installs into
it, a hand-made install): what CI tests is then no longer what the lock says.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;=\\][^\s;\\]*)")


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lines, strict=False):
    """name -> version of the `name==version` lines; with strict, any other requirement line (`name @ url`, `-e`,
    `name===version`) is kept as a name of its own, so that it never passes as locked."""
    found = {}
    for line in lines:
        line = line.strip()
        match = PIN.match(line)
        if match:
            found[normalize(match.group(1))] = match.group(2)
        elif strict and line and not line.startswith("#"):
            found["not a pinned release: " + line] = "?"
    return found


def compare(venv, lock):
    with open(lock, encoding="utf-8") as handle:
        wanted = pins(handle)
    try:
        frozen = subprocess.run([venv + "/bin/python", "-m", "pip", "freeze", "--all"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        print("%s: cannot list its packages (%s)" % (venv, exc))
        return False
    have = pins(frozen.stdout.splitlines(), strict=True)
    problems = []
    for name in sorted(set(wanted) | set(have)):
        if wanted.get(name) != have.get(name):
            problems.append("  %s: lock %s, venv %s" % (name, wanted.get(name, "-"), have.get(name, "-")))
    print("%s: %d packages, %s" % (venv, len(have), "as locked in " + lock if not problems else "DIFFERS from " + lock))
    for problem in problems:
        print(problem)
    return not problems


def main(pairs):
    if not pairs or any("=" not in pair for pair in pairs):
        print("usage: check_locks.py <venv dir>=<lock file> [...]")
        return 2
    results = []
    for venv, lock in (pair.split("=", 1) for pair in pairs):
        if not os.path.isfile(lock):
            print("%s: no lock file %s" % (venv, lock))
            results.append(False)
            continue
        results.append(compare(venv, lock))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
