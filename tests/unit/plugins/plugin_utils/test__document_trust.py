# -*- coding: utf-8 -*-
"""Trust, round 3 (issue 21), the file layer and the settings' values: no part of an invalid value in a message, no
crash on a lone surrogate or a huge exponent, a scan that stays linear, and what json.loads refuses said as what it is.

The scanner is checked against the standard library's json module on generated and pathological texts: the same
verdict (but for the documented refusals), the same values at the offsets it records, and DocumentError as the only
exception. Its speed is measured by bench/scan_worst_case.py, never timed here.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal, InvalidOperation

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _document
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._agent_file import AgentFile
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._document import Document
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import DocumentError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import (
    dn_problem, is_valid, parse_settings, shown, value_findings)

_EXAMPLES = int(os.environ.get("ADI_PROPERTY_EXAMPLES", "200"))
PROPERTY = settings(max_examples=_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
IMPORT = "/cfg/jcadimportagent.config.json"
SYNC = "/cfg/config.json"


def refusal(raw, agent="import"):
    with pytest.raises(DocumentError) as exc:
        AgentFile(agent, raw, IMPORT if agent == "import" else SYNC)
    message = str(exc.value)
    message.encode("utf-8")  # every report is written as UTF-8: a message that cannot be would sink it
    return message


def sync_findings(value):
    return value_findings(parse_settings("sync", {"sync_group": value}, file=True))


# ---------------------------------------------------------------- 1. no part of an invalid value in a DN error
# Sync Agent Settings > sync_group: the distinguished name of a group. docs/security.md: an invalid value is named
# only as a short plain word (letters, digits, _.-, up to 24 characters), otherwise by its type and length.
SECRET = "c2VjcmV0cGFzc3dvcmQxMjM0NTY3ODkwMTIzNDU2Nzg5MA=="


def pieces(value, size=4):
    return {value[i:i + size] for i in range(len(value) - size + 1)}


@pytest.mark.parametrize("value", [
    SECRET,  # the issue's pasted key: "<letters/digits>=<x>" read as an attribute type
    "Pwd4Winter2026x=Summer,CN=JumpCloud",  # any attribute type but CN
    "CN=#4142Zq9x,DC=corp",  # a #-hex value followed by more of the value
    "CN=Jump;Zq9xW7,DC=corp",  # an unescaped special character in the middle of a secret
    "CN=a,DC=b;Zq9xW7",
])
def test_a_dn_error_names_no_part_of_the_value(value):
    [found] = sync_findings(value)
    assert found["code"] == "invalid_dn"
    leaked = {p for p in pieces(value) if p in found["message"]}
    assert leaked <= pieces("CN=JumpCloud,OU=Groups,DC=example,DC=com"), found["message"]  # the message's own example
    assert "a string of %d characters" % len(value) in found["message"]


def test_a_dn_error_still_says_where_and_which_rfc_4514_type_it_starts_with():
    assert dn_problem(SECRET) == "a group's DN starts with CN=, not another attribute type"
    assert dn_problem("OU=Groups,DC=example,DC=com") == "a group's DN starts with CN=, not OU="  # RFC 4514's own type
    assert dn_problem("CN=#4142Zq,DC=corp") == "a #-hexadecimal value is followed at character 9 by neither ',' nor '+'"
    assert dn_problem("CN=Jump;Zq,DC=corp").startswith("an unescaped special character at character 8 (")


# Characters no message template holds, so any of them in a message came from the value.
_FOREIGN = "QVWXYZ!$%^~\u00e9\u0436\u20ac"
_PLAIN_WORD = re.compile(r"[A-Za-z0-9_.-]{1,24}\Z")  # docs/security.md, "warnings, findings, errors"
# letters alone read as an attribute type or a value; the others break the syntax at once
_secret = st.text(alphabet=_FOREIGN[:6], min_size=1, max_size=40) | st.text(alphabet=_FOREIGN, min_size=1, max_size=40)
_SYNC_GROUP = catalog.find("sync", "sync_group")
_dn_shapes = st.sampled_from([
    "{s}", "{s}=", "{s}=x", "CN={s}", "CN=a,{s}", "CN=a;{s}", "CN=#41{s}", "{s},CN=a", "CN=a+{s}", "CN={s}\\",
    "CN=a,DC=b{s}", "CN=\ud800{s}", "OU={s},DC=x", "CN=a,DC=b;{s}", "{s} =CN", "CN=a,,{s}", "CN=<{s}>",
])


@PROPERTY
@given(setting=st.just(_SYNC_GROUP) | st.sampled_from([s for a in catalog.AGENTS for s in catalog.settings_of(a)]),
       shape=_dn_shapes, secret=_secret)
@example(setting=_SYNC_GROUP, shape="{s}=x", secret="QVWXYZ" * 5)
@example(setting=_SYNC_GROUP, shape="CN=#41{s}", secret="QVWXYZ")
def test_no_message_built_from_an_invalid_value_holds_more_of_it_than_a_short_plain_word(setting, shape, secret):
    value = shape.format(s=secret)
    if is_valid(setting, value):
        return
    key = setting.key if not setting.parent else None
    data = {key: value} if key else {setting.parent[0]: {setting.key: value}}
    messages = [f["message"] for f in value_findings(parse_settings(setting.agent, data, file=True))]
    messages.append(str(shown(setting, value)))
    for message in messages:
        message.encode("utf-8")
        if _PLAIN_WORD.match(value):
            continue  # named as it is, by design (docs/security.md)
        assert not set(message) & set(_FOREIGN), (value, message)


# ---------------------------------------------------------------- 2. lone surrogates
# JSON text may hold "\ud800" (RFC 8259 section 8.2: such a string is valid JSON with unpredictable behaviour); no
# UTF-8 report can hold it as a character.

@pytest.mark.parametrize("value", ["CN=Jump\ud800Cloud,OU=Groups,DC=example,DC=com", "CN=\udc00,DC=x",
                                   "CN=a,DC=\udbff"])
def test_a_dn_with_a_lone_surrogate_is_refused_and_only_described(value):
    sync_group = catalog.find("sync", "sync_group")
    assert not is_valid(sync_group, value)
    assert "lone UTF-16 surrogate" in dn_problem(value)
    assert shown(sync_group, value) == "<a string of %d characters>" % len(value)
    [found] = sync_findings(value)
    found["message"].encode("utf-8")


def test_a_paired_surrogate_is_a_character_and_stays_valid():
    raw = b'{"sync_group": "CN=Jump\\ud83d\\ude00Cloud,DC=example,DC=com"}'
    f = AgentFile("sync", raw, SYNC)
    assert f.settings()["sync_group"] == "CN=Jump\U0001F600Cloud,DC=example,DC=com"


def test_a_lone_surrogate_in_a_sync_group_read_from_a_file_is_not_carried_as_a_value():
    raw = b'{"sync_group": "CN=Jump\\ud800Cloud,OU=Groups,DC=example,DC=com"}'
    f = AgentFile("sync", raw, SYNC)
    json.dumps(f.settings(), ensure_ascii=False).encode("utf-8")
    f.masked_text().encode("utf-8")


def test_an_unknown_key_with_a_lone_surrogate_held_twice_is_named_escaped():
    message = refusal(b'{"MainLoop": {}, "\\udc00x": 1, "\\udc00x": 2}')
    assert 'holds the key "\\udc00x" twice in one object (line 1, columns 18 and 32)' in message


def test_an_unknown_key_with_a_lone_surrogate_is_kept_byte_for_byte_by_an_edit():
    raw = b'{"\\udc00x": "\\ud800", "MainLoop": {"UserDisableAction": "suspend"}}'
    plan = AgentFile("import", raw, IMPORT).plan({"user_disable_action": "remove"}, [])
    assert plan.after.doc.raw == raw.replace(b'"suspend"', b'"remove"')
    plan.after.masked_text().encode("utf-8")


# ---------------------------------------------------------------- 3. the nesting scan is linear
# Linearity rests on one invariant: the string pattern matches at every quote, closed or not, so no quote is tried
# twice. The old pattern needed the closing quote and was retried from each escaped quote of an open string.
_string_at = re.compile(_document._ANY_STRING)


@PROPERTY
@given(st.text(alphabet='"\\ab{}[],:\n', max_size=60))
@example('{"MainLoop": {}, "Note": "' + '\\"' * 20)
@example('"\\')
def test_a_string_match_starts_at_every_quote_and_never_fails(text):
    for i, ch in enumerate(text):
        if ch == '"':
            m = _string_at.match(text, i)
            assert m is not None
            end = m.end()
            assert end == len(text) or text[end - 1] == '"'


def test_the_issues_open_string_of_escaped_quotes_is_refused_as_invalid_json():
    # an import file {"MainLoop": {}, "Note": " followed by \" many times (issue 21, item 3)
    message = refusal(('{"MainLoop": {}, "Note": "' + '\\"' * 32000).encode())
    assert "is not valid JSON: Unterminated string starting at (line 1, column 26)" in message


def test_nesting_past_an_open_string_is_not_counted():
    # the brackets after an open quote are inside that string: not structure, so not "too deep"
    message = refusal(('{"MainLoop": {}, "Note": "' + "[" * 500).encode())
    assert "Unterminated string" in message and "levels deep" not in message
    message = refusal(("[" * 201 + '"').encode())
    assert "nests JSON more than 200 levels deep (line 1, column 201)" in message


# ---------------------------------------------------------------- 6. what json.loads refuses, said as what it is
# RFC 8259 has no comments, no trailing commas, no NUL byte outside an escape; the vendor document names the files
# (jcadimportagent.config.json, config.json) as JSON. Json.NET accepts comments and trailing commas, .NET's
# System.Text.Json refuses both by default: which the agents use is not documented, so the message says both.

@pytest.mark.parametrize("raw, expected", [
    (b'{\n  "MainLoop": {\n    // UserDisableAction: suspend\n  }\n}', "holds a comment (line 3, column 5)"),
    (b'{"MainLoop": {} /* by hand */}', "holds a comment (line 1, column 17)"),
    (b'{"MainLoop": {}} // trailing', "holds a comment (line 1, column 18)"),
    (b'{"MainLoop": {"UserDisableAction": "remove",\r\n  }\r\n}',
     "has a comma after the last member of an object (line 1, column 44)"),
    (b'{"MainLoop": {}, "Extra": [1, 2, ]}', "has a comma after the last item of a list (line 1, column 32)"),
])
def test_comments_and_trailing_commas_are_named_with_where_and_whether_the_agent_may_read_them(raw, expected):
    message = refusal(raw)
    assert expected in message
    assert "Json.NET" in message and "System.Text.Json" in message and "strict JSON (RFC 8259)" in message


@pytest.mark.parametrize("raw", [b'{"MainLoop": {,}}', b'{"MainLoop": [,]}', b'{"MainLoop": [1,,]}', b"},"])
def test_a_comma_that_is_not_after_a_last_item_keeps_the_parsers_own_message(raw):
    message = refusal(raw)
    assert "is not valid JSON: Expecting" in message and "comma after the last" not in message


IMPORT_TEXT = '{\r\n  "MainLoop": {\r\n    "UserDisableAction": "suspend"\r\n  }\r\n}\r\n'


@pytest.mark.parametrize("codec, name", [("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE"),
                                         ("utf-32-le", "UTF-32 LE"), ("utf-32-be", "UTF-32 BE")])
def test_utf16_and_utf32_without_a_byte_order_mark_are_named(codec, name):
    message = refusal(IMPORT_TEXT.encode(codec))
    assert "is encoded as %s without a byte order mark; the ADI agents read UTF-8" % name in message
    assert message.endswith("save it as UTF-8")


def test_a_file_of_nul_bytes_is_named_as_zeroed():
    message = refusal(b"\x00" * 4096)
    assert message == ("%s holds only NUL bytes (4096): the file was zeroed, as a crash or a full disk can leave it, "
                       "and no agent can read it: restore it from a backup" % IMPORT)


def test_a_nul_byte_inside_a_file_is_located():
    raw = IMPORT_TEXT.replace("suspend", "sus\x00pend").encode()
    assert "holds a NUL byte at line 3 (byte %d)" % raw.index(b"\x00") in refusal(raw)


def test_an_escaped_nul_is_json_and_is_kept():
    raw = b'{"MainLoop": {"UserDisableAction": "suspend"}, "Note": "a\\u0000b"}'
    assert AgentFile("import", raw, IMPORT).settings()["user_disable_action"] == "suspend"


# ---------------------------------------------------------------- 10. JSONTestSuite's implementation-defined numbers
# nst/JSONTestSuite (test_parsing/i_number_*.json), each embedded as an unknown key of an import file: either the
# file is edited byte-surgically, or it is refused with a DocumentError; never another exception.
I_NUMBERS = {
    "i_number_double_huge_neg_exp": "[123.456e-789]",
    "i_number_huge_exp": "[0.4e00669999999999999999999999999999999999999999999999999999999999999999999999999999999999"
                         "999999999999999999999999999999999969999999006]",
    "i_number_neg_int_huge_exp": "[-1e+9999]",
    "i_number_pos_double_huge_exp": "[1.5e+9999]",
    "i_number_real_neg_overflow": "[-123123e100000]",
    "i_number_real_pos_overflow": "[123123e100000]",
    "i_number_real_underflow": "[123e-10000000]",
    "i_number_too_big_neg_int": "[-123123123123123123123123123123]",
    "i_number_too_big_pos_int": "[100000000000000000000]",
    "i_number_very_big_negative_int": "[-237462374673276894279832749832423479823246327846]",
}


@pytest.mark.parametrize("name", sorted(I_NUMBERS))
def test_jsontestsuite_implementation_defined_numbers_are_edited_or_refused(name):
    raw = ('{\n  "MainLoop": {"UserDisableAction": "suspend"},\n  "%s": %s\n}\n' % (name, I_NUMBERS[name])).encode()
    try:
        plan = AgentFile("import", raw, IMPORT).plan({"user_disable_action": "remove"}, [])
    except DocumentError as exc:
        assert name == "i_number_huge_exp", exc
        assert str(exc) == ("%s holds a number whose exponent is too large to keep its value (line 3, column 25; "
                            "beyond 10 to the power of 999999999999999999): write it with a smaller exponent" % IMPORT)
        return
    assert plan.after.doc.raw == raw.replace(b'"suspend"', b'"remove"')


def test_a_huge_exponent_is_located_after_the_same_text_inside_a_string():
    huge = "1e" + "9" * 30
    raw = ('{"MainLoop": {}, "a": "%s",\n "b": [0, %s]}' % (huge, huge)).encode()
    assert "(line 2, column 11;" in refusal(raw)


# ---------------------------------------------------------------- the scanner against the standard library
class _Refused(Exception):
    pass


class _Object(list):
    """An object's members as (key, value) pairs, in the order the text holds them."""


