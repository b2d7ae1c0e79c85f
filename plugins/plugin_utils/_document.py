# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parse and render an agent configuration file with byte-preserving edits, and mask what is not ours.

PRIVATE to this collection. Pure Python: no Ansible objects.

The standard library's json module validates the file (and reports line and column of an
error); it does not say where each value sits in the text, so a small span scanner
(written by hand, below) records the offsets of every key and value. Edits replace,
insert or remove spans and leave every other byte as it was: UTF-8 BOM, CRLF or LF,
indentation, key order, spacing, unknown keys and sections. After each edit the text is
parsed again, so the next edit works on fresh offsets, and the final text is checked to
parse and to hold exactly the intended values.

Show only what is ours: ``masked_text`` is the only way file text leaves this layer, and it keeps
the values the caller names (catalog settings) and masks every other value, whatever its key.
Key names and structure stay, so a diff still shows where something changed. Messages of this
layer name keys, lines and columns, never a value.

Every walk over the file is linear in its size, and nesting deeper than MAX_DEPTH is refused
before anything recursive runs (agent files nest three levels).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import deque
from decimal import Decimal, InvalidOperation
from typing import Any, Dict, Iterator, List, Optional, Tuple

from ansible_collections.jumpcloud.adi.plugins.plugin_utils._catalog import fold
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import DocumentError

MAX_BYTES = 1024 * 1024  # agent files are a few KB; refuse anything larger than 1 MiB
MAX_DEPTH = 200  # agent files nest three levels; deeper JSON is refused with its line
UTF8_BOM = b"\xef\xbb\xbf"
MASK = "********"  # what every value that is not ours shows as, in diffs
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32 LE"), (b"\x00\x00\xfe\xff", "UTF-32 BE"),
    (b"\xff\xfe", "UTF-16 LE"), (b"\xfe\xff", "UTF-16 BE"),
)


class Node:
    """Where one value sits in the text (objects and arrays with their members and items)."""

    __slots__ = ("kind", "start", "end", "members", "items")
    _NONE: tuple = ()

    def __init__(self, kind: str, start: int, end: int) -> None:
        self.kind = kind  # object, array, string, number, literal
        self.start = start
        self.end = end
        self.members: List["Member"] = [] if kind == "object" else Node._NONE  # type: ignore[assignment]
        self.items: List["Node"] = [] if kind == "array" else Node._NONE  # type: ignore[assignment]


class Member:
    """One key of an object, where its key and its value sit."""

    __slots__ = ("key", "key_start", "key_end", "value")

    def __init__(self, key: str, key_start: int, key_end: int, value: Node) -> None:
        self.key = key
        self.key_start = key_start
        self.key_end = key_end
        self.value = value


# --------------------------------------------------------------- span scanner

_WS = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_LITERAL = re.compile(r"true|false|null")


class _Scanner:
    """Offsets of every value of a text json.loads already accepted."""

    def __init__(self, text: str) -> None:
        self.text = text

    def ws(self, pos: int) -> int:
        return _WS.match(self.text, pos).end()

    def value(self, pos: int) -> Node:
        pos = self.ws(pos)
        ch = self.text[pos]
        if ch == "{":
            return self.obj(pos)
        if ch == "[":
            return self.arr(pos)
        if ch == '"':
            return Node("string", pos, _STRING.match(self.text, pos).end())
        m = _NUMBER.match(self.text, pos)  # a match holds at least one digit
        if m:
            return Node("number", pos, m.end())
        m = _LITERAL.match(self.text, pos)
        return Node("literal", pos, m.end())

    def obj(self, start: int) -> Node:
        node = Node("object", start, start)
        pos = self.ws(start + 1)
        if self.text[pos] == "}":
            node.end = pos + 1
            return node
        seen: Dict[str, int] = {}
        while True:
            pos = self.ws(pos)
            m = _STRING.match(self.text, pos)
            raw_key = m.group(0)
            key = raw_key[1:-1] if "\\" not in raw_key else json.loads(raw_key)
            if key in seen:
                raise DuplicateKey(key, seen[key], pos)
            seen[key] = pos
            colon = self.ws(m.end())
            value = self.value(colon + 1)
            node.members.append(Member(key, pos, m.end(), value))
            pos = self.ws(value.end)
            if self.text[pos] == ",":
                pos += 1
                continue
            node.end = pos + 1
            return node

    def arr(self, start: int) -> Node:
        node = Node("array", start, start)
        pos = self.ws(start + 1)
        if self.text[pos] == "]":
            node.end = pos + 1
            return node
        while True:
            item = self.value(pos)
            node.items.append(item)
            pos = self.ws(item.end)
            if self.text[pos] == ",":
                pos += 1
                continue
            node.end = pos + 1
            return node


