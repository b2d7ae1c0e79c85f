# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tools/doc_check.py fails on what ansible-doc says about our plugins, not on another library's warning."""

from __future__ import annotations

import importlib.util
import os

TOOL = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, os.pardir, "tools", "doc_check.py")
SPEC = importlib.util.spec_from_file_location("doc_check", TOOL)
doc_check = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(doc_check)

# What ansible-core 2.19 prints on every command with cryptography 51 (the failure that turned `make test` red).
CRYPTOGRAPHY = (
    "/venv/lib/python3.11/site-packages/ansible/_internal/_ssh/_ssh_agent.py:18: CryptographyDeprecationWarning: "
    "DSA is deprecated and support will be removed in a future release. Use a more modern signature algorithm.\n"
    "  from cryptography.hazmat.primitives.asymmetric.dsa import (\n"
)


def test_another_librarys_warning_is_kept_apart(tmp_path):
    ours, others = doc_check.split_stderr(CRYPTOGRAPHY, str(tmp_path))
    assert ours == []
    assert others == CRYPTOGRAPHY.rstrip("\n").split("\n")


def test_a_warning_from_our_files_counts(tmp_path):
    plugin = tmp_path / "plugins" / "filter" / "report.py"
    stderr = "%s:12: DeprecationWarning: something old\n  value = thing()\n" % plugin
    ours, others = doc_check.split_stderr(CRYPTOGRAPHY + stderr, str(tmp_path))
    assert ours == stderr.rstrip("\n").split("\n")
    assert len(others) == 2


def test_a_warning_about_our_collection_by_its_installed_path_counts(tmp_path):
    stderr = "/x/ansible_collections/jumpcloud/adi/plugins/lookup/outcomes.py:3: UserWarning: odd\n"
    assert doc_check.split_stderr(stderr, str(tmp_path)) == ([stderr.strip()], [])


def test_ansible_docs_own_messages_count(tmp_path):
    stderr = CRYPTOGRAPHY + "[WARNING]: jumpcloud.adi.nothing was not found\n"
    ours, others = doc_check.split_stderr(stderr, str(tmp_path))
    assert ours == ["[WARNING]: jumpcloud.adi.nothing was not found"]
    assert len(others) == 2