def _pairs(pairs):
    keys = [k for k, _v in pairs]
    if len(set(keys)) != len(keys):
        raise _Refused("duplicate key")
    return _Object(pairs)


def _constant(name):
    raise _Refused(name)


def _float(text):
    try:
        return Decimal(text)
    except InvalidOperation:
        raise _Refused("huge exponent") from None


def _depth(value):
    if isinstance(value, list):
        inner = [v for _k, v in value] if isinstance(value, _Object) else value
        return 1 + max([_depth(v) for v in inner], default=0)
    return 0


REFUSED = object()


def expected(text):
    """The stdlib's verdict, with the file layer's documented refusals applied: the parsed value, or REFUSED."""
    if not text.strip() or len(text.encode("utf-8")) > _document.MAX_BYTES:
        return REFUSED
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant, parse_float=_float,
                           parse_int=lambda t: int(t) if len(t) < 4000 else Decimal(t))
    except (ValueError, _Refused):  # JSONDecodeError is a ValueError
        return REFUSED
    return REFUSED if _depth(value) > _document.MAX_DEPTH else value


def same_tree(doc, node, value):
    """Every offset the scanner recorded holds, in the text, the value the stdlib parsed there."""
    if isinstance(value, _Object):
        assert node.kind == "object"
        assert [m.key for m in node.members] == [k for k, _v in value]
        for m, (_k, v) in zip(node.members, value):
            assert doc.text[m.key_start] == '"' and doc.text[m.key_end - 1] == '"'
            same_tree(doc, m.value, v)
    elif node.kind == "array":
        assert isinstance(value, list) and len(node.items) == len(value)
        for item, v in zip(node.items, value):
            same_tree(doc, item, v)
    else:
        got = doc.value_of(node)
        assert type(got) is type(value) and got == value, (doc.text[node.start:node.end], value)


