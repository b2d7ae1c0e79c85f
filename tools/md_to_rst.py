# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Convert the Markdown of docs/*.md into reStructuredText guides for the antsibull-docs docsite.

Only the Markdown these pages use: headings, paragraphs, bullet and numbered lists, fenced code blocks, pipe
tables, inline code, bold, italics, links and HTML comments. tools/gen_docs.py writes the results to
docs/docsite/rst/ so the docs are written once, in Markdown, and the docsite build (`make docsite`, Sphinx with
warnings as errors) checks the conversion.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, List

PREFIX = "ansible_collections.jumpcloud.adi.docsite."
_UNDERLINES = {1: "=", 2: "-", 3: "^", 4: '"'}
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_CODE = re.compile(r"(`[^`]+`)")
_LANG = {"yaml": "yaml", "yml": "yaml", "sh": "shell", "shell": "shell", "json": "json", "": "text"}


def slug(title: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return text.replace(" ", "-")


def label(page: str, anchor: str = "") -> str:
    return PREFIX + page + ("." + anchor if anchor else "")


class Converter:
    """One page. ``pages`` maps a Markdown file name (``design.md``) to its guide name; ``url`` makes other
    relative links absolute (to the repository)."""

    def __init__(self, page: str, pages: Dict[str, str], url: Callable[[str], str]) -> None:
        self.page = page
        self.pages = pages
        self.url = url

    # ------------------------------------------------------------------ inline
    def _link(self, m: "re.Match") -> str:
        text, target = m.group(1).replace("`", ""), m.group(2)
        if target.startswith("#"):
            return ":ref:`%s <%s>`" % (text, label(self.page, target[1:]))
        name, _sep, anchor = target.partition("#")
        base = name.split("/")[-1]
        if base in self.pages and not re.match(r"^[a-z]+://", name):
            return ":ref:`%s <%s>`" % (text, label(self.pages[base], anchor))
        if not re.match(r"^[a-z]+://", target):
            target = self.url(target)
        return "`%s <%s>`__" % (text, target)

    def inline(self, text: str) -> str:
        links: List[str] = []

        def keep(m: "re.Match") -> str:
            links.append(self._link(m))
            return "\x00%d\x00" % (len(links) - 1)

        parts = _CODE.split(_LINK.sub(keep, text))
        out: List[str] = []
        for i, part in enumerate(parts):
            if i % 2:
                # reST needs a boundary between an inline literal and a word character: an escaped space
                if out and re.search(r"\w$", out[-1]):
                    out[-1] += "\\ "
                out.append("``%s``" % part[1:-1])
                continue
            part = part.replace("\\", "\\\\").replace("<br>", "; ")
            if out and re.match(r"^\w", part):
                part = "\\ " + part
            out.append(part)
        return re.sub("\x00(\\d+)\x00", lambda m: links[int(m.group(1))], "".join(out))

    # ------------------------------------------------------------------ blocks
    def convert(self, markdown: str, header: str = "") -> str:
        lines = markdown.splitlines()
        out: List[str] = []
        if header:
            out += [".. " + header.replace("\n", "\n   "), ""]
        out += [".. _%s:" % label(self.page), ""]
        i = 0
        first_heading = True
        seen: Dict[str, int] = {}
        while i < len(lines):
            line = lines[i]
            if line.startswith("<!--"):
                while "-->" not in lines[i]:
                    i += 1
                i += 1
                continue
            m = re.match(r"^(#{1,4}) (.*)$", line)
            if m:
                level, title = len(m.group(1)), m.group(2).strip()
                if not first_heading:
                    # GitHub numbers repeated anchors: name, name-1, name-2
                    anchor = slug(title)
                    seen[anchor] = seen.get(anchor, -1) + 1
                    out += [".. _%s:" % label(self.page, anchor + ("-%d" % seen[anchor] if seen[anchor] else "")), ""]
                first_heading = False
                text = self.inline(title)
                out += [text, _UNDERLINES[level] * max(len(text), 4), ""]
                i += 1
                continue
            if line.startswith("```"):
                lang = _LANG.get(line[3:].strip(), "text")
                block = []
                i += 1
                while not lines[i].startswith("```"):
                    block.append(lines[i])
                    i += 1
                i += 1
                out += [".. code-block:: %s" % lang, ""] + ["  " + b if b else "" for b in block] + [""]
                continue
            if line.startswith("|"):
                rows = []
                while i < len(lines) and lines[i].startswith("|"):
                    rows.append(lines[i])
                    i += 1
                out += self.table(rows)
                continue
            out.append(self.inline(line) if line.strip() else "")
            i += 1
        text = "\n".join(out)
        text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
        return text

    def table(self, rows: List[str]) -> List[str]:
        cells = [[c.strip() for c in re.split(r"(?<!\\)\|", r.strip()[1:-1])] for r in rows]
        body = [c for k, c in enumerate(cells) if k != 1]  # row 1 is the |---| separator
        out = [".. list-table::", "  :header-rows: 1", "  :widths: auto", ""]
        for row in body:
            for k, cell in enumerate(row):
                text = self.inline(cell)
                out.append(("  * - " if k == 0 else "    - ") + text if text else ("  * -" if k == 0 else "    -"))
        return out + [""]
