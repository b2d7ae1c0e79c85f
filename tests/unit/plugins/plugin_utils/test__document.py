# -*- coding: utf-8 -*-
"""The file layer: parse errors, byte-preserving edits, only catalog values shown."""

from __future__ import annotations

import codecs
import json
import os
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._agent_file import AgentFile
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._document import Document
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import DocumentError

BOM = b"\xef\xbb\xbf"
_EXAMPLES = int(os.environ.get("ADI_PROPERTY_EXAMPLES", "200"))

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
    # said as what it is, at the comma (Python up to 3.12 stops after it, 3.13 at it) or the comment
    (b'{"MainLoop": {"UserDisableAction": "remove",}}',
     "has a comma after the last member of an object (line 1, column 44); JSON allows none there"),
    (b'{\n  "MainLoop": {\n    // comment\n  }\n}', "holds a comment (line 3, column 5); JSON has no comments"),
    (b'{"MainLoop": {"a": 1, "a": 2}}', 'holds the key "a" twice'),
    (b'{"MainLoop": {"a": NaN}}', "NaN is not a JSON value"),
    (b"[1, 2]", "top level is a JSON array"),
    (b'"text"', "top level is a JSON value"),
    (b'{"MainLoop": []}', "MainLoop must be a JSON object, found an array at line 1"),
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


@pytest.mark.parametrize("raw, spellings", [
    # a top-level alias pair (the vendor document: "UserDissociateAction" in the upgrade notes and the script)
    (b'{"MainLoop": {"UserDissociationAction": "remove",\n "userDissociateAction": "remove"}}',
     ['"UserDissociationAction" at line 1', '"userDissociateAction" at line 2']),
    # the same key in two cases inside an object the catalog reads (UserFieldMapping.username)
    (b'{"MainLoop": {"UserFieldMapping": {"username": "sAMAccountName",\n "UserName": "userPrincipalName"}}}',
     ['"username" at line 1', '"UserName" at line 2']),
    # PasswordChangeListener.PollTimeMillis in two cases
    (b'{"MainLoop": {"PasswordChangeListener": {"PollTimeMillis": 5,\n\n "polltimemillis": 6}}}',
     ['"PollTimeMillis" at line 1', '"polltimemillis" at line 3']),
    # the parent object itself in two cases, one of them empty
    (b'{"MainLoop": {"PasswordChangeListener": {},\n "passwordchangelistener": {"PollTimeMillis": 6}}}',
     ['"PasswordChangeListener" at line 1', '"passwordchangelistener" at line 2']),
])
def test_two_spellings_at_any_depth_are_refused_with_lines_and_spellings(raw, spellings):
    with pytest.raises(DocumentError) as exc:
        AgentFile("import", raw, "p")
    message = str(exc.value)
    assert "holds one setting more than once" in message
    for spelling in spellings:
        assert spelling in message


def test_unknown_keys_in_two_cases_are_not_ours_to_refuse():
    f = AgentFile("import", b'{"MainLoop": {"Foo": 1, "foo": 2, "UserDisableAction": "remove"}}', "p")
    assert f.settings() == {"user_disable_action": "remove"}


@pytest.mark.parametrize("agent, raw, other", [
    ("sync", b'{"MainLoop": {"UserDisableAction": "remove"}}', "AD Import agent's file (jcadimportagent.config.json)"),
    ("import", b'{"MainLoop": {},\n "user_disconnection_action": "remove"}', "AD Sync agent's file (config.json)"),
    ("import", b'{"sync_group": "CN=JC,DC=example,DC=com"}', "AD Sync agent's file (config.json)"),
])
def test_a_file_of_the_other_agent_is_refused_naming_both(agent, raw, other):
    with pytest.raises(DocumentError) as exc:
        AgentFile(agent, raw, "p").plan({}, [])
    assert other in str(exc.value) and catalog.AGENT_TITLES[agent] in str(exc.value)


def test_sync_account_locked_out_status_at_the_top_of_an_import_file_is_not_taken_for_the_sync_agent():
    # the key is a setting of both agents (vendor document: Import Agent Settings and Sync Agent Settings)
    f = AgentFile("import", b'{"MainLoop": {}, "SyncAccountLockedOutStatus": true}', "p")
    assert f.settings() == {}


def test_unset_of_a_setting_in_the_object_shape_removes_only_its_member():
    raw = b'{"MainLoop": {"UserFieldMapping": {"username": "sAMAccountName", "domain": "corp"}}}'
    p = plan("import", raw, unset=["user_field_mapping"])
    assert p.after.doc.raw == b'{"MainLoop": {"UserFieldMapping": {"domain": "corp"}}}'
    assert p.changes == [{"setting": "user_field_mapping", "key": "MainLoop.UserFieldMapping",
                          "before": "sAMAccountName", "after": None}]


def test_unset_of_the_only_member_removes_the_object_it_leaves_empty():
    raw = b'{"MainLoop": {"UserFieldMapping": {"username": "sAMAccountName"}, "UserDisableAction": "suspend"}}'
    p = plan("import", raw, unset=["user_field_mapping"])
    assert p.after.doc.raw == b'{"MainLoop": {"UserDisableAction": "suspend"}}'


