# -*- coding: utf-8 -*-
"""Property: of an agent file, only catalog settings' values ever leave the controller's memory.

Agent files are generated as they are found on domain controllers: the vendor's keys plus whatever
installers, admins and support added, under any name, at any depth, in arrays, as numbers, in any
script. Every value we did not put in the catalog is "planted" with a marker; the modules, the
filters, the lookup and the reports must never show one, must never alter a catalog value, must
leave a file they refuse byte-identical, and must change nothing on a second run.
"""

from __future__ import annotations

import base64
import json
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from ansible_collections.jumpcloud.adi.plugins.filter import adi as filters
from ansible_collections.jumpcloud.adi.plugins.filter import report as report_filters
from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._outcomes import outcomes

from ansible_collections.jumpcloud.adi.tests.unit.plugins.action.test_agent_config_actions import FakeHost, make_action

# planted values: secret-looking and innocent-looking, each carrying a marker no output can hold by chance
MARK = st.integers(10 ** 7, 10 ** 8 - 1).map(lambda n: "Q%dq" % n)
TEMPLATES = ("Server=dc01;Database=jc;User Id=svc;Password=%s", "http://svc:%s@proxy.corp:8080", "Bearer %s",
             "%s", "disable%s", "remove %s", "ünïcödé-漢字-%s", "CN=%s,DC=corp,DC=com", "%s@corp.example")
PLANTED_TEXT = st.tuples(st.sampled_from(TEMPLATES), MARK).map(lambda t: t[0] % t[1])
PLANTED_NUMBER = st.integers(10 ** 11, 10 ** 12 - 1)
# innocent values that equal catalog words: they must never be garbled, and cannot be asserted absent
LOOKALIKE = st.sampled_from(["disable", "remove", "suspend", "retain", "Suspend", True, False, None, 0, 1])
FOREIGN_KEYS = ("pwd", "auth", "conn", "h", "Headers", "proxy", "mode", "Url", "clé", "ключ", "x-api", "ApiKey",
                "Password", "jc_api_key", "note", "Extra", "ServiceAccount", "bind")
KEY = st.sampled_from(FOREIGN_KEYS)
LEAF = st.one_of(PLANTED_TEXT, PLANTED_NUMBER, LOOKALIKE)
FOREIGN = st.recursive(LEAF, lambda kids: st.one_of(st.lists(kids, max_size=3),
                                                    st.dictionaries(KEY, kids, max_size=3)), max_leaves=10)


def _valid_value(s, draw):
    if s.type == "bool":
        return draw(st.booleans())
    if s.type == "int":
        return draw(st.integers(1, 10 ** 6))
    if s.choices:
        choice = draw(st.sampled_from(s.choices))
        return draw(st.sampled_from([choice, choice.upper(), choice.capitalize()]))
    return "CN=%s,OU=Groups,DC=example,DC=com" % draw(st.sampled_from(["JC", "ADI Sync"]))


