# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Settings as given: parsing a settings dict or an agent file's section (keys in any spelling), and validating values.

PRIVATE to this collection. Pure Python: no Ansible objects.
"""

from __future__ import annotations

import difflib
import json
import re
from decimal import Decimal
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._document import article
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError


@dataclass
class Found:
    """One setting as found in a settings dict."""

    setting: catalog.Setting
    key: str  # the spelling the input used
    value: Any  # unwrapped from the object shape
    shape: str = "plain"  # "plain" or "object" ({"username": ...})
    path: str = ""  # where, in the input (dotted)


@dataclass
class ParsedSettings:
    agent: str
    found: Dict[str, Found] = field(default_factory=dict)  # by setting name
    findings: List[Dict[str, Any]] = field(default_factory=list)  # structural problems
    unknown: List[str] = field(default_factory=list)
    style: str = "agent"  # "agent" or "option": the input's key style (of most of its keys; a tie is "agent")
    file: bool = False  # parsed from an agent's file: its unknown keys are the admin's, not mistakes

    def label(self, setting: catalog.Setting) -> str:
        """How to name a setting in output: the input's spelling, else in the input's style."""
        if setting.name in self.found:
            return self.found[setting.name].key
        return setting.name if self.style == "option" else setting.key


def check_agent(agent: Any, allowed=catalog.AGENTS) -> str:
    if agent not in allowed:
        raise SettingsError("agent %s is not one of %s" % (describe(agent), ", ".join(allowed)))
    return agent


def check_deployment(deployment: Any) -> str:
    if deployment not in catalog.DEPLOYMENTS:
        raise SettingsError("deployment %s is not one of %s" % (describe(deployment), ", ".join(catalog.DEPLOYMENTS)))
    return deployment


def finding(severity: str, code: str, setting: Optional[str], message: str, **extra) -> Dict[str, Any]:
    out = {"severity": severity, "code": code, "setting": setting, "message": message}
    out.update(extra)
    return out


def _type_ok(setting: catalog.Setting, value: Any) -> bool:
    if setting.type == "bool":
        return isinstance(value, bool)
    if setting.type == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str)


def parse_settings(agent: str, data: Any, where: str = "", file: bool = False) -> ParsedSettings:
    """Find the catalog's settings in ``data`` (agent keys in any case and spelling, or option names).

    With ``file``, ``data`` is an agent's file: only the agent's own keys count, and a module option name
    there is flagged (the agent does not read it). A ``ParsedSettings`` is returned as it is.
    """
    if isinstance(data, ParsedSettings):
        # already read (the file layer holds its section's parsed): not read again
        return data
    find = catalog.find_key if file else catalog.find
    check_agent(agent)
    if not isinstance(data, dict):
        raise SettingsError(
            "%s settings must be a dict (mapping of setting to value), got %s" % (agent, json_type(data))
        )
    if not file:
        # an agent's whole file given where its settings are expected: every setting would read as absent
        held = [k for k in data if isinstance(k, str) and catalog.fold(k) in {catalog.fold(x) for x in catalog.SECTIONS[agent]}]
        if held:
            raise SettingsError(
                "%s settings hold %s, the section of the %s's file that holds its settings: give the section's "
                "contents (agent_config_info returns them as %s.settings)"
                % (agent, held[0], catalog.AGENT_TITLES[agent], agent)
            )
    parsed = ParsedSettings(agent=agent, file=file)
    styles = []

    def add(setting: catalog.Setting, key: str, value: Any, path: str) -> None:
        shape = "plain"
        if setting.object_member and isinstance(value, dict):
            members = [k for k in value if isinstance(k, str) and catalog.fold(k) == catalog.fold(setting.object_member)]
            if len(members) > 1:
                parsed.findings.append(finding(
                    "error", "duplicate_key", key, "%s holds %s twice (%s); keep one"
                    % (path, setting.object_member, " and ".join('"%s"' % k for k in members)),
                ))
                return
            if not members:
                # only members we do not know (for example after an unset of the member): the setting is absent
                parsed.findings.append(finding(
                    "warning", "missing_member", key, "%s holds no %s: the agent uses its default (allowed: %s, or "
                    "{\"%s\": ...})" % (path, setting.object_member, setting.choices_text, setting.object_member),
                ))
                return
            value = value[members[0]]
            shape = "object"
        if setting.name in parsed.found:
            other = parsed.found[setting.name]
            parsed.findings.append(finding(
                "error", "duplicate_key", key,
                "%s and %s are two spellings of one setting (%s); keep one"
                % (other.path, path, setting.json_path),
            ))
            return
        styles.append(catalog.key_style(agent, key))
        parsed.found[setting.name] = Found(setting, key, value, shape, path)

    seen_parents: Dict[str, str] = {}
    for key, value in data.items():
        path = (where + "." if where else "") + str(key)
        setting = find(agent, key)
        if setting is None and file and catalog.find(agent, key) is not None:
            s = catalog.find(agent, key)
            parsed.findings.append(finding(
                "warning", "option_name_in_file", key, "%s is a module option name, not a key the %s reads: the agent "
                "ignores it and uses its default; the key is %s" % (path, catalog.AGENT_TITLES[agent], s.json_path),
            ))
            parsed.unknown.append(key)
            continue
        if setting is not None and setting.parent and catalog.key_style(agent, key) == "agent":
            parsed.findings.append(finding(
                "error", "misplaced_key", key, "%s: %s belongs inside %s (%s)"
                % (path, setting.key, ".".join(setting.parent), setting.json_path),
            ))
            continue
        if setting is not None:
            add(setting, key, value, path)
            continue
        parents = [s for s in catalog.settings_of(agent) if s.parent and catalog.fold(s.parent[0]) == catalog.fold(str(key))]
        if parents:
            if catalog.fold(parents[0].parent[0]) in seen_parents:
                parsed.findings.append(finding(
                    "error", "duplicate_key", key, "%s and %s are two spellings of one object (%s); keep one"
                    % (seen_parents[catalog.fold(parents[0].parent[0])], path, parents[0].parent[0]),
                ))
                continue
            seen_parents[catalog.fold(parents[0].parent[0])] = path
            if not isinstance(value, dict):
                parsed.findings.append(finding(
                    "error", "invalid_shape", key, "%s must be an object holding %s"
                    % (path, ", ".join(s.key for s in parents)),
                ))
                continue
            for s in parents:
                spellings = [k for k in value if isinstance(k, str) and catalog.fold(k) in {catalog.fold(a) for a in s.all_keys}]
                for k in spellings:
                    add(s, k, value[k], path + "." + k)
            continue
        parsed.unknown.append(key)
    if styles.count("option") > styles.count("agent"):
        parsed.style = "option"
    return parsed


def value_findings(parsed: ParsedSettings) -> List[Dict[str, Any]]:
    """Type, choice and range errors for each setting found; an invalid value is only described (see ``describe``)."""
    out = []
    for name, f in parsed.found.items():
        s = f.setting
        label = f.key
        if not _type_ok(s, f.value):
            out.append(finding(
                "error", "invalid_type", label, "%s: %s is %s, expected %s (allowed: %s)"
                % (f.path, describe(f.value), article(json_type(f.value)), _json_type_name(s.type), s.choices_text),
            ))
            continue
        if s.choices and catalog.canonical_choice(s, f.value) not in s.choices:
            out.append(finding(
                "error", "invalid_choice", label, "%s: %s is not one of %s" % (f.path, describe(f.value), s.choices_text),
            ))
        if s.minimum is not None and f.value < s.minimum:
            out.append(finding(
                "error", "invalid_value", label, "%s: %s must be a positive integer (at least %d)"
                % (f.path, describe(f.value), s.minimum),
            ))
        if s.dn:
            problem = dn_problem(f.value)
            if problem:
                out.append(finding(
                    "error", "invalid_dn", label, "%s: %s is not a valid distinguished name of a group: %s "
                    "(expected e.g. CN=JumpCloud,OU=Groups,DC=example,DC=com)" % (f.path, describe(f.value), problem),
                ))
    return out


def is_valid(setting: catalog.Setting, value: Any) -> bool:
    """True when ``value`` is one the setting allows (type, choice in any case, minimum, DN syntax)."""
    if not _type_ok(setting, value):
        return False
    if setting.choices and catalog.canonical_choice(setting, value) not in setting.choices:
        return False
    if setting.minimum is not None and value < setting.minimum:
        return False
    return not (setting.dn and dn_problem(value))


# A value that is not one a setting allows is often something pasted by mistake (a key, a password):
# it is shown only when it is a short plain word, otherwise by its type and size.
_PLAIN_WORD = re.compile(r"[A-Za-z0-9_.-]{1,24}\Z")


def describe(value: Any) -> str:
    """How a value given for a setting may be named in a message: a short plain word, else its type and size."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (str, int)) and _PLAIN_WORD.match(str(value)):
        return "'%s'" % value if isinstance(value, str) else str(value)
    if isinstance(value, str):
        return "a string of %d characters" % len(value)
    if isinstance(value, (int, float, Decimal)):
        return "a number of %d characters" % len(str(value))
    if isinstance(value, (list, tuple)):
        return "a list of %d items" % len(value)
    if isinstance(value, dict):
        return "an object of %d members" % len(value)
    return "a %s" % type(value).__name__