def test_an_edit_that_would_change_an_unknown_member_of_a_catalog_object_is_refused(monkeypatch):
    raw = b'{"MainLoop": {"UserFieldMapping": {"username": "sAMAccountName", "domain": "corp"}}}'
    f = AgentFile("import", raw, "p")
    monkeypatch.setattr(AgentFile, "_set", lambda self, s, v: self.doc.text.replace(
        '"domain": "corp"', '"domain": "other"').replace("sAMAccountName", v))
    with pytest.raises(DocumentError, match="would change more than the settings"):
        f.plan({"user_field_mapping": "userPrincipalName"}, [])


# ---------------------------------------------------------------- numbers, depth and messages

@pytest.mark.parametrize("number", ["1" * 5000, "1e400", "-1e-400", "0.1"])
def test_any_valid_json_number_outside_the_catalog_is_read_and_kept(number):
    raw = ('{"MainLoop": {"UserDisableAction": "suspend"}, "Big": %s}' % number).encode()
    p = plan("import", raw, {"user_disable_action": "remove"})
    assert p.after.doc.raw == raw.replace(b"suspend", b"remove")


@pytest.mark.parametrize("depth", [1, 10, 100, 199])
def test_deep_nesting_within_the_limit_is_edited(depth):
    raw = ('{"MainLoop": {"UserDisableAction": "suspend"}, "Deep": %s1%s}' % ('{"a": ' * depth, "}" * depth)).encode()
    p = plan("import", raw, {"user_disable_action": "remove"}, ["user_field_mapping"])
    assert p.after.doc.raw == raw.replace(b"suspend", b"remove")


@pytest.mark.parametrize("depth", [201, 5000])
def test_deeper_nesting_is_refused_with_the_file_and_line(depth):
    raw = ('{"MainLoop": {},\n "Deep": %s1%s}' % ("[" * depth, "]" * depth)).encode()
    with pytest.raises(DocumentError, match=r"^/cfg/x.json nests JSON more than 200 levels deep \(line 2, column"):
        AgentFile("import", raw, "/cfg/x.json")


@pytest.mark.parametrize("raw, message", [
    (b'{"MainLoop": []}', "MainLoop must be a JSON object, found an array at line 1"),
    (b'{"MainLoop": {"a": 1,\n "a": 2}}', 'holds the key "a" twice in one object (lines 1 and 2)'),
    # found by the adversarial review: both on one line read "(lines 1 and 1)"
    (b'{"MainLoop": {"a": 1, "a": 2}}', 'holds the key "a" twice in one object (line 1, columns 15 and 23)'),
    # Python's own wording differs by version (3.13: "Illegal trailing comma"); the place is ours to report
    (b'{"MainLoop": {"UserDisableAction": "x"\n "UserExpireAction": "expire"}}', "(line 2, column 2)"),
    (b'{"MainLoop": {"a": NaN}}', "NaN is not a JSON value (line 1)"),
])
def test_messages_read_as_sentences(raw, message):
    with pytest.raises(DocumentError) as exc:
        AgentFile("import", raw, "p")
    assert message in str(exc.value) and " at at " not in str(exc.value) and " a array" not in str(exc.value)


@pytest.mark.parametrize("raw, message", [
    (b'{"note": "NaN or Infinity",\n "MainLoop": {"UserDisableAction": "suspend",\n "x": NaN}}',
     "NaN is not a JSON value (line 3)"),
    (b'{"NaN": "Infinity",\n "x": Infinity}', "Infinity is not a JSON value (line 2)"),
])
def test_a_constant_is_placed_at_its_own_line_not_at_a_string_holding_its_name(raw, message):
    with pytest.raises(DocumentError) as exc:
        AgentFile("import", raw, "p")
    assert str(exc.value) == "p is not valid JSON: " + message


# ---------------------------------------------------------------- only what is ours is shown

# Values planted under names no pattern would call secret, in arrays, in unknown sections, as numbers.
PLANTED = ["Server=dc01;User Id=svc;Pwd=Winter2026!", "http://svc:hunter2@proxy:8080", "Bearer eyJhbGciOi.x.y",
           "X-Api: 8f14e45fceea167a", "271828182845", "disable", "corp-internal-Ring0"]
FOREIGN = (
    '{\n  "MainLoop": {\n    "UserDisableAction": "suspend",\n    "conn": "%s",\n    "proxy": "%s",\n'
    '    "UserFieldMapping": {"username": "sAMAccountName", "hint": "%s"},\n'
    '    "PasswordChangeListener": {"PollTimeMillis": 30000, "pipe": ["%s", %s]}\n  },\n'
    '  "mode": "%s", "Extra": {"deep": [{"x": "%s"}]}\n}\n' % tuple(PLANTED)).encode()