_scalars = (st.none() | st.booleans() | st.integers(min_value=-10 ** 30, max_value=10 ** 30)
            | st.floats(allow_nan=False, allow_infinity=False) | st.text(st.characters(blacklist_categories=())))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(st.characters(blacklist_categories=()), max_size=6), inner, max_size=4), max_leaves=25)


def _dump(value, indent, ascii_only):
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    # a lone surrogate has no UTF-8 form: written as itself it becomes U+FFFD, as an editor would write it
    return text if ascii_only else text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


_FRAGMENTS = ['"', '\\"', '\\', '\\\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '\r\n', '0', '-1', '1.5', 'e',
              '1e999999999999999999999', '0.4e0066999999999999999999999', 'true', 'nul', 'NaN', '-Infinity',
              '\\ud800', '\\udc00', '\\ud83d\\ude00', '\\u', '//', '/*', '*/', 'x', '\u00e9', '\x00', '\x1f', '"a"',
              '"a":', '{"a":', '[[[[', ']]]]']


@st.composite
def texts(draw):
    kind = draw(st.sampled_from(["dumped", "mutated", "fragments", "deep", "long"]))
    if kind in ("dumped", "mutated"):
        text = _dump(draw(_values), draw(st.sampled_from([None, 0, 2, "\t"])), draw(st.booleans()))
        if kind == "mutated" and text:
            i = draw(st.integers(0, len(text)))
            j = draw(st.integers(i, min(len(text), i + 3)))
            text = text[:i] + draw(st.sampled_from(_FRAGMENTS + [""])) + text[j:]
        return text
    if kind == "fragments":
        return "".join(draw(st.lists(st.sampled_from(_FRAGMENTS), max_size=30)))
    if kind == "deep":
        depth = draw(st.integers(_document.MAX_DEPTH - 2, _document.MAX_DEPTH + 2))
        opener = draw(st.sampled_from(["[", '{"k":']))
        closer = "]" if opener == "[" else "}"
        return opener * depth + draw(st.sampled_from(["0", '"x"', "", '"\\"'])) + closer * draw(
            st.sampled_from([depth, depth - 1]))
    piece = draw(st.sampled_from(['\\"', "a", "\\\\", "\\u00e9", "9"]))
    count = draw(st.integers(1000, 20000))
    quote = draw(st.sampled_from(['"', ""]))
    return '{"MainLoop": {}, "Note": ' + quote + piece * count + draw(st.sampled_from(['"}', "}", ""]))


