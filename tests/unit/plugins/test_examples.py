# -*- coding: utf-8 -*-
"""Every plugin's EXAMPLES block is valid YAML: a list of tasks, each a mapping with a name.

Sanity does not parse EXAMPLES (and never those of filter docs in .yml files), and antsibull-docs only
warns, so a block people copy from the docs could be broken without any other check noticing.
"""

from __future__ import annotations

import ast
import glob
import os

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def _from_python(path):
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXAMPLES" for t in node.targets):
            return ast.literal_eval(node.value)
    return None


def _from_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f).get("EXAMPLES")


def _examples():
    out = []
    for kind in ("modules", "lookup", "filter", "action"):
        for path in sorted(glob.glob(os.path.join(ROOT, "plugins", kind, "*.py"))):
            text = _from_python(path)
            if text is not None:
                out.append((os.path.relpath(path, ROOT), text))
        for path in sorted(glob.glob(os.path.join(ROOT, "plugins", kind, "*.yml"))):
            out.append((os.path.relpath(path, ROOT), _from_yaml(path)))
    return out


EXAMPLES = _examples()


def test_every_documented_plugin_has_examples():
    expected = {os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "plugins", "filter", "*.yml"))}
    expected |= {os.path.relpath(p, ROOT) for k in ("modules", "lookup")
                 for p in glob.glob(os.path.join(ROOT, "plugins", k, "*.py"))}
    assert {path for path, _text in EXAMPLES} == expected


@pytest.mark.parametrize("path, text", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_examples_are_valid_yaml_tasks(path, text):
    assert isinstance(text, str) and text.strip(), "%s: no EXAMPLES" % path
    try:
        tasks = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        pytest.fail("%s: EXAMPLES is not valid YAML: %s" % (path, exc))
    assert isinstance(tasks, list) and tasks, "%s: EXAMPLES must be a list of tasks" % path
    for task in tasks:
        assert isinstance(task, dict) and task.get("name"), "%s: every example is a task with a name: %r" % (path, task)
