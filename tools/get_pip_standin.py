# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline stand-in for the get-pip.py script ansible-test downloads to bootstrap its venvs.

This machine reaches PyPI but not ansible-test's file host, so `make test` places this file
where ansible-test caches get-pip (~/.ansible/test/cache/get_pip_<version>.py). It does what
get-pip does with the same arguments: put pip in the running interpreter, then install the
requested packages (pip==..., setuptools==...) from the package index.
"""

from __future__ import annotations

import subprocess
import sys


def main() -> int:
    args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"])
    return subprocess.call([sys.executable, "-m", "pip", "install"] + args)


if __name__ == "__main__":
    sys.exit(main())