# What shown() puts in place of a value it does not show: "<" + describe()'s words + ">" (a type and a size, or
# true/false/null); kept beside describe() so that the two change together.
_DESCRIPTION = re.compile(r"<(true|false|null|an? [A-Za-z]+( of [0-9]+ [a-z]+)?)>\Z")


def is_description(value: Any) -> bool:
    """Whether a value is one shown() wrote in place of a value it does not show (a partial report holds them)."""
    return isinstance(value, str) and bool(_DESCRIPTION.match(value))


def shown(setting: catalog.Setting, value: Any) -> Any:
    """The value as results may carry it: a valid value as it is; an invalid one only described."""
    if is_valid(setting, value):
        return value
    if isinstance(value, str) and _PLAIN_WORD.match(value):
        return value
    return "<%s>" % describe(value)


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, (float, Decimal)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def same_value(setting: catalog.Setting, a: Any, b: Any) -> bool:
    """Whether two values of a setting are the same value, by the one rule the file layer, drift and the reports use:
    the same JSON type, and equal, except that a choice or a distinguished name compares without case."""
    if json_type(a) != json_type(b):
        return False
    if isinstance(a, str) and (setting.choices or setting.dn):
        return a.lower() == b.lower()
    return a == b


def _json_type_name(kind: str) -> str:
    return {"bool": "a boolean", "int": "an integer", "str": "a string"}[kind]


