# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Mutation testing of plugins/plugin_utils/ with mutmut (`make mutation`, docs/testing.md).

mutmut names a mutant after the module path of the file it mutates, and its trampoline compares that name with
the running function's ``__module__``. The unit tests import the collection as ``ansible_collections.jumpcloud.adi``,
so the files are laid out under that path in a work folder (.tmp/mutation/ansible_collections/jumpcloud/adi, a copy
of the files the unit tests read), and mutmut runs from there: its mutants/ copy is then the collection the tests
import (ANSIBLE_COLLECTIONS_PATH points at it).

    python tools/mutation.py WORKDIR [FILE ...]    FILE: plugins/plugin_utils/_outcomes.py ... (default: every file there)

Prints the score per file (killed / all mutants, timeouts count as killed) and writes WORKDIR/survivors.txt.
"""

from __future__ import annotations

import ast
import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PREFIX = Path("ansible_collections/jumpcloud/adi")
# what the unit tests read besides plugins/ (schemas, docs, role specs, examples)
COPY = ("plugins", "tests/unit", "docs", "meta", "roles", "playbooks", "galaxy.yml", "tools", "README.md")
# the tests that run against each file's mutants (mutmut then runs, per mutant, those of them that reach the
# mutated function); a file not listed gets every unit test
_U = "tests/unit/plugins/"
TESTS = {
    "_outcomes.py": (_U + "plugin_utils/test__outcomes.py", _U + "lookup"),
    "_document.py": (_U + "plugin_utils/test__document.py", _U + "action"),
    "_agent_file.py": (_U + "plugin_utils/test__document.py", _U + "action"),
    "_lint.py": (_U + "plugin_utils/test__lint.py", _U + "action"),
    "_settings.py": (_U + "plugin_utils/test__lint.py", _U + "plugin_utils/test__document.py", _U + "action"),
    "_effective.py": (_U + "plugin_utils/test__lint.py", _U + "plugin_utils/test__outcomes.py", _U + "action"),
    # the config modules' task logic, its host I/O and restore_from: the action plugins against a fake connection
    "_config_task.py": (_U + "action",),
    "_transport.py": (_U + "action",),
    "_restore.py": (_U + "action",),
    "_report.py": (_U + "plugin_utils/test__report.py",),
    "_render.py": (_U + "plugin_utils/test__report.py",),
    # the catalog is read by every test: these check it (against the vendor document, the module docs, the
    # generated docs and schemas) and the argument specs built from it
    "_catalog.py": (_U + "plugin_utils/test__catalog.py", _U + "action", _U + "filter"),
    "_argspec.py": (_U + "plugin_utils/test__catalog.py", _U + "action", _U + "filter"),
    "_errors.py": (_U + "action", _U + "filter"),
}
KILLED = {"killed", "timeout", "segfault"}


def main(argv):
    work = Path(argv[0]).resolve()
    files = argv[1:] or sorted(str(p.relative_to(REPO)) for p in (REPO / "plugins/plugin_utils").glob("_*.py"))
    for f in files:
        if not (REPO / f).is_file() or not f.startswith("plugins/plugin_utils/"):
            sys.exit("mutation: %s is not a file of plugins/plugin_utils/" % f)
    shutil.rmtree(work, ignore_errors=True)
    root = work / PREFIX
    root.mkdir(parents=True)
    for name in COPY:
        src, dst = REPO / name, root / name
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, dst)
    # ansible.windows beside it (make setup puts it in .tmp/collections): the action plugins' tests load it
    windows = Path("ansible_collections/ansible/windows")
    shutil.copytree(REPO / ".tmp/collections" / windows, work / windows, symlinks=True)
    tests = sorted({str(PREFIX / t) for f in files for t in TESTS.get(Path(f).name, ("tests/unit",))})
    (work / "setup.cfg").write_text(
        "[mutmut]\nsource_paths=\n%s\nalso_copy=\n%s\ndo_not_mutate=\n    *__init__.py\n"
        "pytest_add_cli_args_test_selection=\n%s\npytest_add_cli_args=\n    -p\n    no:cacheprovider\n"
        % ("".join("    %s\n" % (PREFIX / f) for f in files),
           "".join("    %s\n" % c for c in [PREFIX / c for c in COPY] + [windows]),
           "".join("    %s\n" % t for t in tests)))
    # fewer hypothesis examples in the outcome properties: each surviving mutant runs every test that reaches it
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(work / "mutants"),
               ADI_PROPERTY_EXAMPLES=os.environ.get("ADI_PROPERTY_EXAMPLES", "25"))
    env.pop("PYTHONPATH", None)
    mutmut = str(Path(sys.executable).parent / "mutmut")
    subprocess.run([mutmut, "run", "--max-children", os.environ.get("MUTATION_WORKERS", "2")], cwd=work, env=env,
                   check=True)
    out = subprocess.run([mutmut, "results", "--all", "true"], cwd=work, env=env, check=True, capture_output=True,
                         text=True).stdout
    by_file = {f: {"killed": 0, "all": 0, "survivors": []} for f in files}
    module_of = {str(PREFIX / f)[:-3].replace("/", ".") + ".": f for f in files}
    for line in out.splitlines():
        name, _sep, status = line.strip().rpartition(": ")
        if not name:
            continue
        f = next((f for m, f in module_of.items() if name.startswith(m)), None)
        if f is None:
            continue
        by_file[f]["all"] += 1
        if status in KILLED:
            by_file[f]["killed"] += 1
        else:
            by_file[f]["survivors"].append("%s: %s" % (name, status))
    print("\n%-40s %8s %8s %7s" % ("file", "killed", "mutants", "score"))
    for f, r in by_file.items():
        score = 100.0 * r["killed"] / r["all"] if r["all"] else 100.0
        print("%-40s %8d %8d %6.1f%%" % (f, r["killed"], r["all"], score))
    (work / "survivors.txt").write_text("".join("%s\n    %s\n" % (s, _change(work, s)) for r in by_file.values()
                                                for s in r["survivors"]))
    (work / "scores.json").write_text(json.dumps({f: {"killed": r["killed"], "all": r["all"]}
                                                  for f, r in by_file.items()}, indent=1))
    print("surviving mutants: %s (mutmut show NAME, from %s)" % (work / "survivors.txt", work))


_FUNCS = {}


def _functions(path):
    """The source of each function of a mutated file, by name (parsed once per file: it holds every mutant)."""
    if path not in _FUNCS:
        try:
            text = path.read_text(encoding="utf-8")
            tree = ast.parse(text)
        except (OSError, SyntaxError):
            _FUNCS[path] = {}
        else:
            lines = text.splitlines()
            _FUNCS[path] = {n.name: "\n".join(lines[n.lineno - 1:n.end_lineno]) for n in ast.walk(tree)
                            if isinstance(n, ast.FunctionDef)}
    return _FUNCS[path]


def _change(work, survivor):
    """The lines a mutant changes, read from mutmut's mutated copy (one line, for the survivors' list)."""
    name = survivor.rpartition(": ")[0]
    module, _dot, func = name.rpartition(".")
    funcs = _functions(work / "mutants" / (module.replace(".", "/") + ".py"))
    mutant, orig = funcs.get(func), funcs.get(func.rpartition("__mutmut_")[0] + "__mutmut_orig")
    if mutant is None or orig is None:
        return "?"
    # the def line too (a mutant of a default argument changes only that line), without the mutant's name
    base = func.rpartition("__mutmut_")[0]
    orig, mutant = orig.replace(base + "__mutmut_orig(", base + "("), mutant.replace(func + "(", base + "(")
    diff = [d for d in difflib.unified_diff(orig.splitlines(), mutant.splitlines(), lineterm="", n=0)
            if d[:1] in "-+" and d[:3] not in ("---", "+++")]
    return " | ".join(" ".join(d.split()) for d in diff)


if __name__ == "__main__":
    main(sys.argv[1:])
