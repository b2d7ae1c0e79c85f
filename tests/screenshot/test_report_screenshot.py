# -*- coding: utf-8 -*-
"""The HTML reports render in a real browser (headless Chromium, installed by `make test`).

Run by `make screenshot` (part of `make test`); the PNGs are left in .tmp/screenshots/ to look at. The PNG is
decoded to pixels here (no PIL): the page must show text and tables, and the colours the report gives drift.
A 5,000-host drift report (bench/report_scale.py's fleet) must render too, with its host table built.
"""

from __future__ import annotations

import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

import pytest

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _render, _report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import effective

OUT = os.environ.get("SCREENSHOT_DIR", os.path.join(tempfile.gettempdir(), "adi-screenshots"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DRIFT_RED = (0xff, 0xeb, 0xe9)  # td.drift and the summary of a report with drift (the report's CSS)
WHITE = (0xff, 0xff, 0xff)


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def png_pixels(path):
    """(width, height, list of (r, g, b) per pixel) of an 8-bit RGB/RGBA PNG, unfiltered by hand (no PIL here)."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, depth, colour = 8, b"", 0, 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    assert depth == 8 and colour in (2, 6), "expected 8-bit RGB or RGBA"
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    pixels = []
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]) & 0xff
        pixels.extend(tuple(line[i:i + 3]) for i in range(0, stride, bpp))
        prev = line
    return width, height, pixels


def shoot(page, name, size=(1200, 800)):
    png = os.path.join(OUT, name + ".png")
    if os.path.exists(png):
        os.remove(png)
    profile = tempfile.mkdtemp()
    try:
        subprocess.run([CHROMIUM] + FLAGS + ["--user-data-dir=" + profile, "--window-size=%d,%d" % size,
                                             "--screenshot=" + png, "file://" + page],
                       check=True, capture_output=True, timeout=180)
        dom = subprocess.run([CHROMIUM] + FLAGS + ["--user-data-dir=" + profile, "--dump-dom", "file://" + page],
                             check=True, capture_output=True, text=True, timeout=180).stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return png_pixels(png), dom


def write(report, name):
    os.makedirs(OUT, exist_ok=True)
    page = os.path.join(OUT, name + ".html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(_render.render(report, "html"))
    return page


def report_fixture():
    def info(settings):
        return {"exists": True, "path": "C:\\Program Files\\JumpCloud\\cfg.json", "settings": settings,
                "effective": {v["setting"]: v for v in effective("import", settings).values()}, "findings": []}

    fleet = {"dc%02d" % i: {"domain": "corp", "import": info({"user_disable_action": "suspend"}),
                            "sync": {"exists": False, "path": "C:\\x"}} for i in range(1, 6)}
    fleet["dc03"]["import"] = info({"user_disable_action": "remove"})
    return _report.drift(fleet, {"import": {"user_disable_action": "suspend"}}, "import_only")


needs_chromium = pytest.mark.skipif(os.environ.get("ADI_REQUIRE_CHROMIUM") != "1" and not CHROMIUM,
                                    reason="headless Chromium is installed by `make test` (Debian package chromium)")


def test_the_decoder_reads_pixels():
    # a 2x1 RGB image, second row filter Sub: red then red+green -> (255, 0, 0), (255, 255, 0)
    raw = b"\x01" + bytes([255, 0, 0, 0, 255, 0])
    ihdr = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + b"".join(struct.pack(">I", len(d)) + k + d + b"\0\0\0\0" for k, d in (
        (b"IHDR", ihdr), (b"IDAT", zlib.compress(raw)), (b"IEND", b"")))
    path = os.path.join(tempfile.mkdtemp(), "t.png")
    with open(path, "wb") as f:
        f.write(png)
    assert png_pixels(path) == (2, 1, [(255, 0, 0), (255, 255, 0)])


@needs_chromium
def test_html_report_renders_with_text_tables_and_drift_colour():
    assert CHROMIUM, "chromium is not installed: `make test` installs the Debian package"
    (width, height, pixels), dom = shoot(write(report_fixture(), "drift"), "drift")
    assert (width, height) == (1200, 800)
    colours = set(pixels)
    # text and tables: many colours; an error page or a blank page has a handful
    assert len(colours) > 50, "the screenshot is blank"
    assert pixels.count(WHITE) < len(pixels) * 0.97
    assert DRIFT_RED in colours, "no drift colour: the report's styles did not apply"
    assert 'id="host-table"' in dom and dom.count('<tr class="row">') >= 5


@needs_chromium
def test_a_5000_host_report_renders_and_its_tables_are_built():
    assert CHROMIUM, "chromium is not installed: `make test` installs the Debian package"
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import report_scale  # pylint: disable=import-error,import-outside-toplevel
    hosts = report_scale.fleet(5000, random.Random(5000))
    report = _report.drift(hosts, {"import": report_scale.BASE_IMPORT, "sync": report_scale.BASE_SYNC}, "two_way")
    page = write(report, "drift-5000")
    assert os.path.getsize(page) < 2 * 1024 * 1024
    (width, _height, pixels), dom = shoot(page, "drift-5000", (1200, 1600))
    assert width == 1200 and len(set(pixels)) > 50 and DRIFT_RED in set(pixels)
    assert dom.count('<tr class="row">') == 5000  # the host table, every host, after the page's script ran
