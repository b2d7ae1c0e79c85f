# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lint: findings (error, warning, info) for one agent's settings, both agents', or a fleet.

PRIVATE to this collection. Pure Python: no Ansible objects.
"""

from __future__ import annotations

from typing import Any, Dict, List

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import (
    check_agent, check_deployment, did_you_mean, finding, json_type, parse_settings, shown, value_findings,
)
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import (
    disable_readings, effective, upgrade_default,
)

SEVERITIES = ("error", "warning", "info")


def lint(agent: str, data: Any, deployment: str = "two_way", file: bool = False) -> List[Dict[str, Any]]:
    """Findings for ``agent`` (``import``, ``sync`` or ``both``); ``file`` for an agent file's own data."""
    check_agent(agent, catalog.AGENTS + ("both",))
    check_deployment(deployment)
    if agent == "both":
        return lint_both(data, deployment)
    return _lint_one(agent, data, deployment, file)


def split_both(data: Any) -> Dict[str, Any]:
    if not isinstance(data, dict):
        raise SettingsError("settings of both agents must be a dict {import: {...}, sync: {...}}, got %s"
                            % json_type(data))
    extra = [k for k in data if k not in catalog.AGENTS]
    if extra:
        raise SettingsError("settings of both agents take the keys import and sync, not %s"
                            % ", ".join(map(str, extra)))
    return {a: (data.get(a) if data.get(a) is not None else {}) for a in catalog.AGENTS}


def lint_both(data: Any, deployment: str = "two_way") -> List[Dict[str, Any]]:
    parts = split_both(data)
    out: List[Dict[str, Any]] = []
    for agent in catalog.AGENTS:
        out.extend(_lint_one(agent, parts[agent], deployment))
    if deployment == "two_way":
        imp = effective("import", parts["import"], deployment)
        syn = effective("sync", parts["sync"], deployment)
        name = "sync_account_locked_out_status"
        i = [v for v in imp.values() if v["setting"] == name][0]
        s = [v for v in syn.values() if v["setting"] == name][0]
        if i["value"] != s["value"]:
            key = catalog.by_name("sync")[name].key
            out.append(finding(
                "warning", "lockout_status_mismatch", key,
                "%s is %s for the import agent (%s) but %s for the sync agent (%s); in "
                "two-way sync the vendor recommends the same value in both files, and true for predictable unlocks"
                % (key, _json_word(i["value"]), _source_words(i["source"]), _json_word(s["value"]),
                   _source_words(s["source"])),
                agent="both",
                section="Configuration Settings Outcomes in a Two-way Sync > Key Considerations for 2-Way Sync",
            ))
    return _sorted(out)


# Where an effective value comes from (_effective.py "source"), in words (found by the adversarial review: a message
# showed the raw token "default:documented"). The default's kinds are those of _catalog.Default.source.
_DEFAULT_WORDS = {"documented": "the documented default", "new_install": "the default of a new install",
                  "upgrade": "the default after an upgrade", "settings_reference": "the default in the settings reference",
                  "summary_table": "the default in the summary table"}


def _source_words(source: str) -> str:
    if source == "file":
        return "set in the file"
    if source.startswith("default:"):
        kind = source.split(":", 1)[1]
        if kind.startswith("deployment:"):
            return "the default of a %s deployment" % kind.split(":", 1)[1].replace("_", "-")
        return _DEFAULT_WORDS.get(kind, "a default")
    return source.replace("_", " ")


