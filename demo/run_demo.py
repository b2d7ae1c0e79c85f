# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make demo`: build the lab, then review -> rollout -> drift report, and say what happened.

    python demo/run_demo.py LAB_DIR

Runs the collection's own playbooks (jumpcloud.adi.review, .rollout, .drift) with ansible-playbook
from the same virtualenv, against the lab inventory, with demo/config.yml as the vars file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def playbook(lab, name, expect_failure=False):
    bindir = os.path.dirname(sys.executable)
    cmd = [os.path.join(bindir, "ansible-playbook"), "-i", os.path.join(lab, "inventory.json"),
           "jumpcloud.adi.%s" % name, "-e", "@" + os.path.join(HERE, "config.yml"),
           "-e", "adi_report_dir=" + os.path.join(lab, "reports")]
    print("\n$ " + " ".join(cmd), flush=True)
    proc = subprocess.run(cmd, check=False)
    if proc.returncode and not expect_failure:
        raise SystemExit("demo: %s failed (exit %d)" % (name, proc.returncode))
    return proc.returncode


def main(lab):
    lab = os.path.abspath(lab)
    subprocess.run([sys.executable, os.path.join(HERE, "lab.py"), lab, sys.executable], check=True)
    playbook(lab, "review")
    with open(os.path.join(lab, "reports", "review.json"), encoding="utf-8") as f:
        review = json.load(f)
    # dc04's old sync agent refuses the new file: its rollout fails and is rolled back (exit 2 expected)
    rollout_rc = playbook(lab, "rollout", expect_failure=True)
    playbook(lab, "drift")
    with open(os.path.join(lab, "reports", "drift.json"), encoding="utf-8") as f:
        drift = json.load(f)
    risky = [h for h, e in review["hosts"].items() if "DELETES_JC_USER_ON_AD_DISABLE" in e["risks"]]
    print("\n" + "=" * 100)
    print("Change review:  %s" % review["summary"])
    print("                %s" % os.path.join(lab, "reports", "review.html"))
    print("                would start deleting JumpCloud users on AD disable: %s" % (", ".join(risky) or "none"))
    failed_note = " (a host failed and was rolled back; see above)" if rollout_rc else ""
    print("Rollout:        exit %d%s" % (rollout_rc, failed_note))
    print("Drift report:   %s" % drift["summary"])
    print("                drifted: %s; without an agent: %s" % (
        ", ".join(drift["drifted_hosts"]) or "none", ", ".join(drift["hosts_without_agent"]) or "none"))
    for c in drift.get("classes", []):
        print("                configuration %s: %d host(s) (%s)%s" % (
            c["label"], len(c["hosts"]), ", ".join(c["hosts"]), " - " + ", ".join(c["risks"]) if c["risks"] else ""))
    print("                %s (configurations side by side, current values per host)"
          % os.path.join(lab, "reports", "drift.html"))
    print("=" * 100)
    # the current values, configuration by configuration, as the Markdown report has them
    with open(os.path.join(lab, "reports", "drift.md"), encoding="utf-8") as f:
        markdown = f.read()
    section = markdown.split("\n## Configurations\n", 1)[-1].split("\n## ", 1)[0]
    print("Current values by configuration (drift.md):" + section.rstrip())
    print("=" * 100)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "lab"))
