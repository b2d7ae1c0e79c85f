# -*- coding: utf-8 -*-
"""The ansible.windows lines the emulator and docs/windows.md cite, checked against the release installed.

The suite runs with ansible.windows 2.1.0, 3.3.0 and 3.8.0 (docs/windows.md); each citation below gives its line in
each release. A release not listed fails here: add its lines before trusting the emulator with it.
"""

from __future__ import annotations

import json
import os

import pytest

from ansible.plugins.loader import module_loader

# (file under plugins/modules, text on the line, {release: line})
CITED = [
    ("slurp.ps1", "If (Test-Path -LiteralPath $src -PathType Leaf)", {"2.1.0": 14, "3.3.0": 14, "3.8.0": 14}),
    ("slurp.ps1", "[System.IO.File]::ReadAllBytes($src)", {"2.1.0": 15, "3.3.0": 15, "3.8.0": 15}),
    ("win_copy.ps1", 'if ($copy_mode -eq "query")', {"2.1.0": 269, "3.3.0": 269, "3.8.0": 269}),
    ("win_copy.ps1", "Copy-Item -LiteralPath $source -Destination $dest -Force", {"2.1.0": 93, "3.3.0": 93, "3.8.0": 93}),
    ("win_copy.ps1", 'elseif ($copy_mode -eq "single")', {"2.1.0": 427, "3.3.0": 427, "3.8.0": 431}),
    ("win_copy.ps1", "Copy-Item -LiteralPath $src -Destination $remote_dest -Force",
     {"2.1.0": 459, "3.3.0": 459, "3.8.0": 468}),
    ("win_service_info.ps1", "$services = Get-Service | Where-Object", {"2.1.0": 23, "3.3.0": 23, "3.8.0": 23}),
    ("win_service_info.ps1", "-ErrorAction SilentlyContinue", {"2.1.0": 25, "3.3.0": 25, "3.8.0": 29}),
    ("win_service.ps1", "$_.ServiceName -eq $Name -or $_.DisplayName -eq $Name", {"2.1.0": 274, "3.3.0": 274, "3.8.0": 274}),
    ("win_stat.ps1", "function Get-FileChecksum($path, $algorithm)", {"2.1.0": 16, "3.3.0": 16, "3.8.0": 19}),
    ("win_stat.ps1", "$attributes = @()", {"2.1.0": 89, "3.3.0": 89, "3.8.0": 96}),
    ("win_stat.ps1", 'isreadonly = ($attributes -contains "ReadOnly")', {"2.1.0": 104, "3.3.0": 104, "3.8.0": 111}),
    # win_find: the transaction's checks around the write
    ("win_find.ps1", "Function Assert-FileHidden {", {"2.1.0": 85, "3.3.0": 90, "3.8.0": 93}),
    ("win_find.ps1", "if ($File.Name -like $pattern) {", {"2.1.0": 114, "3.3.0": 127, "3.8.0": 130}),
    ("win_find.ps1", "[System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)", {"2.1.0": 152, "3.3.0": 165, "3.8.0": 168}),
    ("win_find.ps1", "attributes = $dir_child.Attributes.ToString()", {"2.1.0": 285, "3.3.0": 298, "3.8.0": 301}),
    ("win_find.ps1", "-Algorithm $checksum_algorithm -ErrorAction SilentlyContinue", {"2.1.0": 326, "3.3.0": 339, "3.8.0": 352}),
]


def _installed():
    path = module_loader.find_plugin("ansible.windows.slurp", mod_type=".ps1")
    assert path, "ansible.windows is not installed beside jumpcloud.adi"
    modules = os.path.dirname(path)
    with open(os.path.join(os.path.dirname(os.path.dirname(modules)), "MANIFEST.json"), encoding="utf-8") as f:
        return json.load(f)["collection_info"]["version"], modules


@pytest.mark.parametrize("name, text, lines", CITED, ids=["%s:%s" % (c[0], c[1][:30]) for c in CITED])
def test_cited_line_holds_in_the_installed_release(name, text, lines):
    version, modules = _installed()
    assert version in lines, "ansible.windows %s: its lines are not recorded here" % version
    with open(os.path.join(modules, name), encoding="utf-8") as f:
        source = f.read().splitlines()
    assert text in source[lines[version] - 1], (name, lines[version], source[lines[version] - 1])