def test_masked_text_shows_catalog_values_and_masks_everything_else():
    f = AgentFile("import", FOREIGN, "p")
    masked = f.masked_text()
    for value in PLANTED:
        assert value not in masked
    for value in ('"UserDisableAction": "suspend"', '"username": "sAMAccountName"', '"PollTimeMillis": 30000'):
        assert value in masked
    # keys and structure stay: the same lines, the same keys
    assert masked.count("\n") == f.doc.text.count("\n")
    assert json.loads(masked).keys() == f.doc.data.keys()
    assert '"proxy": "********"' in masked and '"pipe": ["********", "********"]' in masked


def test_a_harmless_value_equal_to_a_masked_one_is_never_garbled():
    # "disable" sits under an unknown key and is also a valid sync value: results keep catalog values as they are
    raw = b'{"user_disconnection_action": "disable", "password": "disable", "n": 8675309}'
    f = AgentFile("sync", raw, "p")
    assert f.settings() == {"user_disconnection_action": "disable"}
    assert f.masked_text() == '{"user_disconnection_action": "disable", "password": "********", "n": "********"}'


def test_the_diff_of_an_edit_masks_both_sides_alike():
    p = plan("import", FOREIGN, {"user_disable_action": "remove"})
    before, after = AgentFile("import", FOREIGN, "p").masked_text(), p.after.masked_text()
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [('    "UserDisableAction": "suspend",', '    "UserDisableAction": "remove",')]


