# -*- coding: utf-8 -*-
"""Make the collection importable under plain pytest, as ansible-test does under its own runner."""

from __future__ import annotations

import os
import sys


def _install_collection_finder():
    if any(type(f).__name__ == "_AnsibleCollectionFinder" for f in sys.meta_path):
        return  # ansible-test (or ansible itself) already installed one
    from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder

    paths = [p for p in os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep) if p]
    _AnsibleCollectionFinder(paths=paths)._install()


_install_collection_finder()

# Mutation runs (make mutation) run these tests inside mutmut, whose trampolines add stack frames to every call of a
# mutated function: the 199-level nesting test of the recursive JSON scanner needs more than Python's default.
if "mutmut" in sys.modules:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
