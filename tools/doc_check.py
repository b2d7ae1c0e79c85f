# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run ansible-doc on every plugin and role of an installed jumpcloud.adi, failing on any that does not render.

    python tools/doc_check.py <installed collection dir>

ansible-doc exits 0 with a warning for a plugin it cannot find, so this checks the JSON it prints.
"""

from __future__ import annotations

import glob
import json
import os
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


def main(root):
    failed = []
    count = 0
    for kind, name in plugins(root):
        fqcn = "jumpcloud.adi." + name
        proc = subprocess.run(["ansible-doc", "-t", kind, "--json", fqcn], capture_output=True, text=True, check=False)
        docs = {}
        if proc.returncode == 0:
            try:
                docs = json.loads(proc.stdout or "{}")
            except ValueError:
                docs = {}
        ok = bool(docs.get(fqcn)) and not proc.stderr.strip()
        count += 1
        print("ansible-doc -t %-6s %-45s %s" % (kind, fqcn, "ok" if ok else "FAILED"))
        if not ok:
            failed.append(fqcn)
            sys.stderr.write(proc.stderr)
        # the text rendering must work too (it is what people read)
        if ok and subprocess.run(["ansible-doc", "-t", kind, fqcn], capture_output=True, check=False).returncode != 0:
            failed.append(fqcn + " (text)")
    print("%d plugins and roles documented, %d failed" % (count, len(failed)))
    return 1 if failed or not count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