@pytest.mark.parametrize("value, shown", [
    ("Delete", "Delete"),  # a short plain word is shown
    ("Pwd=Winter2026!;User=svc", "<a string of 24 characters>"),
    ("8f14e45fceea167a8f14e45fceea167a", "<a string of 32 characters>"),
])
def test_an_invalid_catalog_value_is_shown_only_when_it_is_a_short_plain_word(value, shown):
    raw = ('{"MainLoop": {"UserDisableAction": "%s"}}' % value).encode()
    f = AgentFile("import", raw, "p")
    assert f.settings() == {"user_disable_action": shown}
    assert json.dumps(shown) in f.masked_text()
    messages = " ".join(x["message"] for x in f.findings())
    assert "is not one of suspend, remove, unbind" in messages
    if shown != value:
        assert value not in messages and value not in f.masked_text()


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
# fewer examples in mutation runs (tools/mutation.py sets ADI_PROPERTY_EXAMPLES): each surviving mutant runs it
@settings(max_examples=_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
    touched = {f.key for n, f in before.parsed.found.items() if n in desired or n in unset}
    touched |= {p_ for n, f in before.parsed.found.items() if n in desired or n in unset for p_ in f.setting.parent}
    if section is not None:
        for m in section.members:
            if m.key not in touched:
                assert before.doc.text[m.key_start:m.value.end] in after.doc.text
        assert after.doc.text[:section.start] == before.doc.text[:section.start]
        tail = before.doc.text[section.end:]
        assert after.doc.text.endswith(tail)
    # and a second run changes nothing
    assert not after.plan(desired, unset).changed


def test_an_object_shape_without_its_member_is_the_setting_absent_and_a_new_value_goes_into_it():
    raw = b'{"MainLoop": {"UserFieldMapping": {"domain": "corp"}}}'
    f = AgentFile("import", raw, "p")
    assert f.settings() == {}
    p = f.plan({"user_field_mapping": "userPrincipalName"}, [])
    assert p.after.doc.raw == b'{"MainLoop": {"UserFieldMapping": {"domain": "corp","username": "userPrincipalName"}}}'


@pytest.mark.parametrize("agent, raw, key", [
    ("import", b'{"MainLoop": {"user_disable_action": "suspend"}}', "user_disable_action"),
    ("import", b'{"MainLoop": {"password_change_listener_poll_time_millis": 5}}',
     "password_change_listener_poll_time_millis"),
    ("sync", b'{"sync_account_locked_out_status": true}', "sync_account_locked_out_status"),
])
def test_a_module_option_name_in_a_file_is_not_the_setting_the_agent_reads(agent, raw, key):
    f = AgentFile(agent, raw, "p")
    assert f.settings() == {}
    flagged = [x for x in f.findings() if x["code"] == "option_name_in_file"]
    assert flagged and flagged[0]["severity"] == "warning" and "the agent ignores it" in flagged[0]["message"]
    # a write adds the agent's own key; the option-named key is left as found
    p = f.plan({key: catalog.by_name(agent)[key].choices[0] if catalog.by_name(agent)[key].choices else
                (True if catalog.by_name(agent)[key].type == "bool" else 7)}, [])
    assert p.changed and key.encode() in p.after.doc.raw


def test_a_unicode_look_alike_of_a_key_is_not_the_key():
    # "UserTa\\u212aeoverAction": the Kelvin sign lowercases to k in Python, not in .NET's ordinal ignore-case
    f = AgentFile("import", '{"MainLoop": {"UserTa\u212aeoverAction": "retain"}}'.encode(), "p")
    assert f.settings() == {}


# ---------------------------------------------------------------- findings, plans and refusals, field by field
# (killing the mutants of _agent_file.py that survived the tests above: docs/testing.md, Surviving mutants)

def test_a_file_without_the_mainloop_section_is_warned_about_first():
    # Import Agent Settings: the import agent's settings sit in the MainLoop section of jcadimportagent.config.json
    f = AgentFile("import", b'{\n  "JumpCloud": {"ApiKey": "k-123"}\n}\n', "/cfg/jcadimportagent.config.json")
    first = f.findings()[0]
    assert first == {"severity": "warning", "code": "missing_section", "setting": None, "agent": "import",
                     "message": first["message"]}
    assert first["message"].startswith("/cfg/jcadimportagent.config.json has no MainLoop section")
    assert first["message"].endswith("the import agent uses its defaults")
    assert "missing_section" not in [x["code"] for x in AgentFile("import", b'{"MainLoop": {}}', "p").findings()]
    # the sync agent's settings sit at the top level of config.json: it has no such section to miss
    assert "missing_section" not in [x["code"] for x in AgentFile("sync", b'{"a": 1}', "p").findings()]


def test_findings_are_placed_at_the_line_of_the_value_they_name():
    raw = (b'{\n  "MainLoop": {\n    "PasswordChangeListener": {\n      "PollTimeMillis": 30000\n    },\n'
           b'    "UserDisableActon": "remove",\n    "UserDisableAction": "delete"\n  }\n}\n')
    f = AgentFile("import", raw, "/cfg/file.json")
    by = {x["code"]: x for x in f.findings("import_only")}
    # Import Agent Settings > PasswordChangeListener - PollTimeMillis (support only): the value is on line 4
    assert by["support_only"]["line"] == 4
    assert by["support_only"]["message"].endswith(" (/cfg/file.json, line 4)")
    # Import Agent Settings > UserDisableAction: "delete" is not an allowed value (line 7)
    assert by["invalid_choice"]["line"] == 7 and by["invalid_choice"]["message"].endswith(" (/cfg/file.json, line 7)")
    # a key that is no setting has no value to place; neither has advice about no setting
    assert "line" not in by["unknown_key"] and "(/cfg/file.json, line" not in by["unknown_key"]["message"]
    assert "agent_not_deployed" in [x["code"] for x in f.findings("sync_only")]
    assert "agent_not_deployed" not in by


def test_effective_values_of_a_file_follow_the_deployment_and_read_only_the_agents_keys():
    # Sync Agent Settings > group_membership_sync_type: minimal for two-way deployments, match for one-way
    f = AgentFile("sync", b'{"user_disconnection_action": "disable"}', "p")
    assert f.effective()["group_membership_sync_type"]["value"] == "minimal"
    assert f.effective("sync_only")["group_membership_sync_type"]["value"] == "match"
    # an option name in a file is not read: the import agent acts as for a new install (UserDisableAction > About
    # UserDisableAction's default settings: suspend)
    eff = AgentFile("import", b'{"MainLoop": {"user_disable_action": "remove"}}', "p").effective()
    assert eff["user_disable_action"]["value"] == "suspend" and eff["user_disable_action"]["source"] != "file"


def test_masked_text_keeps_a_valid_value_as_written():
    # the diff of an edit shows the file's own text; a valid value is not rewritten by the masking
    raw = b'{"MainLoop": {"UserDisableAction": "rem\\u006fve", "PasswordChangeListener": {"PollTimeMillis": 3000}}}'
    assert AgentFile("import", raw, "p").masked_text() == raw.decode()


def test_each_change_names_the_setting_its_key_and_both_values():
    p = plan("import", IMPORT_CRLF, {"user_dissociation_action": "unbind", "user_disable_action": "Suspend"})
    # before: as the file writes it ("Remove"); after: the catalog's spelling of the value asked for
    assert p.changes == [
        {"setting": "user_dissociation_action", "key": "MainLoop.UserDissociationAction", "before": "Remove",
         "after": "unbind"},
        {"setting": "user_disable_action", "key": "MainLoop.UserDisableAction", "before": None, "after": "suspend"}]
    assert p.warnings == []


def test_new_keys_follow_the_order_of_the_vendor_document_not_the_request():
    # Import Agent Settings lists UserTakeoverAction before UserDisableAction and UserExpireAction
    p = plan("import", b'{"MainLoop": {}}', {"user_expire_action": "expire", "user_disable_action": "suspend",
                                             "user_takeover_action": "retain"})
    assert list(json.loads(p.after.doc.text)["MainLoop"]) == ["UserTakeoverAction", "UserDisableAction",
                                                              "UserExpireAction"]
    assert [c["setting"] for c in p.changes] == ["user_takeover_action", "user_disable_action", "user_expire_action"]


@pytest.mark.parametrize("raw, before", [
    (IMPORT_CRLF, "sAMAccountName"),
    (IMPORT_TABS, "absent"),
])
def test_a_username_mapping_change_warns_that_usernames_change(raw, before):
    # Import Agent Settings > UserFieldMapping: "Controls the mapping of JumpCloud's username field from AD"
    p = plan("import", raw, {"user_field_mapping": "userPrincipalName"})
    assert len(p.warnings) == 1
    assert p.warnings[0].startswith("UserFieldMapping changes from %s to userPrincipalName:" % before)
    assert p.warnings[0].endswith("the usernames of imported JumpCloud users change with it")
    assert plan("import", raw, {"user_disable_action": "remove"}).warnings == []


def test_poll_time_goes_into_an_existing_password_change_listener():
    raw = b'{"MainLoop": {"PasswordChangeListener": {"Other": 1}}}'
    p = plan("import", raw, {"password_change_listener_poll_time_millis": 5000})
    assert p.after.doc.raw == b'{"MainLoop": {"PasswordChangeListener": {"Other": 1,"PollTimeMillis": 5000}}}'


def test_a_password_change_listener_that_is_no_object_is_refused_with_its_line():
    f = AgentFile("import", b'{"MainLoop": {\n"PasswordChangeListener": 5}}', "/cfg/x.json")
    with pytest.raises(DocumentError) as exc:
        f.plan({"password_change_listener_poll_time_millis": 5000}, [])
    assert str(exc.value) == "/cfg/x.json: PasswordChangeListener must be a JSON object (line 2)"


@pytest.mark.parametrize("name, value, inner", [
    ("password_change_listener_poll_time_millis", 5000, {"PasswordChangeListener": {"PollTimeMillis": 5000}}),
    # docs/design.md: a new UserFieldMapping takes the object shape of the vendor's script
    ("user_field_mapping", "sAMAccountName", {"UserFieldMapping": {"username": "sAMAccountName"}}),
])
def test_a_created_section_nests_the_setting_as_the_catalog_says(name, value, inner):
    p = plan("import", b'{"JumpCloud": {}}', {name: value})
    assert json.loads(p.after.doc.text) == {"JumpCloud": {}, "MainLoop": inner}


def test_planning_leaves_the_file_read_as_it_was():
    raw = b'{"MainLoop": {"UserDisableAction": "suspend", "UserFieldMapping": {"username": "sAMAccountName"}}}'
    f = AgentFile("import", raw, "p")
    f.plan({"user_disable_action": "remove"}, ["user_field_mapping"])
    assert f.doc.data == json.loads(raw)


@pytest.mark.parametrize("patch, message", [
    # a write that would not hold the value asked for
    (lambda self, s, v: self.doc.text.replace("suspend", "unbind"),
     "/cfg/x.json would not hold the new value of user_disable_action after the edit"),
    # a write that changes no byte although a setting changes
    (lambda self, s, v: self.doc.text, "the edit of /cfg/x.json lists changes but leaves the file as it was"),
])
def test_an_edit_that_misses_its_value_is_refused_and_nothing_is_written(monkeypatch, patch, message):
    raw = b'{"MainLoop": {"UserDisableAction": "suspend", "Other": 1}}'
    f = AgentFile("import", raw, "/cfg/x.json")
    monkeypatch.setattr(AgentFile, "_set", patch)
    with pytest.raises(DocumentError) as exc:
        f.plan({"user_disable_action": "remove"}, [])
    assert str(exc.value) == "internal error: %s; nothing was written" % message


def test_an_unset_that_leaves_the_setting_is_refused_and_nothing_is_written(monkeypatch):
    f = AgentFile("import", b'{"MainLoop": {"UserDisableAction": "suspend", "Other": 1}}', "/cfg/x.json")
    monkeypatch.setattr(AgentFile, "_unset", lambda self, s: self.doc.text.replace('"Other": 1', '"Other": 2'))
    with pytest.raises(DocumentError) as exc:
        f.plan({}, ["user_disable_action"])
    assert str(exc.value) == ("internal error: /cfg/x.json would still hold user_disable_action after the edit; "
                              "nothing was written")


def test_an_edit_that_changes_other_data_is_refused_with_the_whole_message(monkeypatch):
    f = AgentFile("import", b'{"MainLoop": {"UserDisableAction": "suspend", "Other": 1}}', "/cfg/x.json")
    monkeypatch.setattr(AgentFile, "_set", lambda self, s, v: self.doc.text.replace("suspend", v).replace("1", "2"))
    with pytest.raises(DocumentError) as exc:
        f.plan({"user_disable_action": "remove"}, [])
    assert str(exc.value) == ("internal error: the edit of /cfg/x.json would change more than the settings; "
                              "nothing was written")


@pytest.mark.parametrize("raw, message", [
    (b"[1]", "/cfg/c.json: the top level is a JSON array; an agent configuration file holds an object"),
    (b"7", "/cfg/c.json: the top level is a JSON value; an agent configuration file holds an object"),
    (b'{"MainLoop": {},\n "mainloop": {}}',
     '/cfg/c.json holds MainLoop twice ("MainLoop" at line 1 and "mainloop" at line 2); keep one'),
    (b'{\n"MainLoop": 5}', "/cfg/c.json: MainLoop must be a JSON object, found a number at line 2"),
    (b'{\n\n"MainLoop": "remove"}', "/cfg/c.json: MainLoop must be a JSON object, found a string at line 3"),
    (b'{"MainLoop": null}', "/cfg/c.json: MainLoop must be a JSON object, found a literal at line 1"),
    # docs/design.md contradiction 6, and the members of the objects the catalog reads
    (b'{"MainLoop": {"UserDissociationAction": "remove",\n "userDissociateAction": "remove"}}',
     '/cfg/c.json holds one setting more than once: MainLoop.UserDissociationAction ("UserDissociationAction" at '
     'line 1 and "userDissociateAction" at line 2); keep one spelling'),
    (b'{"MainLoop": {"PasswordChangeListener": {},\n "passwordchangelistener": {}}}',
     '/cfg/c.json holds one setting more than once: MainLoop.PasswordChangeListener ("PasswordChangeListener" at '
     'line 1 and "passwordchangelistener" at line 2); keep one spelling'),
    (b'{"MainLoop": {"UserFieldMapping": "x",\n"userfieldmapping": {"username": "a",\n"UserName": "b"}}}',
     '/cfg/c.json holds one setting more than once: MainLoop.UserFieldMapping ("UserFieldMapping" at line 1 and '
     '"userfieldmapping" at line 2); MainLoop.UserFieldMapping.username ("username" at line 2 and "UserName" at '
     'line 3); keep one spelling'),
])
def test_a_refused_file_is_named_first_with_the_place_and_what_to_do(raw, message):
    with pytest.raises(DocumentError) as exc:
        AgentFile("import", raw, "/cfg/c.json")
    assert str(exc.value) == message


def test_a_file_of_the_other_agent_is_refused_with_the_key_its_line_and_both_files():
    with pytest.raises(DocumentError) as exc:
        AgentFile("import", b'{"MainLoop": {},\n "sync_group": "CN=a,DC=b",\n "group_disconnection_action": 1}', "p")
    assert str(exc.value) == ("p holds sync_group at line 2, which belongs in the AD Sync agent's file (config.json), "
                              "not the AD Import agent's (jcadimportagent.config.json): is the path right?")


# ---------------------------------------------------------------- the document layer, case by case
# (killing the mutants of _document.py that survived the tests above: docs/testing.md, Surviving mutants)

def test_a_document_is_read_from_bytes_only():
    with pytest.raises(DocumentError) as exc:
        Document('{"MainLoop": {}}', "/cfg/x.json")
    assert str(exc.value) == "/cfg/x.json: expected bytes"
    doc = Document(bytearray(b'{"MainLoop": {}}'), "/cfg/x.json")
    assert doc.raw == b'{"MainLoop": {}}' and isinstance(doc.raw, bytes) and doc.data == {"MainLoop": {}}


@pytest.mark.parametrize("bom, codec, name", [
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
])
def test_each_other_unicode_encoding_is_named(bom, codec, name):
    with pytest.raises(DocumentError) as exc:
        Document(bom + '{"MainLoop": {}}'.encode(codec), "/cfg/x.json")
    assert str(exc.value) == "/cfg/x.json is encoded as %s; the ADI agents read UTF-8: save it as UTF-8" % name


def test_a_file_of_exactly_one_mebibyte_is_read_and_one_byte_more_is_refused():
    # "refuse anything larger than 1 MiB"
    body = b'{"MainLoop": {}}'
    raw = body[:-1] + b" " * (1024 * 1024 - len(body)) + b"}"
    assert len(raw) == 1024 * 1024 and Document(raw, "/cfg/x.json").data == {"MainLoop": {}}
    with pytest.raises(DocumentError) as exc:
        Document(raw + b" ", "/cfg/x.json")
    assert str(exc.value) == ("/cfg/x.json is 1048577 bytes, larger than the 1048576 bytes an agent configuration file "
                              "can be; is it the right file?")


@pytest.mark.parametrize("raw, message", [
    # the byte is counted in the file as it is, BOM included
    (BOM + '{"a": "é"}'.encode("latin-1"),
     "/cfg/x.json is not valid UTF-8 (byte 10); the ADI agents read UTF-8: save it as UTF-8"),
    (BOM + b" \r\n", "/cfg/x.json is empty; expected a JSON object"),
    (b'{"MainLoop": {},\n "Deep": %s1%s}\n' % (b"[" * 201, b"]" * 201),
     # the top-level object is level 1: the 200th bracket, in column 10 + 199, is level 201
     "/cfg/x.json nests JSON more than 200 levels deep (line 2, column 209); an agent configuration file nests a "
     "few levels: is it the right file?"),
    # lines and columns count from the file's first byte, a blank first line included
    (b'\n{"MainLoop": {},\n "Deep": %s1%s}\n' % (b"[" * 201, b"]" * 201),
     "/cfg/x.json nests JSON more than 200 levels deep (line 3, column 209); an agent configuration file nests a "
     "few levels: is it the right file?"),
    (b'\n  {"Deep": %s1%s}' % (b"[" * 201, b"]" * 201),
     "/cfg/x.json nests JSON more than 200 levels deep (line 2, column 211); an agent configuration file nests a "
     "few levels: is it the right file?"),
    (b'{"MainLoop": {"a": 1,\n "a": 2}}',
     '/cfg/x.json holds the key "a" twice in one object (lines 1 and 2); keep one'),
    # a key is the text it escapes: "\u0061" is "a"
    (b'{"MainLoop": {"a": 1,\n\n "\\u0061": 2}}',
     '/cfg/x.json holds the key "a" twice in one object (lines 1 and 3); keep one'),
    # keys are named as they read, not escaped
    ('{"MainLoop": {"clé": 1,\n "clé": 2}}'.encode(),
     '/cfg/x.json holds the key "clé" twice in one object (lines 1 and 2); keep one'),
    (b'{"MainLoop": {\n "PollTimeMillis": -Infinity}}',
     "/cfg/x.json is not valid JSON: -Infinity is not a JSON value (line 2)"),
])
def test_a_refused_document_says_what_and_where_in_one_sentence(raw, message):
    with pytest.raises(DocumentError) as exc:
        Document(raw, "/cfg/x.json")
    assert str(exc.value) == message


@pytest.mark.parametrize("raw", [
    # brackets inside a string are text, not nesting
    b'{"MainLoop": {}, "Note": "%s"}' % (b"[{" * 300),
    # many objects side by side nest two levels, however many there are
    b'{"MainLoop": {}, "List": [%s]}' % b", ".join([b"{}"] * 300),
])
def test_only_nesting_counts_towards_the_depth_limit(raw):
    assert Document(raw, "p").data["MainLoop"] == {}


def test_nesting_is_counted_from_where_the_text_is_after_an_object_closes():
    # top level 1, the list 2, its first item 3; after that item closes the list is at level 2 again, so 199 more
    # levels reach 201
    raw = b'{"List": [{}, %s1%s]}' % (b"[" * 199, b"]" * 199)
    with pytest.raises(DocumentError, match=r"^p nests JSON more than 200 levels deep \(line 1, column 213\)"):
        Document(raw, "p")
    Document(raw.replace(b"[{}, ", b"[1, ", 1).replace(b"[" * 199, b"[" * 198, 1).replace(b"]" * 199, b"]" * 198, 1),
             "p")


def test_a_key_written_with_escapes_is_the_key_it_spells():
    raw = b'{"MainLoop": {"UserDisable\\u0041ction": "suspend"}}'
    f = AgentFile("import", raw, "p")
    assert f.settings() == {"user_disable_action": "suspend"}
    # the key keeps its spelling; only the value changes
    assert plan("import", raw, {"user_disable_action": "remove"}).after.doc.raw == raw.replace(b"suspend", b"remove")


@pytest.mark.parametrize("raw", [
    b'{"Extra": [], "MainLoop": {"UserDisableAction": "suspend"}, "Tail": [ ]}',
    b'{"Extra":[],"MainLoop":{"UserDisableAction":"suspend"},"Tail":{}}',
    b'{\n  "Extra": [\n  ],\n  "MainLoop": {"UserDisableAction": "suspend"},\n  "Tail": [[], {}]\n}\n',
])
def test_empty_arrays_and_objects_beside_the_section_are_read_and_kept(raw):
    assert AgentFile("import", raw, "p").settings() == {"user_disable_action": "suspend"}
    assert plan("import", raw, {"user_disable_action": "remove"}).after.doc.raw == raw.replace(b"suspend", b"remove")


def test_a_value_is_written_as_utf_8_text_like_the_rest_of_the_file():
    # the agents read UTF-8 (and a DN may hold any letter): a new value is written as its characters, not escapes
    old = b'{"sync_group": "CN=JC,DC=example,DC=com"}'
    dn = "CN=Jürgen Müller Group,DC=example,DC=com"
    assert plan("sync", old, {"sync_group": dn}).after.doc.raw == ('{"sync_group": "%s"}' % dn).encode("utf-8")
    assert plan("sync", b'{"a": 1}', {"sync_group": dn}).after.doc.raw == ('{"a": 1,"sync_group": "%s"}'
                                                                           % dn).encode("utf-8")


@pytest.mark.parametrize("raw, expected", [
    # nothing to copy the style from: ": " and, where the file has lines, two spaces per level
    (b"{}", b'{"MainLoop": {"SyncAccountLockedOutStatus": true}}'),
    (b"{\n}", b'{\n  "MainLoop": {\n    "SyncAccountLockedOutStatus": true\n  }\n}'),
    (b'{\n"JumpCloud": {}\n}', b'{\n"JumpCloud": {},\n"MainLoop": {\n  "SyncAccountLockedOutStatus": true\n}\n}'),
    # the smallest step the file uses (two spaces inside B, whose line is indented four), wherever it is
    (b'{\n    "A": {},\n    "B": {\n      "x": 1\n    }\n}',
     b'{\n    "A": {},\n    "B": {\n      "x": 1\n    },\n    "MainLoop": {\n      "SyncAccountLockedOutStatus": true\n'
     b'    }\n}'),
    # CRLF and the indentation of the line the empty section starts on
    (BOM + b'{\r\n  "MainLoop": {}\r\n}\r\n',
     BOM + b'{\r\n  "MainLoop": {\r\n    "SyncAccountLockedOutStatus": true\r\n  }\r\n}\r\n'),
    (b'{\r\n  "JumpCloud": {"ApiKey": "k"}\r\n}',
     b'{\r\n  "JumpCloud": {"ApiKey": "k"},\r\n  "MainLoop": {\r\n    "SyncAccountLockedOutStatus": true\r\n  }\r\n}'),
    # a file indented as a whole (after a blank line): the step is what the file adds, level by level
    (b'\n  {\n      "JumpCloud": {}\n  }\n',
     b'\n  {\n      "JumpCloud": {},\n      "MainLoop": {\n          "SyncAccountLockedOutStatus": true\n      }\n  }\n'),
    # the smallest step counts by its length: one space inside A, whose line is indented two tabs
    (b'{\n\t\t"A": {\n\t\t "x": 1\n\t\t}\n}',
     b'{\n\t\t"A": {\n\t\t "x": 1\n\t\t},\n\t\t"MainLoop": {\n\t\t "SyncAccountLockedOutStatus": true\n\t\t}\n}'),
    # an object on one line in a file of many lines: the new key, and an object it needs, on that line too
    (b'{\n  "MainLoop": {"UserDisableAction": "suspend"}\n}',
     b'{\n  "MainLoop": {"UserDisableAction": "suspend","SyncAccountLockedOutStatus": true}\n}'),
    # a new key follows the last member's line and indentation, blank lines before it included
    (b'{\n  "JumpCloud": {},\n\n  "Other": 1\n}',
     b'{\n  "JumpCloud": {},\n\n  "Other": 1,\n\n  "MainLoop": {\n    "SyncAccountLockedOutStatus": true\n  }\n}'),
    (b'{"MainLoop": {"UserDisableAction": "suspend",\n              "UserExpireAction": "expire"}}',
     b'{"MainLoop": {"UserDisableAction": "suspend",\n              "UserExpireAction": "expire",\n'
     b'              "SyncAccountLockedOutStatus": true}}'),
])
def test_a_new_key_takes_the_style_of_the_file(raw, expected):
    assert plan("import", raw, {"sync_account_locked_out_status": True}).after.doc.raw == expected


def test_a_key_in_an_empty_object_is_indented_one_step_deeper_than_the_line_the_object_starts_on():
    raw = b'{\n  "MainLoop": {\n    "PasswordChangeListener": {}\n  }\n}\n'
    p = plan("import", raw, {"password_change_listener_poll_time_millis": 5000})
    assert p.after.doc.raw == (b'{\n  "MainLoop": {\n    "PasswordChangeListener": {\n      "PollTimeMillis": 5000\n'
                               b'    }\n  }\n}\n')


@pytest.mark.parametrize("raw, expected", [
    (b'{\n  "MainLoop": {"UserDisableAction": "suspend"}\n}',
     b'{\n  "MainLoop": {"UserDisableAction": "suspend","PasswordChangeListener": {"PollTimeMillis": 5000}}\n}'),
    # a created section nests the listener object, level by level, in the file's style
    (b'{\n  "JumpCloud": {}\n}',
     b'{\n  "JumpCloud": {},\n  "MainLoop": {\n    "PasswordChangeListener": {\n      "PollTimeMillis": 5000\n'
     b'    }\n  }\n}'),
    (b'{"JumpCloud" : {}}', b'{"JumpCloud" : {},"MainLoop" : {"PasswordChangeListener" : {"PollTimeMillis" : 5000}}}'),
])
def test_a_nested_new_key_is_written_level_by_level_in_the_files_style(raw, expected):
    assert plan("import", raw, {"password_change_listener_poll_time_millis": 5000}).after.doc.raw == expected


def test_numbers_are_read_exactly_never_as_binary_fractions_or_infinity():
    # loads(): "numbers kept exact (Decimal for fractions and huge integers, never inf)"
    doc = Document(b'{"MainLoop": {}, "a": 0.1, "b": 1e400, "c": 7}', "p")
    assert doc.data == {"MainLoop": {}, "a": Decimal("0.1"), "b": Decimal("1e400"), "c": 7}
    assert [type(doc.data[k]) for k in "abc"] == [Decimal, Decimal, int]


def test_a_minified_array_is_read_item_by_item():
    raw = b'{"MainLoop":{"UserDisableAction":"suspend"},"a":["x","y",[],{}],"b":[1,22]}'
    f = AgentFile("import", raw, "p")
    assert f.masked_text() == ('{"MainLoop":{"UserDisableAction":"suspend"},"a":["********","********",[],{}],'
                               '"b":["********","********"]}')
    assert plan("import", raw, {"user_disable_action": "remove"}).after.doc.raw == raw.replace(b"suspend", b"remove")


def test_a_stray_carriage_return_before_an_object_is_not_copied_into_new_lines():
    # JSON allows a lone carriage return as whitespace; the file's line ending is "\n", so an edit adds lines
    # that end in "\n" only, and the stray one stays the only carriage return (docs/design.md: line endings stay
    # as they were)
    raw = b'{\n  "JumpCloud": {"ApiKey": "k-123"},\n \r "MainLoop": {}\n}\n'
    p = plan("import", raw, {"user_disable_action": "suspend"})
    after = p.after.doc.raw
    assert after.count(b"\r") == 1 and json.loads(after) == {
        "JumpCloud": {"ApiKey": "k-123"}, "MainLoop": {"UserDisableAction": "suspend"}}
    assert after.startswith(raw[:raw.index(b"{}")])