# RFC 4514 (section 3), with the whitespace around separators that AD tools accept.
_ATTR_TYPE = r"(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\.[0-9]+)*)"
_PAIR = r"\\(?:[ \"#+,;<=>\\]|[0-9A-Fa-f]{2})"
_STRING_CHAR = r"[^\"+,;<>\\\x00]"
_VALUE = r"(?:#(?:[0-9A-Fa-f]{2})+|(?:%s|%s)+)" % (_PAIR, _STRING_CHAR)
_ATV = r"\s*(%s)\s*=\s*(%s)" % (_ATTR_TYPE, _VALUE)
_ATV_RE = re.compile(_ATV)


# What a message about an invalid DN may name of it: the attribute types of RFC 4514's table (section 3), our
# vocabulary rather than the value's; any other part of the value is only located (docs/security.md).
_KNOWN_TYPES = ("CN", "L", "ST", "O", "OU", "C", "STREET", "DC", "UID")
# A character a DN value cannot hold as it is (RFC 4514 section 2.4: escaped with a backslash).
_SPECIAL = '" ; < > \\ or NUL'
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def dn_problem(dn: str) -> Optional[str]:
    """Why ``dn`` is not a syntactically valid RFC 4514 DN of a group, or None.

    The reason locates the problem (1-based character) and names no part of ``dn`` but an attribute type of
    RFC 4514's table: a value pasted by mistake may be a secret.
    """
    if not dn or not dn.strip():
        return "it is empty"
    lone = _LONE_SURROGATE.search(dn)
    if lone:
        # json.loads pairs a valid \\uD83D\\uDE00; what is left has no UTF-8 form, which a DN (LDAP) is sent in
        return ("a lone UTF-16 surrogate (a \\uD800-\\uDFFF escape without its pair) at character %d, which no "
                "directory can hold" % (lone.start() + 1))
    pos = 0
    rdns = []
    while True:
        atvs = []
        while True:
            m = _ATV_RE.match(dn, pos)
            if not m:
                return "cannot read an attribute=value pair at character %d" % (pos + 1)
            value = m.group(2)
            if value.endswith(" ") and not value.endswith("\\ "):
                value = value.rstrip(" ")
            if not value:
                return "an empty value at character %d" % (pos + 1)
            atvs.append((m.group(1), value))
            pos = m.end()
            if pos < len(dn) and dn[pos] == "+":
                pos += 1
                continue
            break
        rdns.append(atvs)
        if pos == len(dn):
            break
        if dn[pos] != ",":
            if atvs[-1][1].startswith("#"):
                return "a #-hexadecimal value is followed at character %d by neither ',' nor '+'" % (pos + 1)
            return ("an unescaped special character at character %d (one of %s: write it after a backslash, or as a "
                    "backslash and two hexadecimal digits)" % (pos + 1, _SPECIAL))
        pos += 1
    first = rdns[0][0][0].upper()
    if first != "CN":
        named = "%s=" % first if first in _KNOWN_TYPES else "another attribute type"
        return "a group's DN starts with CN=, not %s" % named
    return None


def did_you_mean(agent: str, key: str) -> Optional[str]:
    """The known key an unknown key is probably a typo of."""
    known = catalog.all_known_keys(agent)
    lowered = {k.lower(): k for k in known}
    match = difflib.get_close_matches(str(key).lower(), list(lowered), n=1, cutoff=0.8)
    return lowered[match[0]] if match else None
