# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check the collection's execution-environment support without a container engine (`make build`).

    python tools/check_ee.py INSTALLED SCRATCH [--cores 2.16 2.17 ...]

INSTALLED is a collections path with the built tarball installed (INSTALLED/ansible_collections/jumpcloud/adi).

1. `ansible-builder introspect` of INSTALLED lists every Python and system requirement of
   meta/execution-environment.yml, as coming from jumpcloud.adi (what ansible-builder adds to any EE that holds the
   collection);
2. `ansible-builder create` of examples/execution-environment/ writes a build context whose base image is pinned
   to a named release line (not :latest), whose ansible-core is the oldest supported one (meta/runtime.yml) or newer,
   with no upper bound, and whose collections come from Galaxy (no git URL);
3. the same definition with ansible-core pinned to each series of --cores also passes `ansible-builder create`.

Prints one line per check; exits non-zero on the first failure.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "execution-environment")
BUILDER = os.path.join(os.path.dirname(sys.executable), "ansible-builder")


def fail(message):
    print("check_ee: FAILED: %s" % message)
    sys.exit(1)


def requirement_lines(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return [line.split("#")[0].strip() for line in f if line.split("#")[0].strip()]


def builder(*args):
    proc = subprocess.run([BUILDER] + list(args), capture_output=True, text=True, check=False)
    if proc.returncode:
        fail("ansible-builder %s:\n%s%s" % (" ".join(args), proc.stdout, proc.stderr))
    return proc.stdout


def build_args(context):
    with open(os.path.join(context, "Dockerfile"), encoding="utf-8") as f:
        return dict(re.findall(r'^ARG (\w+)="(.*)"$', f.read(), re.M))


def check_introspect(installed):
    with open(os.path.join(ROOT, "meta", "execution-environment.yml"), encoding="utf-8") as f:
        deps = yaml.safe_load(f)["dependencies"]
    out = yaml.safe_load(builder("introspect", "--sanitize", installed).split("---", 1)[1])
    for kind in ("python", "system"):
        listed = out.get(kind) or []
        for req in requirement_lines(deps[kind]):
            if "%s  # from collection jumpcloud.adi" % req not in listed:
                fail("introspect does not list %s requirement %r of jumpcloud.adi: %s" % (kind, req, listed))
        print("check_ee: introspect lists %d %s requirements of jumpcloud.adi (%s)"
              % (len(requirement_lines(deps[kind])), kind, deps[kind]))


def check_example(scratch, cores):
    with open(os.path.join(ROOT, "meta", "runtime.yml"), encoding="utf-8") as f:
        oldest = re.match(r">=\s*(\d+\.\d+)", yaml.safe_load(f)["requires_ansible"]).group(1)
    definition = os.path.join(EXAMPLE, "execution-environment.yml")
    context = os.path.join(scratch, "example")
    builder("create", "-f", definition, "-c", context)
    args = build_args(context)
    base = args["EE_BASE_IMAGE"]
    if ":" not in base or base.endswith(":latest"):
        fail("the base image %s names no release line" % base)
    if args["ANSIBLE_INSTALL_REFS"].split()[0] != "ansible-core>=%s" % oldest:
        fail("ansible-core is %r, not the oldest supported (%s) or newer" % (args["ANSIBLE_INSTALL_REFS"], oldest))
    with open(os.path.join(context, "_build", "requirements.yml"), encoding="utf-8") as f:
        collections = yaml.safe_load(f)["collections"]
    names = {c["name"]: c for c in collections}
    if "jumpcloud.adi" not in names or any("source" in c or "type" in c for c in collections):
        fail("the example's collections are not all from Galaxy: %s" % collections)
    print("check_ee: create %s: base %s, %s, collections %s"
          % (os.path.relpath(definition, ROOT), base, args["ANSIBLE_INSTALL_REFS"], ", ".join(sorted(names))))
    with open(definition, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    for core in cores:
        variant = os.path.join(scratch, "core%s" % core)
        os.makedirs(variant)
        for name in os.listdir(EXAMPLE):
            shutil.copy(os.path.join(EXAMPLE, name), variant)
        data["dependencies"]["ansible_core"]["package_pip"] = "ansible-core==%s.*" % core
        with open(os.path.join(variant, "execution-environment.yml"), "w", encoding="utf-8") as f:
            yaml.safe_dump(data, f, sort_keys=False)
        builder("create", "-f", os.path.join(variant, "execution-environment.yml"), "-c", os.path.join(variant, "context"))
        refs = build_args(os.path.join(variant, "context"))["ANSIBLE_INSTALL_REFS"]
        if not refs.startswith("ansible-core==%s.* " % core):
            fail("ansible-core %s: the build context installs %r" % (core, refs))
    if cores:
        print("check_ee: create with ansible-core %s on %s: ok" % (", ".join(cores), base))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("installed")
    parser.add_argument("scratch")
    parser.add_argument("--cores", nargs="*", default=[])
    args = parser.parse_args(argv)
    shutil.rmtree(args.scratch, ignore_errors=True)
    os.makedirs(args.scratch)
    check_introspect(args.installed)
    check_example(args.scratch, args.cores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
