# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run ansible-doc on every plugin and role of an installed jumpcloud.adi, failing on any that does not render.

    python tools/doc_check.py <installed collection dir>

ansible-doc exits 0 with a warning for a plugin it cannot find, so this checks the JSON it prints, and fails on
anything ansible-doc says on stderr: its own warnings and errors, and Python warnings raised from this collection's
files. A Python warning another library raises from its own files (cryptography's deprecations, for one) says
nothing about our plugins: it is printed, marked as such, and does not fail the check.
"""

from __future__ import annotations

import glob
import json
import os
import re
import subprocess
import sys


def plugins(root):
    for path in sorted(glob.glob(os.path.join(root, "plugins", "modules", "*.py"))):
        yield "module", os.path.basename(path)[:-3]
    for path in sorted(glob.glob(os.path.join(root, "plugins", "filter", "*.yml"))):
        yield "filter", os.path.basename(path)[:-4]
    for path in sorted(glob.glob(os.path.join(root, "plugins", "lookup", "*.py"))):
        yield "lookup", os.path.basename(path)[:-3]
    for path in sorted(glob.glob(os.path.join(root, "roles", "*", "meta", "argument_specs.yml"))):
        yield "role", path.split(os.sep)[-3]


# "<file>:<line>: <Category>Warning: <message>", then the source line(s) it quotes, indented.
PYTHON_WARNING = re.compile(r"^(?P<file>.+?):\d+: (?P<category>\w+Warning): ")


def split_stderr(stderr, root):
    """(lines about our plugins, lines about other libraries) of ansible-doc's stderr."""
    ours, others = [], []
    target = ours
    root = os.path.realpath(root) + os.sep
    for line in stderr.splitlines():
        match = PYTHON_WARNING.match(line)
        if match:
            about_us = os.path.realpath(match.group("file")).startswith(root) or "/ansible_collections/jumpcloud/adi/" in line
            target = ours if about_us else others
        elif not line.startswith((" ", "\t")):
            target = ours
        if line.strip():
            target.append(line)
    return ours, others


def main(root):
    failed = []
    count = 0
    last_others = None
    for kind, name in plugins(root):
        fqcn = "jumpcloud.adi." + name
        proc = subprocess.run(["ansible-doc", "-t", kind, "--json", fqcn], capture_output=True, text=True, check=False)
        docs = {}
        if proc.returncode == 0:
            try:
                docs = json.loads(proc.stdout or "{}")
            except ValueError:
                docs = {}
        ours, others = split_stderr(proc.stderr, root)
        ok = bool(docs.get(fqcn)) and not ours
        count += 1
        print("ansible-doc -t %-6s %-45s %s" % (kind, fqcn, "ok" if ok else "FAILED"))
        if others and others != last_others:
            print("  (not about jumpcloud.adi, not counted: another library's warning)\n  " + "\n  ".join(others))
        last_others = others
        if not ok:
            failed.append(fqcn)
            sys.stderr.write("\n".join(ours) + "\n")
        # the text rendering must work too (it is what people read)
        if ok and subprocess.run(["ansible-doc", "-t", kind, fqcn], capture_output=True, check=False).returncode != 0:
            failed.append(fqcn + " (text)")
    print("%d plugins and roles documented, %d failed" % (count, len(failed)))
    return 1 if failed or not count else 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or not os.path.isfile(os.path.join(sys.argv[1], "MANIFEST.json")):
        sys.exit("usage: doc_check.py <installed collection dir> (the folder holding MANIFEST.json; it must come first "
                 "on ANSIBLE_COLLECTIONS_PATH, as `make doc-check` puts it)")
    sys.exit(main(sys.argv[1]))
