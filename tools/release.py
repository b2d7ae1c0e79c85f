# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write a release's changelog (CHANGELOG.rst and changelogs/changelog.yaml) with antsibull-changelog.

    python tools/release.py [--date YYYY-MM-DD]

The version is galaxy.yml's. Its fragment, changelogs/fragments/release_<version>.yml, must exist and hold the
release_summary. Run it on the tree that is released (after the last merge), then commit what it wrote and removed.

The first release (changelog.yaml without releases) is the collection as users first get it: its entry is the
release fragment (what the collection does) and the plugins, modules, roles and playbooks it brings. The other
fragments describe changes made during development, to a collection nobody had installed yet; they are removed
unread, as antsibull-changelog removes the fragments it used (keep_fragments: false). Later releases use every
fragment.

Prints the sections of the new entry; exits non-zero when anything is wrong (nothing is written then, except what
antsibull-changelog itself wrote before failing).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHANGELOGS = os.path.join(ROOT, "changelogs")
FRAGMENTS = os.path.join(CHANGELOGS, "fragments")
BIN = os.path.dirname(sys.executable)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def fail(message):
    print("release: FAILED: %s" % message)
    sys.exit(1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--date", help="release date (default: today)")
    args = parser.parse_args(argv)

    version = str(load(os.path.join(ROOT, "galaxy.yml"))["version"])
    own = "release_%s.yml" % version
    if not os.path.exists(os.path.join(FRAGMENTS, own)):
        fail("no changelogs/fragments/%s (its release_summary opens the entry)" % own)
    if "release_summary" not in (load(os.path.join(FRAGMENTS, own)) or {}):
        fail("changelogs/fragments/%s has no release_summary" % own)
    changes = load(os.path.join(CHANGELOGS, "changelog.yaml")) or {}
    releases = changes.get("releases") or {}
    if version in releases:
        fail("%s is already released (changelogs/changelog.yaml)" % version)

    lint = subprocess.run([os.path.join(BIN, "antsibull-changelog"), "lint"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    if lint.returncode or lint.stdout.strip():
        fail("antsibull-changelog lint:\n%s%s" % (lint.stdout, lint.stderr))

    if not releases:
        development = sorted(f for f in os.listdir(FRAGMENTS) if f.endswith((".yml", ".yaml")) and f != own)
        for name in development:
            os.remove(os.path.join(FRAGMENTS, name))
        print("release: first release: %d development fragments removed unread, %s kept" % (len(development), own))

    cmd = [os.path.join(BIN, "antsibull-changelog"), "release", "--version", version, "--reload-plugins"]
    if args.date:
        cmd += ["--date", args.date]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode:
        fail("%s:\n%s%s" % (" ".join(cmd), proc.stdout, proc.stderr))

    entry = load(os.path.join(CHANGELOGS, "changelog.yaml"))["releases"][version]
    for section, items in sorted(entry.get("changes", {}).items()):
        print("release: %s %s: %s" % (version, section, 1 if isinstance(items, str) else len(items)))
    for kind, items in sorted(entry.get("modules", {}) and {"modules": entry["modules"]}.items()):
        print("release: %s new %s: %s" % (version, kind, ", ".join(m["name"] for m in items)))
    for kind, items in sorted(entry.get("plugins", {}).items()):
        print("release: %s new %s plugins: %s" % (version, kind, ", ".join(p["name"] for p in items)))
    for kind, items in sorted(entry.get("objects", {}).items()):
        print("release: %s new %ss: %s" % (version, kind, ", ".join(p["name"] for p in items)))
    left = [f for f in os.listdir(FRAGMENTS) if f.endswith((".yml", ".yaml"))]
    if left:
        fail("fragments left after the release: %s" % ", ".join(sorted(left)))
    print("release: wrote CHANGELOG.rst and changelogs/changelog.yaml for %s; commit them with the removed fragments"
          % version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