@st.composite
def agent_files(draw, agent):
    """(raw bytes, the catalog settings it holds by option name, planted strings)."""
    settings_in = {}
    section = {}
    for s in catalog.settings_of(agent):
        if not draw(st.booleans()):
            continue
        value = _valid_value(s, draw)
        settings_in[s.name] = value
        key = draw(st.sampled_from(s.all_keys))
        if s.parent:
            section.setdefault(s.parent[0], {})[key] = value
            if draw(st.booleans()):
                section[s.parent[0]]["pipe"] = draw(FOREIGN)
        elif s.object_member and draw(st.booleans()):
            section[key] = {s.object_member: value, "domain": draw(FOREIGN)}
        else:
            section[key] = value
    for _extra in range(draw(st.integers(0, 4))):
        section.setdefault("%s%d" % (draw(KEY), len(section)), draw(FOREIGN))
    if agent == "import":
        data = {"JumpCloud": draw(st.dictionaries(KEY, FOREIGN, max_size=4)), "MainLoop": section}
    else:
        data = dict(section)
        data["ldap"] = draw(st.dictionaries(KEY, FOREIGN, max_size=4))
    for _extra in range(draw(st.integers(0, 2))):
        data.setdefault("Unknown%d" % len(data), draw(FOREIGN))
    text = json.dumps(data, indent=draw(st.sampled_from([None, 2, "\t"])), ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    raw = (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8")
    planted = sorted(set(_planted(data, settings_in)))
    return raw, settings_in, planted


def _planted(value, catalog_values):
    if isinstance(value, dict):
        for v in value.values():
            yield from _planted(v, catalog_values)
    elif isinstance(value, list):
        for v in value:
            yield from _planted(v, catalog_values)
    elif isinstance(value, str) and re.search(r"Q[0-9]{8}q", value):
        yield value
    elif isinstance(value, int) and not isinstance(value, bool) and value >= 10 ** 11:
        yield str(value)


def _shown(planted, *outputs):
    text = "\n".join(o if isinstance(o, str) else json.dumps(o, ensure_ascii=False, default=str) for o in outputs)
    ascii_text = "\n".join(json.dumps(o, default=str) for o in outputs if not isinstance(o, str))
    return [p for p in planted if p in text or json.dumps(p)[1:-1] in ascii_text]


@st.composite
def changes(draw, agent):
    desired = {}
    for s in catalog.settings_of(agent):
        if draw(st.integers(0, 3)) == 0:
            desired[s.name] = _valid_value(s, draw)
    unset = [s.name for s in catalog.settings_of(agent) if s.name not in desired and draw(st.integers(0, 5)) == 0]
    return desired, unset


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), agent=st.sampled_from(catalog.AGENTS))
def test_only_catalog_values_leave_and_catalog_values_are_never_garbled(data, agent):
    raw, settings_in, planted = data.draw(agent_files(agent))
    desired, unset = data.draw(changes(agent))
    path = "/srv/%s.json" % agent
    host = FakeHost({path: raw})
    module = "%s_agent_config" % agent
    info = make_action("agent_config_info", {"%s_path" % agent: path, "agents": [agent]}, "sh", host,
                       check_mode=True).run(task_vars={})
    assert not info.get("failed"), info
    assert info[agent]["settings"] == settings_in  # never altered (values as written, in the file's case)
    checked = make_action(module, dict(desired, path=path, unset=unset), "sh", host, check_mode=True,
                          diff=True).run(task_vars={})
    assert not checked.get("failed"), checked
    assert bool(checked["changes"]) is checked["changed"]
    assert host.files[path] == raw
    applied = make_action(module, dict(desired, path=path, unset=unset, backup=True), "sh", host,
                          diff=True).run(task_vars={})
    assert applied["changed"] is checked["changed"] and applied["changes"] == checked["changes"]
    expected = {k: v for k, v in settings_in.items() if k not in unset}
    for name, value in desired.items():
        old = expected.get(name)
        same = isinstance(old, str) and isinstance(value, str) and old.lower() == value.lower()
        expected[name] = old if same else catalog.canonical_choice(catalog.by_name(agent)[name], value)
    assert applied["settings"] == expected
    for p in planted:  # what is not ours is still in the file, as it was
        assert p.encode("utf-8") in host.files[path] or json.dumps(p)[1:-1].encode() in host.files[path]
    again = make_action(module, dict(desired, path=path, unset=unset), "sh", host).run(task_vars={})
    assert not again["changed"] and again["changes"] == []
    # a refused change leaves the file byte-identical and shows nothing planted
    before = host.files[path]
    pasted = "Pwd=" + data.draw(MARK)
    planted.append(pasted)
    refused = make_action(module, {"path": path, "settings": {"UserDisableAction" if agent == "import"
                                                              else "user_disconnection_action": pasted}},
                          "sh", host).run(task_vars={})
    assert refused["failed"] and host.files[path] == before
    # filters, the lookup and the reports, on the file's own data
    section = json.loads(raw.decode("utf-8-sig"))
    section = section.get("MainLoop", {}) if agent == "import" else section
    lint = filters.lint_settings(section, agent)
    eff = filters.effective_settings(section, agent)
    upgraded = filters.upgrade_import_settings(section) if agent == "import" else {}
    predicted = outcomes(None, **{"%s_settings" % agent: info[agent]["settings"]})
    drift = report_filters.drift_report({"dc01": {"domain": "corp", agent: info[agent]}},
                                        baseline={agent: desired}, deployment="two_way")
    review = report_filters.review_report({"dc01": {agent: checked}})
    rendered = [report_filters.render_report(r, f) for r in (drift, review) for f in ("json", "markdown", "html")]
    assert _shown(planted, info, checked, applied, again, refused, lint, eff, upgraded, predicted, *rendered) == []
    for name, entry in eff.items():
        if entry["source"] == "file":
            assert entry["value"] == catalog.canonical_choice(catalog.find(agent, name), settings_in[
                catalog.find(agent, name).name])


def test_the_generator_plants_what_it_claims():
    raw = b'{"MainLoop": {"pwd": "Server=x;Password=Q12345678q", "n": 123456789012}, "JumpCloud": {"k": ["Q87654321q"]}}'
    data = json.loads(raw)
    assert sorted(_planted(data, {})) == ["123456789012", "Q87654321q", "Server=x;Password=Q12345678q"]
    assert _shown(["Q12345678q"], {"a": "Q12345678q"}) == ["Q12345678q"]
    assert base64  # the raw bytes reach the modules through the fake host's slurp