def _json_word(value: Any) -> str:
    """A value as the file would write it: a boolean as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _sorted(findings: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return sorted(findings, key=lambda f: SEVERITIES.index(f["severity"]))


def _lint_one(agent: str, data: Any, deployment: str, file: bool = False) -> List[Dict[str, Any]]:
    parsed = parse_settings(agent, data, file=file)
    out = list(parsed.findings) + value_findings(parsed)
    flagged = {f["setting"] for f in parsed.findings if f["code"] == "option_name_in_file"}
    for key in [k for k in parsed.unknown if k not in flagged]:
        guess = did_you_mean(agent, key)
        if guess or not parsed.file:
            # in a file, a key that is no near miss is the admin's own; in settings given to us, it is a mistake
            out.append(finding(
                "warning", "unknown_key", key, "%s is not a setting of the %s%s"
                % (key, catalog.AGENT_TITLES[agent],
                   "; did you mean %s?" % guess if guess else " and is ignored (its settings: %s)"
                   % ", ".join(s.name for s in catalog.settings_of(agent))),
            ))
    by = catalog.by_name(agent)
    found = parsed.found
    label = parsed.label
    if agent not in catalog.DEPLOYMENT_AGENTS[deployment]:
        out.append(finding(
            "info", "agent_not_deployed", None, "the %s does not run in a %s deployment; its settings have no effect"
            % (catalog.AGENT_TITLES[agent], deployment),
        ))
    if agent == "import":
        out.extend(_import_findings(parsed, by, found, label))
    else:
        out.extend(_sync_findings(parsed, by, found, label, deployment))
    for f in out:
        f.setdefault("agent", agent)
        if f.get("setting") is not None and "section" not in f:
            s = catalog.find(agent, f["setting"])
            if s is not None:
                f["section"] = s.section
    return _sorted(out)


def _import_findings(parsed, by, found, label) -> List[Dict[str, Any]]:
    out = []
    poll = by["password_change_listener_poll_time_millis"]
    if poll.name in found:
        out.append(finding(
            "warning", "support_only", label(poll),
            "%s: the vendor does not recommend changing this setting without direction from JumpCloud support"
            % poll.json_path,
        ))
    disable = by["user_disable_action"]
    dissoc = found.get("user_dissociation_action")
    if disable.name not in found:
        after = shown(dissoc.setting, dissoc.value) if dissoc is not None else upgrade_default(disable)
        out.append(finding(
            "warning", "upgrade_changes_default", label(disable),
            "%s is absent: the agent acts as %s now, but an import agent upgrade writes %s=%s%s; set it "
            "explicitly to keep today's behaviour"
            % (disable.key, disable.default_for()[0].value, disable.key, after,
               " (JumpCloud users are deleted when disabled in AD)" if str(after).lower() == "remove" else ""),
        ))
    readings = disable_readings(parsed)
    if readings:
        out.append(finding(
            "warning", "ambiguous_disable_action", label(disable),
            "the vendor document contradicts itself when %s and %s differ (%s): an AD disable may %s or %s the "
            "JumpCloud user; set both to the same value (or remove %s) to remove the doubt"
            % (label(disable), found["user_dissociation_action"].key,
               " vs ".join("%s=%s" % (k, r["value"]) for k, r in zip(("UserDisableAction", "UserDissociationAction"), readings)),
               readings[0]["value"], readings[1]["value"], found["user_dissociation_action"].key),
            readings=readings,
        ))
    expire = by["user_expire_action"]
    if expire.name not in found:
        out.append(finding(
            "info", "upgrade_changes_default", label(expire),
            "%s is absent: the agent acts as %s now, but an import agent upgrade writes %s=%s; set it "
            "explicitly to keep today's behaviour"
            % (expire.key, expire.default_for()[0].value, expire.key, upgrade_default(expire)),
        ))
    mapping = by["user_field_mapping"]
    if mapping.name in found:
        out.append(finding(
            "info", "username_mapping", label(mapping),
            "%s decides JumpCloud usernames: changing it on an existing install changes the usernames of imported "
            "users" % mapping.key,
        ))
    takeover = by["user_takeover_action"]
    t = found.get(takeover.name)
    if t is None or str(t.value).lower() == "deactivate":
        out.append(finding(
            "info", "takeover_password_pending", label(takeover),
            "%s is deactivate%s: existing JumpCloud users matched to AD users go to Password Pending and must reset "
            "their password in AD" % (takeover.key, "" if t is not None else " (default)"),
        ))
    return out


def _sync_findings(parsed, by, found, label, deployment) -> List[Dict[str, Any]]:
    out = []
    for name in ("user_disconnection_action", "membership_disconnection"):
        s = by[name]
        if s.name not in found:
            readings = list(s.defaults)
            out.append(finding(
                "warning", "ambiguous_default", label(s),
                "%s is absent and the vendor document gives two defaults: %s; set it explicitly to remove the doubt"
                % (s.key, " vs ".join("%s (%s)" % (d.value, d.source.replace("_", " ")) for d in readings)),
                readings=[{"value": d.value, "source": d.source, "section": d.section} for d in readings],
            ))
    gtype = by["group_membership_sync_type"]
    if gtype.name not in found and deployment != "import_only":
        value = gtype.default_for(deployment)[0].value
        out.append(finding(
            "info", "deployment_default", label(gtype),
            "%s is absent: its default depends on the deployment (minimal for two-way, match for one-way); here "
            "%s. Set it explicitly so the file means the same everywhere" % (gtype.key, value),
        ))
    lock = by["sync_account_locked_out_status"]
    v = found.get(lock.name)
    if v is None or v.value is not True:
        out.append(finding(
            "info", "recommend_lockout_status", label(lock),
            "the vendor recommends %s: true on the sync agent, so AD accounts unlock only on an explicit JumpCloud "
            "unlock, not on any profile update" % lock.key,
        ))
    return out
