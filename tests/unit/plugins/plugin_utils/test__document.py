# -*- coding: utf-8 -*-
"""The file layer: parse errors, byte-preserving edits, secrets never shown."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._agent_file import AgentFile
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._document import Document, DocumentError

BOM = b"\xef\xbb\xbf"

IMPORT_CRLF = BOM + (
    '{\r\n'
    '  "JumpCloud": {\r\n'
    '    "ApiKey": "jcapi-SECRET-0123456789",\r\n'
    '    "Url": "https://console.jumpcloud.com"\r\n'
    '  },\r\n'
    '  "MainLoop": {\r\n'
    '    "PasswordChangeListener": {\r\n'
    '      "PollTimeMillis": 30000\r\n'
    '    },\r\n'
    '    "UserFieldMapping": {\r\n'
    '      "username": "sAMAccountName"\r\n'
    '    },\r\n'
    '    "UserDissociateAction": "Remove",\r\n'
    '    "Extra": [1, 2, {"nested": true}]\r\n'
    '  }\r\n'
    '}\r\n').encode()

IMPORT_TABS = '{\n\t"MainLoop": {\n\t\t"UserDisableAction": "remove"\n\t},\n\t"Tail": null\n}'.encode()
IMPORT_MINIFIED = b'{"MainLoop":{"UserDisableAction":"remove","UserFieldMapping":"userPrincipalName"},"Key":"s3cr3t-k3y"}'
SYNC_LF = (
    '{\n'
    '    "jc_api_key": "jcsync-SECRET-abcdef",\n'
    '    "ldap": {"bind_password": "P@ssw0rd-SECRET", "host": "dc01"},\n'
    '    "user_disconnection_action": "disable",\n'
    '    "membership_disconnection_action": "Remove"\n'
    '}\n').encode()


def plan(agent, raw, desired=None, unset=None):
    return AgentFile(agent, raw, "/cfg/file.json").plan(desired or {}, unset or [])


# ---------------------------------------------------------------- edits keep every other byte

def test_replace_keeps_bom_crlf_spelling_and_shape():
    p = plan("import", IMPORT_CRLF, {"user_dissociation_action": "unbind", "user_field_mapping": "userPrincipalName"})
    after = p.after.doc.raw
    assert after.startswith(BOM) and b"\r\n" in after and b"\n" not in after.replace(b"\r\n", b"")
    # the file's spelling (UserDissociateAction) and shape ({"username": ...}) are kept
    assert after == IMPORT_CRLF.replace(b'"UserDissociateAction": "Remove"', b'"UserDissociateAction": "unbind"') \
        .replace(b'"username": "sAMAccountName"', b'"username": "userPrincipalName"')
    assert [c["setting"] for c in p.changes] == ["user_dissociation_action", "user_field_mapping"]


def test_value_equal_but_for_case_is_not_rewritten():
    # docs/design.md contradiction 4: keep the file's spelling when the meaning is unchanged
    p = plan("import", IMPORT_CRLF, {"user_dissociation_action": "remove"})
    assert not p.changed and p.changes == [] and p.after.doc.raw == IMPORT_CRLF


def test_insert_in_file_style_crlf():
    p = plan("import", IMPORT_CRLF, {"user_disable_action": "suspend"})
    assert p.after.doc.raw == IMPORT_CRLF.replace(
        b'    "Extra": [1, 2, {"nested": true}]\r\n',
        b'    "Extra": [1, 2, {"nested": true}],\r\n    "UserDisableAction": "suspend"\r\n')


def test_insert_in_file_style_tabs_and_minified():
    p = plan("import", IMPORT_TABS, {"sync_account_locked_out_status": True})
    assert p.after.doc.raw == b'{\n\t"MainLoop": {\n\t\t"UserDisableAction": "remove",\n\t\t"SyncAccountLockedOutStatus": true\n\t},\n\t"Tail": null\n}'
    p = plan("import", IMPORT_MINIFIED, {"password_change_listener_poll_time_millis": 5000})
    assert p.after.doc.raw == (b'{"MainLoop":{"UserDisableAction":"remove","UserFieldMapping":"userPrincipalName",'
                               b'"PasswordChangeListener":{"PollTimeMillis":5000}},"Key":"s3cr3t-k3y"}')


def test_new_user_field_mapping_uses_the_object_shape():
    # docs/design.md: where the key is absent, write the object shape the vendor's script uses
    p = plan("import", IMPORT_TABS, {"user_field_mapping": "sAMAccountName"})
    assert json.loads(p.after.doc.text)["MainLoop"]["UserFieldMapping"] == {"username": "sAMAccountName"}
    assert '\t\t"UserFieldMapping": {\n\t\t\t"username": "sAMAccountName"\n\t\t}\n' in p.after.doc.text


def test_missing_section_is_created():
    p = plan("import", b'{\n  "JumpCloud": {"ApiKey": "k-123"}\n}\n', {"user_disable_action": "suspend"})
    assert p.after.doc.text == '{\n  "JumpCloud": {"ApiKey": "k-123"},\n  "MainLoop": {\n    "UserDisableAction": "suspend"\n  }\n}\n'


def test_new_membership_key_uses_the_reference_spelling_existing_keeps_its_own():
    # docs/design.md contradiction 3
    p = plan("sync", b'{\n  "a": 1\n}\n', {"membership_disconnection": "retain"})
    assert '"membership_disconnection": "retain"' in p.after.doc.text
    p = plan("sync", SYNC_LF, {"membership_disconnection": "retain"})
    assert p.after.doc.raw == SYNC_LF.replace(b'"membership_disconnection_action": "Remove"',
                                              b'"membership_disconnection_action": "retain"')


@pytest.mark.parametrize("name, expected", [
    ("user_dissociation_action", '    "Extra": [1, 2, {"nested": true}]'),
    ("password_change_listener_poll_time_millis", '  "MainLoop": {\r\n    "UserFieldMapping"'),
    ("user_field_mapping", '    },\r\n    "UserDissociateAction"'),
])
def test_unset_removes_the_key_and_its_empty_holder(name, expected):
    p = plan("import", IMPORT_CRLF, unset=[name])
    assert name not in p.after.settings() and expected in p.after.doc.text
    assert p.after.doc.raw.startswith(BOM)
    json.loads(p.after.doc.text)


def test_unset_last_and_first_members():
    raw = b'{"sync_group": "CN=a,DC=b", "group_disconnection_action": "retain"}'
    assert plan("sync", raw, unset=["group_disconnection_action"]).after.doc.raw == b'{"sync_group": "CN=a,DC=b"}'
    assert plan("sync", raw, unset=["sync_group"]).after.doc.raw == b'{"group_disconnection_action": "retain"}'
    assert plan("sync", b'{"sync_group": "CN=a,DC=b"}', unset=["sync_group"]).after.doc.raw == b"{}"


def test_second_run_changes_nothing():
    desired = {"user_disable_action": "suspend", "user_expire_action": "expire", "user_field_mapping": "userPrincipalName",
               "sync_additional_attributes": False, "password_change_listener_poll_time_millis": 60000}
    first = plan("import", IMPORT_CRLF, desired)
    second = plan("import", first.after.doc.raw, desired)
    assert first.changed and not second.changed and second.changes == []


# ---------------------------------------------------------------- refused input

@pytest.mark.parametrize("raw, message", [
    (b"", "is empty"),
    (b"   \r\n", "is empty"),
    # the wording is Python's own (3.13 says "Illegal trailing comma"); the place is ours to report
    (b'{"MainLoop": {"UserDisableAction": "remove",}}', re.compile(r"not valid JSON: .+ at line 1, column 4[45]")),
    (b'{\n  "MainLoop": {\n    // comment\n  }\n}', "not valid JSON: Expecting property name enclosed in double quotes at line 3, column 5"),
    (b'{"MainLoop": {"a": 1, "a": 2}}', 'duplicate key "a"'),
    (b'{"MainLoop": {"a": NaN}}', "NaN is not valid JSON"),
    (b"[1, 2]", "top level is a JSON array"),
    (b'"text"', "top level is a JSON value"),
    (b'{"MainLoop": []}', "MainLoop must be a JSON object, found a array at line 1"),
    (b'{"MainLoop": {}, "mainloop": {}}', "holds MainLoop twice"),
    ('{"a": "é"}'.encode("utf-16"), "encoded as UTF-16 LE"),
    ('{"a": "é"}'.encode("latin-1"), "is not valid UTF-8 (byte 7)"),
    (b"{" + b" " * (1024 * 1024) + b"}", "larger than the 1048576 bytes"),
])
def test_bad_files_are_refused_clearly(raw, message):
    pattern = message if isinstance(message, re.Pattern) else re.escape(message)
    with pytest.raises(DocumentError, match=pattern) as exc:
        AgentFile("import", raw, "/cfg/jcadimportagent.config.json")
    assert "/cfg/jcadimportagent.config.json" in str(exc.value)


def test_two_spellings_in_the_file_are_structural_errors():
    f = AgentFile("import", b'{"MainLoop": {"UserDissociationAction": "remove", "userDissociateAction": "remove"}}', "p")
    assert [x["code"] for x in f.reading.findings] == ["duplicate_key"]


# ---------------------------------------------------------------- secrets

@pytest.mark.parametrize("raw, secrets", [
    (IMPORT_CRLF, ["jcapi-SECRET-0123456789"]),
    (SYNC_LF, ["jcsync-SECRET-abcdef", "P@ssw0rd-SECRET"]),
    (IMPORT_MINIFIED, ["s3cr3t-k3y"]),
])
def test_redacted_text_hides_every_secret_and_nothing_else(raw, secrets):
    doc = Document(raw, "p")
    red = doc.redacted_text()
    for s in secrets:
        assert s not in red
    assert sorted(doc.secret_values()) == sorted(secrets)
    # the rest of the text is as it was
    assert red.count("\n") == doc.text.count("\n")
    assert "PasswordChangeListener" not in doc.secret_values()


# ---------------------------------------------------------------- properties

_KEYS = st.text(alphabet=st.characters(codec="utf-8", exclude_characters='"\\', exclude_categories=("Cs", "Cc")),
                min_size=1, max_size=8)
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 6, 10 ** 6), st.text(max_size=10))
_JSON = st.recursive(
    _SCALARS, lambda kids: st.one_of(st.lists(kids, max_size=3), st.dictionaries(_KEYS, kids, max_size=3)),
    max_leaves=8)


def _value_for(s, draw):
    if s.type == "bool":
        return draw(st.booleans())
    if s.type == "int":
        return draw(st.integers(1, 10 ** 7))
    if s.choices:
        return draw(st.sampled_from(s.choices))
    return "CN=%s,DC=example,DC=com" % draw(st.sampled_from(["JC", "Groups", "ADI Sync"]))


@st.composite
def documents(draw, agent):
    """A random agent file: unknown keys and sections, some settings in random spellings and shapes, random style."""
    section = {}
    for s in catalog.settings_of(agent):
        if draw(st.booleans()):
            key = draw(st.sampled_from(list(s.all_keys) + [s.key.lower()]))
            value = _value_for(s, draw)
            if s.object_member and draw(st.booleans()):
                value = {s.object_member: value}
            if s.parent:
                section.setdefault(s.parent[0], {})[key] = value
            else:
                section[key] = value
    extra = draw(st.dictionaries(_KEYS.filter(lambda k: catalog.find(agent, k) is None
                                              and k.lower() not in ("mainloop", "passwordchangelistener")),
                                 _JSON, max_size=3))
    for k, v in extra.items():
        section.setdefault(k, v)
    data = {"Other": draw(_JSON), "MainLoop": section} if agent == "import" else section
    indent = draw(st.sampled_from([None, 2, 4, "\t"]))
    text = json.dumps(data, indent=indent, ensure_ascii=draw(st.booleans()),
                      separators=draw(st.sampled_from([(",", ": "), (",", ":"), (", ", " : ")])) if indent is None
                      else None)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    raw = (BOM if draw(st.booleans()) else b"") + text.encode("utf-8")
    return raw


@st.composite
def edits(draw, agent):
    names = [s.name for s in catalog.settings_of(agent)]
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    split = draw(st.integers(0, len(chosen)))
    by = catalog.by_name(agent)
    desired = {n: _value_for(by[n], draw) for n in chosen[:split]}
    return desired, chosen[split:]


@pytest.mark.parametrize("agent", catalog.AGENTS)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_edits_keep_untouched_bytes_and_reparse_to_the_intended_settings(agent, data):
    raw = data.draw(documents(agent))
    desired, unset = data.draw(edits(agent))
    before = AgentFile(agent, raw, "p")
    p = before.plan(desired, unset)
    after = AgentFile(agent, p.after.doc.raw, "p")  # re-parse from bytes
    found = after.settings()
    for name, value in desired.items():
        assert found[name] == value or (isinstance(value, str) and found[name].lower() == value.lower())
    for name in unset:
        assert name not in found
    # BOM and line endings as they were
    assert after.doc.bom == before.doc.bom
    if "\r\n" in before.doc.text:
        assert "\n" not in after.doc.text.replace("\r\n", "")
    # every member the edit does not touch keeps its exact text
    section = before.section
    touched = {f.key for n, f in before.reading.found.items() if n in desired or n in unset}
    touched |= {p_ for n, f in before.reading.found.items() if n in desired or n in unset for p_ in f.setting.parent}
    if section is not None:
        for m in section.members:
            if m.key not in touched:
                assert before.doc.text[m.key_start:m.value.end] in after.doc.text
        assert after.doc.text[:section.start] == before.doc.text[:section.start]
        tail = before.doc.text[section.end:]
        assert after.doc.text.endswith(tail)
    # and a second run changes nothing
    assert not after.plan(desired, unset).changed
