# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Effective values (what the agent does with a setting absent), the vendor document's readings, and the import
agent upgrade rules.

PRIVATE to this collection. Pure Python: no Ansible objects.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import (
    Found, ParsedSettings, check_deployment, is_valid, parse_settings, shown, value_findings,
)


# ---------------------------------------------------------------- effective values

def _value(found: Optional[Found]) -> Any:
    if found is None:
        return None
    return catalog.canonical_choice(found.setting, found.value)


def effective(agent: str, data: Any, deployment: str = "two_way", file: bool = False) -> Dict[str, Dict[str, Any]]:
    """Every setting of ``agent`` with its effective value, where it came from, and any ambiguity.

    Keys of the result follow the input's key style. Invalid values are reported as found
    (``valid: false``); lint says why.
    """
    check_deployment(deployment)
    parsed = parse_settings(agent, data, file=file)
    bad = {f["setting"] for f in value_findings(parsed)}
    out: Dict[str, Dict[str, Any]] = {}
    for s in catalog.settings_of(agent):
        f = parsed.found.get(s.name)
        entry: Dict[str, Any] = {
            "setting": s.name,
            "key": s.json_path,
            "value": None,
            "source": "undocumented",
            "ambiguous": False,
            "readings": [],
        }
        if agent not in catalog.DEPLOYMENT_AGENTS[deployment]:
            entry["source"] = "not_deployed"
        if f is not None:
            entry.update(value=shown(s, _value(f)), source="file", valid=f.key not in bad)
        else:
            defaults = s.default_for(deployment)
            if s.contradicting and defaults:
                entry.update(
                    value=None, source="ambiguous_default", ambiguous=True,
                    readings=[{"value": d.value, "source": d.source, "section": d.section} for d in defaults],
                )
            elif defaults and entry["source"] != "not_deployed":
                d = defaults[0]
                entry.update(value=d.value, source="default:" + d.source)
        out[parsed.label(s)] = entry
    if agent == "import":
        _disable_vs_dissociation(parsed, out)
    return out


def disable_readings(parsed: ParsedSettings) -> Optional[List[Dict[str, Any]]]:
    """Contradiction 1 (docs/design.md): the readings of the AD-disable action when they differ, else None."""
    by = catalog.by_name("import")
    disable = parsed.found.get("user_disable_action")
    dissoc = parsed.found.get("user_dissociation_action")
    if dissoc is None:
        return None
    d_value = _value(disable) if disable is not None else by["user_disable_action"].default_for()[0].value
    x_value = _value(dissoc)
    if not (is_valid(by["user_disable_action"], d_value) and is_valid(by["user_dissociation_action"], x_value)) \
            or x_value == d_value:
        return None
    return [
        {"value": d_value, "source": "UserDisableAction takes precedence",
         "section": by["user_disable_action"].defaults[0].section},
        {"value": x_value, "source": "UserDissociationAction overrides UserDisableAction if not identical",
         "section": by["user_dissociation_action"].section},
    ]


def _disable_vs_dissociation(parsed: ParsedSettings, out: Dict[str, Dict[str, Any]]) -> None:
    readings = disable_readings(parsed)
    if readings:
        entry = out[parsed.label(catalog.by_name("import")["user_disable_action"])]
        entry["ambiguous"] = True
        entry["readings"] = readings


def upgrade_import(data: Any) -> Dict[str, Any]:
    """MainLoop settings after an import agent upgrade (docs/design.md, "Upgrade rules")."""
    parsed = parse_settings("import", data)
    by = catalog.by_name("import")
    # only the catalog's settings come back (the allowlist): other keys of the input are not ours to show
    out = {f.key: shown(f.setting, f.value) for f in parsed.found.values() if not f.setting.parent}
    for f in parsed.found.values():
        if f.setting.parent:
            out.setdefault(f.setting.parent[0], {})[f.key] = shown(f.setting, f.value)

    def key_for(name: str) -> str:
        s = by[name]
        return s.name if parsed.style == "option" else s.key

    if "user_disable_action" not in parsed.found:
        dissoc = parsed.found.get("user_dissociation_action")
        out[key_for("user_disable_action")] = (
            shown(dissoc.setting, dissoc.value) if dissoc is not None else upgrade_default(by["user_disable_action"])
        )
    if "user_expire_action" not in parsed.found:
        out[key_for("user_expire_action")] = upgrade_default(by["user_expire_action"])
    return out


def upgrade_default(setting: catalog.Setting) -> Any:
    """The value an import agent upgrade writes for an absent setting (the catalog's upgrade default)."""
    return [d.value for d in setting.defaults if d.source == "upgrade"][0]
