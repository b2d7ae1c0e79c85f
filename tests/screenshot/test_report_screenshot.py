# -*- coding: utf-8 -*-
"""The HTML reports render in a real browser (headless Chromium, installed by `make test`) to a page that is not blank.

Run by `make screenshot` (part of `make test`); the PNGs are left in .tmp/screenshots/ to look at.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib

import pytest

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import effective

OUT = os.environ.get("SCREENSHOT_DIR", os.path.join(tempfile.gettempdir(), "adi-screenshots"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def png_pixels(path):
    """(width, height, set of distinct scanline bytes) of an 8-bit RGB/RGBA PNG, decoded by hand (no PIL here)."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    return width, height, raw


def report_fixture():
    def info(settings):
        return {"exists": True, "path": "C:\\Program Files\\JumpCloud\\cfg.json", "settings": settings,
                "effective": {v["setting"]: v for v in effective("import", settings).values()}, "findings": []}

    fleet = {"dc%02d" % i: {"domain": "corp", "import": info({"user_disable_action": "suspend"}),
                            "sync": {"exists": False, "path": "C:\\x"}} for i in range(1, 6)}
    fleet["dc03"]["import"] = info({"user_disable_action": "remove"})
    return _report.drift(fleet, {"import": {"user_disable_action": "suspend"}}, "import_only")


@pytest.mark.skipif(os.environ.get("ADI_REQUIRE_CHROMIUM") != "1" and not CHROMIUM,
                    reason="headless Chromium is installed by `make test` (Debian package chromium)")
def test_html_report_renders_to_a_non_blank_screenshot():
    assert CHROMIUM, "chromium is not installed: `make test` installs the Debian package"
    os.makedirs(OUT, exist_ok=True)
    page = os.path.join(OUT, "drift.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(_report.render(report_fixture(), "html"))
    png = os.path.join(OUT, "drift.png")
    if os.path.exists(png):
        os.remove(png)
    profile = tempfile.mkdtemp()
    try:
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--user-data-dir=" + profile, "--window-size=1200,800", "--screenshot=" + png,
                        "file://" + page], check=True, capture_output=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    width, height, raw = png_pixels(png)
    assert (width, height) == (1200, 800)
    # not blank: a white page decodes to a handful of distinct byte values; text, tables and tags to many
    assert len(set(raw)) > 50, "the screenshot is blank"
    assert raw.count(b"\xff\xff\xff") < len(raw) // 3 * 0.999