class DuplicateKey(Exception):
    def __init__(self, key: str, first: int, second: int) -> None:
        super().__init__(key)
        self.key, self.first, self.second = key, first, second


class _Constant(ValueError):
    pass


def _reject_constant(name: str):
    raise _Constant(name)


class _HugeExponent(ValueError):
    pass


def _parse_int(text: str):
    # Python refuses to turn more than 4300 digits into an int; such a number is still valid JSON
    return int(text) if len(text) < 4000 else Decimal(text)


def _parse_float(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:  # an exponent beyond what a Decimal holds (MAX_EMAX, 18 digits): no reader keeps it
        raise _HugeExponent(text) from None


# any string, valid or not (a text json.loads refused, or one only scanned for structure), so that what it holds is
# never taken for structure. A string that is never closed runs to the end of the text: the pattern matches at every
# quote it starts at, without backtracking, so a scan with it is linear (a pattern that needs the closing quote fails
# at the end of the text and is tried again from the next quote, which is quadratic in the quotes of an open string)
_ANY_STRING = r'"(?:[^"\\]|\\[\s\S])*(?:"|\\?\Z)'
# a string, or a constant outside any string (json.loads stops at the first such constant)
_CONSTANT = re.compile(_ANY_STRING + r'|(-?Infinity|NaN)')


_NUMBER_TOKEN = re.compile(_ANY_STRING + r'|(' + _NUMBER.pattern + ')')


def _first_constant(text: str) -> int:
    """The offset of the first NaN, Infinity or -Infinity outside a string (only called when json.loads met one)."""
    return next(m.start() for m in _CONSTANT.finditer(text) if m.group(1))


def _first_number(text: str, number: str) -> int:
    """The offset of the first number written as ``number`` outside a string (only called when json.loads met it)."""
    return next(m.start() for m in _NUMBER_TOKEN.finditer(text) if m.group(1) == number)


def loads(text: str) -> Any:
    """JSON as the agents read it: numbers kept exact (Decimal for fractions and huge integers, never inf)."""
    return json.loads(text, parse_float=_parse_float, parse_int=_parse_int, parse_constant=_reject_constant)


_NESTING = re.compile(_ANY_STRING + r'|[\[{]|[\]}]')


def _too_deep(text: str) -> Optional[int]:
    """Where the text first nests deeper than MAX_DEPTH (an offset), or None; linear, no recursion."""
    depth = 0
    for m in _NESTING.finditer(text):
        ch = m.group(0)[0]
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return m.start()
        elif ch in "]}":
            depth -= 1
    return None


def show_key(key: str) -> str:
    """A key name as messages show it: in JSON quotes, non-ASCII letters as they are, a lone surrogate (valid in
    JSON text as an escape, but with no UTF-8 form, so no report could be written with it) as its escape."""
    return json.dumps(key, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8")


# What json.loads refuses that other readers may take, said as what it is (docs/security.md: never a value).
_LENIENT = ("Whether the agent still reads the file depends on its JSON reader (Json.NET takes %s, .NET's "
            "System.Text.Json refuses %s unless told otherwise); this collection reads and edits strict JSON "
            "(RFC 8259) only: remove %s")
_BLANKS = " \t\r\n"
_UNMARKED = (("utf-32-le", "UTF-32 LE"), ("utf-32-be", "UTF-32 BE"), ("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE"))


def _nul_problem(raw: bytes, path: str) -> str:
    """Why a file holding a NUL byte is not JSON text (RFC 8259 allows none outside an escape)."""
    if not raw.strip(b"\x00"):
        return ("%s holds only NUL bytes (%d): the file was zeroed, as a crash or a full disk can leave it, and no "
                "agent can read it: restore it from a backup" % (path, len(raw)))
    for codec, name in _UNMARKED:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and text.lstrip()[:1] in ("{", "["):
            return ("%s is encoded as %s without a byte order mark; the ADI agents read UTF-8, and a reader tells "
                    "%s from UTF-8 only by that mark (without it, it reads a NUL byte between the characters): save "
                    "it as UTF-8" % (path, name, name[:6]))
    at = raw.index(b"\x00")
    return ("%s holds a NUL byte at line %d (byte %d), which JSON text cannot hold (only as the escape \\u0000 in a "
            "string) and no agent reads: the file is damaged, or is not a text file" % (path, raw.count(b"\n", 0, at) + 1, at))


def _syntax_problem(text: str, path: str, exc: json.JSONDecodeError) -> str:
    """What json.loads refused, said as what it is when it is a comment or a trailing comma."""
    pos = exc.pos
    if text.startswith(("//", "/*"), pos):
        return ("%s holds a comment (line %d, column %d); JSON has no comments. " + _LENIENT) % (
            (path,) + line_col(text, pos) + ("comments", "them", "the comment"))
    # Python up to 3.12 stops at the bracket after the comma, 3.13 at the comma itself
    comma = len(text[:pos].rstrip(_BLANKS)) - 1 if text[pos:pos + 1] in ("]", "}") else pos
    close = len(text) - len(text[comma + 1:].lstrip(_BLANKS)) if text[comma:comma + 1] == "," else -1
    if comma >= 0 and text[close:close + 1] in ("]", "}") and text[:comma].rstrip(_BLANKS)[-1:] not in ("[", "{", ","):
        return ("%s has a comma after the last %s (line %d, column %d); JSON allows none there. " + _LENIENT) % (
            (path, "item of a list" if text[close] == "]" else "member of an object") + line_col(text, comma)
            + ("such a comma", "it", "the comma"))
    return "%s is not valid JSON: %s (line %d, column %d)" % (path, exc.msg, exc.lineno, exc.colno)


def article(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def line_col(text: str, pos: int) -> Tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, col


class Document:
    """One JSON file: its bytes, its text, and where each value sits."""

    def __init__(self, raw: bytes, path: str) -> None:
        if not isinstance(raw, (bytes, bytearray)):
            raise DocumentError("%s: expected bytes" % path)
        raw = bytes(raw)
        self.raw = raw
        if len(raw) > MAX_BYTES:
            raise DocumentError("%s is %d bytes, larger than the %d bytes an agent configuration file can be; "
                                "is it the right file?" % (path, len(raw), MAX_BYTES))
        for bom, name in _OTHER_BOMS:
            if raw.startswith(bom):
                raise DocumentError("%s is encoded as %s; the ADI agents read UTF-8: save it as UTF-8" % (path, name))
        if b"\x00" in raw:
            raise DocumentError(_nul_problem(raw, path))
        self.bom = raw.startswith(UTF8_BOM)
        body = raw[len(UTF8_BOM):] if self.bom else raw
        try:
            self.text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DocumentError("%s is not valid UTF-8 (byte %d); the ADI agents read UTF-8: save it as UTF-8"
                                % (path, exc.start + (3 if self.bom else 0))) from None
        if not self.text.strip():
            raise DocumentError("%s is empty; expected a JSON object" % path)
        deep = _too_deep(self.text)
        if deep is not None:
            raise DocumentError("%s nests JSON more than %d levels deep (line %d, column %d); an agent configuration "
                                "file nests a few levels: is it the right file?" % ((path, MAX_DEPTH) + line_col(self.text, deep)))
        try:
            self.data = loads(self.text)
        except json.JSONDecodeError as exc:
            raise DocumentError(_syntax_problem(self.text, path, exc)) from None
        except _Constant as exc:
            raise DocumentError("%s is not valid JSON: %s is not a JSON value (line %d)"
                                % (path, exc, line_col(self.text, _first_constant(self.text))[0])) from None
        except _HugeExponent as exc:
            raise DocumentError("%s holds a number whose exponent is too large to keep its value (line %d, column %d; "
                                "beyond 10 to the power of 999999999999999999): write it with a smaller exponent"
                                % ((path,) + line_col(self.text, _first_number(self.text, str(exc))))) from None
        try:
            self.root = _Scanner(self.text).value(0)
        except DuplicateKey as exc:
            first, second = line_col(self.text, exc.first), line_col(self.text, exc.second)
            where = ("lines %d and %d" % (first[0], second[0]) if first[0] != second[0]
                     else "line %d, columns %d and %d" % (first[0], first[1], second[1]))
            raise DocumentError("%s holds the key %s twice in one object (%s); keep one"
                                % (path, show_key(exc.key), where)) from None
        self.newline = "\r\n" if "\r\n" in self.text else "\n"

    # ----------------------------------------------------------- queries
    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    def line_of(self, node_or_pos) -> int:
        pos = node_or_pos.start if isinstance(node_or_pos, Node) else node_or_pos
        return line_col(self.text, pos)[0]

    def value_of(self, node: Node) -> Any:
        return loads(self.text[node.start:node.end])

    @staticmethod
    def member(obj: Node, key: str) -> Optional[Member]:
        """The member whose key matches ``key`` case-insensitively (None if absent)."""
        hits = [m for m in obj.members if fold(m.key) == fold(key)]
        return hits[0] if hits else None

    def render(self, text: str) -> bytes:
        """The bytes of ``text`` as this file would hold them (its UTF-8 BOM, if it has one)."""
        return (UTF8_BOM if self.bom else b"") + text.encode("utf-8")

    # ----------------------------------------------------------- what may be shown
    def masked_text(self, shown: Dict[int, Optional[str]]) -> str:
        """The text with every value masked but those named in ``shown``; keys and structure as in the file.

        ``shown`` maps the start offset of a value to None (show it as written) or to the JSON text to
        show instead. Every other scalar becomes MASK, at any depth, whatever its key is called.
        """
        parts = []
        pos = 0
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node.start in shown:
                if shown[node.start] is None:
                    continue
                parts.append(self.text[pos:node.start])
                parts.append(shown[node.start])
                pos = node.end
            elif node.kind in ("object", "array"):
                children = [m.value for m in node.members] + list(node.items)
                stack.extend(reversed(children))
            else:
                parts.append(self.text[pos:node.start])
                parts.append(json.dumps(MASK))
                pos = node.end
        parts.append(self.text[pos:])
        return "".join(parts)

    # ----------------------------------------------------------- edits (each returns new text)
    def replace(self, node: Node, value: Any) -> str:
        return self.text[:node.start] + _dump(value) + self.text[node.end:]

    def insert(self, obj: Node, key: str, value: Any) -> str:
        """Add ``key: value`` as the last member of ``obj``, in the file's own style."""
        colon = self._colon_style()
        if obj.members:
            last = obj.members[-1]
            lead = self._lead_of(obj, len(obj.members) - 1)
            inner_indent = _indent_after_newline(lead)
            rendered = self._render_value(value, inner_indent, colon)
            text = "," + lead + _dump(key) + colon + rendered
            return self.text[:last.value.end] + text + self.text[last.value.end:]
        # an empty object: indent one step deeper than the line it starts on
        if self._minified():
            inner = _dump(key) + colon + self._render_value(value, None, colon)
            return self.text[:obj.start + 1] + inner + self.text[obj.end - 1:]
        base = self._line_indent(obj.start)
        indent = base + self._indent_unit()
        inner = (self.newline + indent + _dump(key) + colon
                 + self._render_value(value, indent, colon) + self.newline + base)
        return self.text[:obj.start + 1] + inner + self.text[obj.end - 1:]

    def remove(self, obj: Node, index: int) -> str:
        """Remove the member at ``index`` of ``obj`` with its separator; the others stay as they are."""
        members = obj.members
        m = members[index]
        if len(members) == 1:
            return self.text[:obj.start + 1] + self.text[obj.end - 1:]
        if index > 0:
            return self.text[:members[index - 1].value.end] + self.text[m.value.end:]
        return self.text[:m.key_start] + self.text[members[1].key_start:]

    # ----------------------------------------------------------- style
    def _lead_of(self, obj: Node, index: int) -> str:
        """Whitespace before the key of member ``index``."""
        m = obj.members[index]
        prev_end = obj.start + 1 if index == 0 else obj.members[index - 1].value.end
        between = self.text[prev_end:m.key_start]
        return between[between.index(",") + 1:] if "," in between else between

    def _colon_style(self) -> str:
        for obj in self._objects():
            for m in obj.members:
                return self.text[m.key_end:m.value.start]
        return ": "

    def _minified(self) -> bool:
        return "\n" not in self.text.strip()

    def _indent_unit(self) -> str:
        """The smallest indentation step the file uses (tabs or spaces)."""
        steps = []
        for obj in self._objects():
            if not obj.members:
                continue
            inner = _indent_after_newline(self._lead_of(obj, 0))
            outer = self._line_indent(obj.start)
            if inner is not None and inner.startswith(outer) and len(inner) > len(outer):
                steps.append(inner[len(outer):])
        if steps:
            return min(steps, key=len)
        return "  "

    def _line_indent(self, pos: int) -> str:
        line_start = self.text.rfind("\n", 0, pos) + 1
        # pos is an object's "{": the blanks before it on its line, without a stray carriage return
        return _WS.match(self.text, line_start).group(0).replace("\r", "")

    def _objects(self) -> Iterator[Node]:
        stack = deque([self.root])
        while stack:
            node = stack.popleft()
            if node.kind == "object":
                yield node
            stack.extend(m.value for m in node.members)
            stack.extend(node.items)

    def _render_value(self, value: Any, indent: Optional[str], colon: str) -> str:
        if not isinstance(value, dict):
            return _dump(value)
        if indent is None:  # a minified file, or an object on one line: so is the value
            return "{" + ",".join(_dump(k) + colon + self._render_value(v, None, colon)
                                  for k, v in value.items()) + "}"
        inner = indent + self._indent_unit()
        parts = [self.newline + inner + _dump(k) + colon + self._render_value(v, inner, colon)
                 for k, v in value.items()]
        return "{" + ",".join(parts) + self.newline + indent + "}"


def _indent_after_newline(lead: str) -> Optional[str]:
    if "\n" not in lead:
        return None
    return lead[lead.rindex("\n") + 1:]


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