@PROPERTY
@given(texts())
@example('{"a": [0.4e00669999999999999999999999999999]}')
@example('{"\\udc00x": 1, "\\udc00x": 2}')
@example('{"a": "\\ud800"}')
@example('{"a": 1,}')
def test_the_scanner_agrees_with_the_standard_library(text):
    raw = text.encode("utf-8")
    want = expected(text)
    try:
        doc = Document(raw, "/cfg/f.json")
    except DocumentError as exc:
        str(exc).encode("utf-8")
        assert want is REFUSED, (text, str(exc))
        return
    assert want is not REFUSED, text
    same_tree(doc, doc.root, want)


@PROPERTY
@given(st.binary(max_size=200) | st.builds(lambda b, t: b + t.encode("utf-8"), st.sampled_from(
    [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00\x00"]), texts()))
@example(b'{"MainLoop": {}, "Note": ' + b"9" * 4301 + b"}")
def test_any_bytes_are_read_or_refused_with_a_document_error(raw):
    try:
        doc = Document(raw, "/cfg/f.json")
    except DocumentError as exc:
        str(exc).encode("utf-8")
        return
    # the stdlib takes what we took (integers as Decimal: Python's int() refuses more than 4300 digits, a limit of the
    # conversion, not of JSON; hypothesis found one on Python 3.13)
    json.loads(raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw, parse_int=Decimal)
    doc.masked_text({}).encode("utf-8")
