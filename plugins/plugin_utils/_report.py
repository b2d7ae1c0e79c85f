# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fleet reports: drift (hosts against a baseline and against their peers) and change review.

PRIVATE to this collection. Pure Python: no Ansible objects. Inputs are what the modules
return (agent_config_info per host; import/sync_agent_config results per host), which carry
only catalog settings' values (the allowlist): no other file text reaches a report.

A report covers every host it is given: a host whose file is missing, unreadable or not a valid
agent file, or that gave no result at all, is a row with its reason, never a crash of the report.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from typing import Any, Dict, List, Optional

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import check_deployment, is_valid, same_value
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._lint import lint_both
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._outcomes import EVENTS, brief, events_of, outcomes, same_outcome
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._merge import check_drift_host, check_review_host

# Risk tags: outcome changes a change board must not miss. Each is (tag, event, test on an outcome, words).
RISKS = (
    ("DELETES_JC_USER_ON_AD_DISABLE", "ad_user_disabled", lambda o: o["jc"]["account"] == "deleted",
     "would delete JumpCloud users on AD disable"),
    ("DELETES_AD_ACCOUNT_ON_JC_DELETE", "jc_user_deleted", lambda o: o["ad"]["account"] == "deleted",
     "would delete AD accounts on JumpCloud delete"),
    ("DELETES_AD_GROUP_ON_DISCONNECT", "jc_group_disconnected", lambda o: o["ad"]["group"] == "deleted",
     "would delete AD groups on disconnect"),
    ("LOGIN_PENDING_ON_TAKEOVER", "ad_user_takeover", lambda o: o["jc"]["password"] == "pending",
     "would send taken-over users to Password Pending"),
    ("AD_UNLOCK_ON_ANY_UPDATE", "jc_user_updated", lambda o: o["ad"]["lock"] == "unlocked",
     "would unlock locked AD accounts on any JumpCloud update"),
)


def _readings(outcome: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The outcome and each of its alternative readings."""
    return [outcome] + list(outcome.get("alternatives") or [])


def risk_tags(event: str, before: Optional[Dict[str, Any]], after: Dict[str, Any]) -> List[str]:
    """Tags for what ``after`` may do (in any reading: never a silent pick) that ``before`` did not surely do.

    An outcome that was ambiguous before (one reading deletes, one does not) and surely deletes after is
    tagged: the change settles the doubt on the risky side.
    """
    tags = []
    for tag, risk_event, test, _words in RISKS:
        if event != risk_event:
            continue
        now = any(test(o) for o in _readings(after))
        then = before is not None and all(test(o) for o in _readings(before))
        if now and not then:
            tags.append(tag)
    if after.get("ambiguous") and not (before or {}).get("ambiguous"):
        tags.append("AMBIGUOUS")
    return tags


def _outcome_map(results: List[Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
    return {r["event"]: r for r in results}


NO_RESULT = "no result: the host failed or was unreachable before its files were read"

# Outcome changes in plain words: what each event is, and what each end state means (engine vocabularies).
EVENT_WORDS = {
    "ad_user_disabled": "an AD account is disabled", "ad_user_enabled": "an AD account is enabled again",
    "ad_user_deleted": "an AD account is deleted",
    "ad_user_out_of_scope": "an AD user leaves the monitored scope (OU or ADI group)",
    "ad_password_expired": "an AD password expires", "ad_account_locked": "an AD account locks out",
    "ad_account_unlocked": "an AD account is unlocked", "ad_user_takeover": "an AD user takes over a JumpCloud user",
    "jc_user_suspended": "a JumpCloud user is suspended", "jc_user_deleted": "a JumpCloud user is deleted",
    "jc_user_disconnected": "a JumpCloud user is unbound from ADI",
    "jc_group_disconnected": "a JumpCloud group is disconnected from ADI",
    "jc_user_unlocked": "a JumpCloud admin unlocks a user", "jc_user_updated": "a JumpCloud user's profile is updated",
    "jc_password_changed": "a JumpCloud password changes", "jc_password_expired": "a JumpCloud password expires",
    "jc_group_membership_added": "a user is added to a JumpCloud group",
}
FIELD_WORDS = {"ad": "the AD %s %s %s", "jc": "the JumpCloud %s %s %s"}
PLURAL_FIELDS = ("memberships", "external_fields", "groups")  # "the AD group memberships are removed"
FIELD_NAMES = {"account": "account", "lock": "lock", "memberships": "group memberships", "group": "group",
               "password": "password", "adi": "ADI binding", "external_fields": "externally managed fields",
               "external_password_expiration_date": "external password expiration date", "groups": "group memberships"}


def _state_words(side: str, field: str, value: str) -> str:
    return FIELD_WORDS[side] % (FIELD_NAMES.get(field, field), "are" if field in PLURAL_FIELDS else "is",
                                value.replace("_", " "))


def plain_words(event: str, before: Dict[str, Any], after: Dict[str, Any]) -> List[str]:
    """One sentence per end state that differs, and one per reading of an ambiguous outcome (never "or ...")."""
    when = "When %s: " % EVENT_WORDS.get(event, event.replace("_", " "))
    out = []
    for side in ("ad", "jc"):
        for field, value in after[side].items():
            was = before[side].get(field)
            if was != value:
                out.append(when + "%s (before: %s)" % (_state_words(side, field, value), str(was).replace("_", " ")))
    for a in after.get("alternatives") or []:
        states = ["%s" % _state_words(side, k, v) for side in ("ad", "jc") for k, v in a[side].items()
                  if v != after[side][k]]
        if states:
            out.append(when + "if the vendor document means \"%s\", %s" % (a["reading"], "; ".join(states)))
    if after.get("ambiguous") and not before.get("ambiguous"):
        out.append(when + "the outcome becomes ambiguous in the vendor document")
    return out or [when + "no visible change"]


def _cross_agent(settings: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The two-way cross-agent findings (both agents' lockout status) of both files' catalog settings.

    None when a file holds a value its setting does not allow: that value is its file's own finding, and a report
    holds it only described (a check on the description would describe it again).
    """
    for agent, values in settings.items():
        if not isinstance(values, dict):
            return []
        for name, value in values.items():
            s = catalog.find(agent, name)
            if s is None or not is_valid(s, value):
                return []
    return [f for f in lint_both(settings, "two_way") if f["agent"] == "both" and f["severity"] in ("error", "warning")]


def _running(deployment: str, present) -> str:
    """The deployment a host really runs: the deployment's agents that the host has."""
    agents = tuple(a for a in catalog.DEPLOYMENT_AGENTS[deployment] if a in present)
    return next((d for d, a in catalog.DEPLOYMENT_AGENTS.items() if a == agents), deployment)


def _absent_events(deployment: str, running: str) -> List[Dict[str, Any]]:
    """One entry per agent of the deployment the host does not have: its events, not predicted."""
    return [{"agent": agent, "events": [e for e in events_of(deployment) if EVENTS[e][0] == agent],
             "reason": "not predicted: no %s agent" % agent}
            for agent in catalog.DEPLOYMENT_AGENTS[deployment] if agent not in catalog.DEPLOYMENT_AGENTS[running]]


def not_predicted_words(entry: Dict[str, Any]) -> str:
    """A sentence for an absent agent's events (reports show it in place of their predictions)."""
    return "When %s: %s" % (", or ".join(EVENT_WORDS.get(e, e.replace("_", " ")) for e in entry["events"]),
                            entry["reason"])


def _status(info: Dict[str, Any]) -> str:
    """ok, missing, unreadable or unparsable (entries of older results carry only ``exists``)."""
    return info.get("status") or ("ok" if info.get("exists") else "missing")


# ------------------------------------------------------------------ drift

def drift(hosts: Dict[str, Dict[str, Any]], baseline: Dict[str, Dict[str, Any]], deployment: str = "two_way",
          title: str = "JumpCloud ADI drift report") -> Dict[str, Any]:
    """Compare every host with the baseline and with its peers.

    ``hosts``: host -> {"domain": str, "import": info entry, "sync": info entry}, where an info entry is
    what jumpcloud.adi.agent_config_info returns for that agent. ``baseline``: {"import": {...}, "sync": {...}}
    settings by module option name (or agent key).
    """
    check_deployment(deployment)
    if not isinstance(hosts, dict):
        raise SettingsError("hosts must be a dict of host -> agent_config_info result")
    agents = catalog.DEPLOYMENT_AGENTS[deployment]
    base = {}
    for agent in agents:
        data = (baseline or {}).get(agent) or {}
        if not isinstance(data, dict):
            raise SettingsError("baseline %s settings must be a dict" % agent)
        given = {catalog.find(agent, k).name: v for k, v in data.items() if catalog.find(agent, k)}
        # in catalog order, whatever order the input has (a partial report's JSON sorts its keys)
        base[agent] = {s.name: given[s.name] for s in catalog.settings_of(agent) if s.name in given}
        unknown = [k for k in data if not catalog.find(agent, k)]
        if unknown:
            raise SettingsError("baseline %s settings: unknown %s" % (agent, ", ".join(map(str, unknown))))
    baseline_of: Dict[str, Dict[str, Any]] = {}  # the baseline's outcomes per deployment a host really runs
    rows: List[Dict[str, Any]] = []
    per_host: Dict[str, Dict[str, Any]] = {}
    predicted: Dict[str, Any] = {}
    cross: Dict[str, List[Dict[str, Any]]] = {}
    for host in sorted(hosts):
        check_drift_host(host, hosts[host])
        h = hosts[host] if isinstance(hosts[host], dict) else {}
        entry = {"host": host, "domain": h.get("domain") or "default", "agents": {}, "drift": [], "findings": [],
                 "missing": [], "unreadable": [], "outcome_changes": [], "risks": []}
        settings_now = {}
        if not any(isinstance(h.get(agent), dict) for agent in agents):
            entry["unreadable"].append({"agent": None, "path": None, "reason": NO_RESULT})
        for agent in agents:
            info = h.get(agent) if isinstance(h.get(agent), dict) else {}
            status = _status(info)
            entry["agents"][agent] = {"path": info.get("path"), "exists": bool(info.get("exists")), "status": status}
            if not info:
                continue
            if status == "missing":
                entry["missing"].append(agent)
                continue
            if status != "ok":
                entry["unreadable"].append({"agent": agent, "path": info.get("path"),
                                            "reason": str(info.get("error") or status)})
                continue
            settings_now[agent] = dict(info.get("settings") or {})
            entry["findings"].extend(f for f in info.get("findings") or [] if f.get("severity") in ("error", "warning"))
            effective = info.get("effective") or {}
            for name, want in base[agent].items():
                s = catalog.by_name(agent)[name]
                found = (info.get("settings") or {}).get(name)
                eff = effective.get(name, {})
                if found is None or not same_value(s, found, want):
                    row = {"host": host, "kind": "baseline", "agent": agent, "setting": name, "key": s.json_path,
                           "file": info.get("path"), "baseline": want, "found": found,
                           "effective": eff.get("value"), "ambiguous": bool(eff.get("ambiguous"))}
                    entry["drift"].append(row)
                    rows.append(row)
        # hosts of one configuration share their cross-agent findings and their predictions
        key = json.dumps(settings_now, sort_keys=True)
        if len(settings_now) == 2 and deployment == "two_way":
            if key not in cross:
                cross[key] = _cross_agent(settings_now)
            entry["findings"].extend(cross[key])
        if entry["drift"] and entry["unreadable"]:
            # a file could not be read: its settings are unknown, so are the outcomes (never guessed from defaults)
            entry["outcomes_not_predicted"] = True
        elif settings_now and entry["drift"]:
            # an absent agent runs nothing: the host is predicted as the deployment of the agents it has (never
            # from the absent agent's defaults), and the absent agent's events are named as not predicted
            running = _running(deployment, settings_now)
            if running != deployment:
                entry["not_predicted"] = _absent_events(deployment, running)
            if running not in baseline_of:
                baseline_of[running] = _outcome_map(outcomes(None, base.get("import", {}), base.get("sync", {}),
                                                             running))
            key = running + key
            if key not in predicted:
                try:
                    predicted[key] = outcomes(None, settings_now.get("import", {}), settings_now.get("sync", {}),
                                              running)
                except SettingsError:
                    predicted[key] = None
            now = predicted[key] or []
            if predicted[key] is None:
                # an invalid value in the file: its error finding is listed; the outcomes cannot be predicted
                entry["outcomes_not_predicted"] = True
            for r in now:
                b = baseline_of[running][r["event"]]
                if not same_outcome(r, b):
                    tags = risk_tags(r["event"], b, r)
                    entry["outcome_changes"].append({"event": r["event"], "baseline": brief(b), "found": brief(r),
                                                     "tags": tags})
                    entry["risks"].extend(t for t in tags if t not in entry["risks"])
        per_host[host] = entry
    _peer_drift(per_host, hosts, agents, rows)
    for e in per_host.values():
        for c in e["outcome_changes"]:
            c["words"] = plain_words(c["event"], c["baseline"], c["found"])
    classes = _classes(per_host, hosts, agents)
    drifted = [h for h, e in per_host.items() if e["drift"] or e["peer_drift"]]
    settings_drifted = sorted({(r["agent"], r["setting"]) for r in rows})
    summary = "Drift: %d of %d hosts, %d settings" % (len(drifted), len(per_host), len(settings_drifted))
    risky = _risk_summary(per_host)
    if risky:
        summary += "; " + "; ".join(risky)
    unreadable = [h for h, e in per_host.items() if e["unreadable"]]
    if unreadable:
        summary += "; " + _hosts(unreadable, "unreadable")
    missing = [h for h, e in per_host.items() if e["missing"]]
    return {
        "kind": "drift", "title": title, "deployment": deployment, "summary": summary,
        "baseline": base, "hosts": per_host, "rows": rows, "drifted_hosts": drifted,
        "hosts_without_agent": missing, "unreadable_hosts": unreadable, "classes": classes,
        "findings": _grouped_findings(per_host),
        "stats": {"adi_hosts": len(per_host), "adi_drifted_hosts": len(drifted),
                  "adi_drifted_settings": len(settings_drifted), "adi_hosts_without_agent": len(missing),
                  "adi_unreadable_hosts": len(unreadable), "adi_configuration_classes": len(classes),
                  "adi_risky_hosts": len([h for h, e in per_host.items() if e["risks"]])},
    }


def _current_values(info: Dict[str, Any], agent: str) -> Dict[str, List[Any]]:
    """Every setting of the agent: [effective value, where it comes from] ("file", "default", "ambiguous", ...)."""
    effective = info.get("effective") or {}
    out = {}
    for s in catalog.settings_of(agent):
        e = effective.get(s.name) or {}
        source = str(e.get("source") or "undocumented")
        out[s.name] = [e.get("value"), "ambiguous" if e.get("ambiguous") else source.split(":", maxsplit=1)[0]]
    return out


def _classes(per_host, hosts, agents) -> List[Dict[str, Any]]:
    """Hosts grouped by identical effective settings (and which agents they have), the largest group first."""
    groups: Dict[str, List[str]] = defaultdict(list)
    values_of = {}
    for host, e in per_host.items():
        if e["unreadable"]:
            continue
        values = {}
        for agent in agents:
            info = (hosts[host] if isinstance(hosts[host], dict) else {}).get(agent) or {}
            values[agent] = _current_values(info, agent) if agent not in e["missing"] else None
        key = json.dumps(values, sort_keys=True)
        groups[key].append(host)
        values_of[key] = values
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[1][0]))
    out = []
    for n, (key, members) in enumerate(ordered):
        label = _label(n)
        for host in members:
            per_host[host]["class"] = label
        out.append({"label": label, "hosts": members, "values": values_of[key],
                    "drifted": any(per_host[h]["drift"] or per_host[h]["peer_drift"] for h in members),
                    "risks": sorted({t for h in members for t in per_host[h]["risks"]})})
    return out


def _label(n: int) -> str:
    """A, B, ..., Z, AA, AB, ..."""
    label = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        label = chr(65 + r) + label
    return label


# "(C:\\Program Files (x86)\\JumpCloud\\x.json, line 3)": a path may hold one level of parentheses
_PLACE = re.compile(r" \((?:[^()]|\([^()]*\))*, line \d+\)$")


def _grouped_findings(per_host) -> List[Dict[str, Any]]:
    """One entry per finding with the hosts that have it (the file's path and line left out of the wording)."""
    groups: Dict[tuple, Dict[str, Any]] = {}
    for host, e in per_host.items():
        for f in e["findings"]:
            message = _PLACE.sub("", str(f.get("message", "")))
            key = (f.get("severity"), f.get("code"), f.get("agent"), message)
            entry = groups.setdefault(key, {"severity": f.get("severity"), "code": f.get("code"),
                                            "agent": f.get("agent"), "message": message, "hosts": []})
            if not entry["hosts"] or entry["hosts"][-1] != host:  # hosts come one after the other
                entry["hosts"].append(host)
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(groups.values(), key=lambda g: (order.get(g["severity"], 3), -len(g["hosts"]), g["message"]))


def _peer_drift(per_host, hosts, agents, rows) -> None:
    """Hosts of the same domain whose effective settings differ from what most of their peers have."""
    by_domain = defaultdict(list)
    for host, e in per_host.items():
        by_domain[e["domain"]].append(host)
        e["peer_drift"] = []
    for domain, members in by_domain.items():
        if len(members) < 3:
            continue  # no majority to speak of
        for agent in agents:
            for s in catalog.settings_of(agent):
                values = {}
                for host in members:
                    info = (hosts[host] if isinstance(hosts[host], dict) else {}).get(agent) or {}
                    if isinstance(info, dict) and _status(info) == "ok":
                        values[host] = json.dumps((info.get("effective") or {}).get(s.name, {}).get("value"))
                if len(values) < 3:
                    continue
                common, n = Counter(values.values()).most_common(1)[0]
                if n <= len(values) / 2:
                    continue
                for host, v in values.items():
                    if v != common:
                        row = {"host": host, "kind": "peers", "agent": agent, "setting": s.name, "key": s.json_path,
                               "file": (hosts[host].get(agent) or {}).get("path"), "peers": json.loads(common),
                               "found": json.loads(v), "domain": domain}
                        per_host[host]["peer_drift"].append(row)
                        rows.append(row)


SUMMARY_NAMES = 5  # hosts named per phrase of the summary line (a stable, short line for people and CI logs)


def _hosts(hosts: List[str], words: str) -> str:
    more = len(hosts) - SUMMARY_NAMES
    named = ", ".join(hosts[:SUMMARY_NAMES]) + (", and %d more" % more if more > 0 else "")
    return "%d host%s %s (%s)" % (len(hosts), "" if len(hosts) == 1 else "s", words, named)


def _risk_summary(per_host, review: bool = False) -> List[str]:
    """One phrase per risk tag found; a review speaks of what hosts would *start* to do, and of ambiguity."""
    risks = RISKS + ((("AMBIGUOUS", None, None, "would become ambiguous in the vendor document"),) if review else ())
    out = []
    for tag, _e, _t, words in risks:
        hosts = [h for h, e in per_host.items() if tag in e["risks"]]
        if hosts:
            if review and tag.startswith("DELETES"):
                words = words.replace("would ", "would start to ", 1)
            out.append(_hosts(hosts, words))
    return out


# ------------------------------------------------------------------ change review

def review(hosts: Dict[str, Dict[str, Any]], title: str = "JumpCloud ADI change review") -> Dict[str, Any]:
    """A change review from each host's config module results (run in check mode).

    ``hosts``: host -> {"import": module result or a dict with "missing": true, "sync": ...}.
    """
    if not isinstance(hosts, dict):
        raise SettingsError("hosts must be a dict of host -> config module results")
    per_host = {}
    changed_settings = set()
    for host in sorted(hosts):
        entry = {"host": host, "agents": {}, "risks": [], "changed": False, "failed": False, "missing": [],
                 "findings": []}
        check_review_host(host, hosts[host])
        results = hosts[host] if isinstance(hosts[host], dict) else {}
        if not any(isinstance(results.get(agent), dict) and results.get(agent) for agent in catalog.AGENTS):
            entry["failed"] = True
            entry["reason"] = NO_RESULT
        for agent in catalog.AGENTS:
            res = results.get(agent)
            if not res or not isinstance(res, dict):
                continue
            if res.get("missing"):
                entry["missing"].append(agent)
                entry["agents"][agent] = {"missing": True, "path": res.get("path"), "msg": res.get("msg")}
                continue
            if res.get("failed"):
                entry["failed"] = True
                entry["agents"][agent] = {"failed": True, "path": res.get("path"), "msg": res.get("msg")}
                continue
            impact = []
            for i in res.get("impact") or []:
                tags = risk_tags(i["event"], i["before"], i["after"])
                impact.append(dict(i, tags=tags))
                entry["risks"].extend(t for t in tags if t not in entry["risks"])
            changes = res.get("changes") or []
            changed_settings.update((agent, c["setting"]) for c in changes)
            entry["agents"][agent] = {
                "path": res.get("path"), "changed": bool(res.get("changed")), "changes": changes, "impact": impact,
                "diff": res.get("diff"), "findings": [f for f in res.get("findings") or []
                                                      if f.get("severity") in ("error", "warning")],
            }
            entry["changed"] = entry["changed"] or bool(res.get("changed"))
        if entry["failed"] and any(a.get("impact") for a in entry["agents"].values()):
            # one file could not be planned: its settings are unknown, so are the host's outcomes (never guessed
            # from the other file alone with defaults for the missing one)
            entry["outcomes_not_predicted"] = True
            entry["risks"] = []
            for a in entry["agents"].values():
                if "impact" in a:
                    a["impact"] = []
        elif entry["missing"] and not entry["failed"]:
            # an absent agent runs nothing: its events are named as not predicted, never predicted from its defaults
            running = _running("two_way", [a for a in catalog.AGENTS if a not in entry["missing"]])
            entry["not_predicted"] = _absent_events("two_way", running)
            absent = {e for n in entry["not_predicted"] for e in n["events"]}
            entry["risks"] = []
            for a in entry["agents"].values():
                if "impact" not in a:
                    continue
                a["impact"] = [i for i in a["impact"] if i["event"] not in absent]
                for i in a["impact"]:
                    entry["risks"].extend(t for t in i["tags"] if t not in entry["risks"])
        after = {a: results[a].get("settings") for a in catalog.AGENTS
                 if a in entry["agents"] and not (entry["agents"][a].get("missing") or entry["agents"][a].get("failed"))}
        if len(after) == 2:
            # both agents planned (two-way): the cross-agent checks on the settings both files would hold
            entry["findings"] = _cross_agent(after)
        per_host[host] = entry
    # a host that could not be reviewed is not among those that change: a rollout changes a host whole or not at all,
    # and it refuses one whose plan failed (the host is listed as not reviewed instead)
    changing = [h for h, e in per_host.items() if e["changed"] and not e["failed"]]
    summary = "Review: %d of %d hosts change, %d settings" % (len(changing), len(per_host), len(changed_settings))
    risky = _risk_summary(per_host, review=True)
    if risky:
        summary += "; " + "; ".join(risky)
    failed = [h for h, e in per_host.items() if e["failed"]]
    if failed:
        summary += "; " + _hosts(failed, "could not be reviewed")
    groups = _review_groups(per_host)
    return {"kind": "review", "title": title, "summary": summary, "hosts": per_host, "changing_hosts": changing,
            "failed_hosts": failed, "groups": groups,
            "stats": {"adi_hosts": len(per_host), "adi_changing_hosts": len(changing),
                      "adi_changed_settings": len(changed_settings), "adi_unreviewed_hosts": len(failed),
                      "adi_risky_hosts": len([h for h, e in per_host.items() if e["risks"]])}}


def _same_change(e: Dict[str, Any]) -> str:
    """What makes two hosts' reviews the same: each agent's path, changes, predicted outcomes (end states, not the
    trace), findings and state, and the host's own findings, risks and reasons. Not the diff: it shows the rest of
    each file, masked, which differs from host to host."""
    agents = {}
    for agent, a in e["agents"].items():
        agents[agent] = {k: v for k, v in a.items() if k not in ("diff", "impact")}
        if "impact" in a:
            agents[agent]["impact"] = [[i["event"], i["before"], i["after"], i["tags"]] for i in a["impact"]]
    fields = ("risks", "failed", "reason", "findings", "outcomes_not_predicted", "not_predicted")
    return json.dumps([agents] + [e.get(k) for k in fields], sort_keys=True)


def _review_groups(per_host: Dict[str, Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Hosts that get the identical change, grouped (as the drift report groups configurations), each host in one
    group; groups in the order of their first host."""
    groups: Dict[str, Dict[str, Any]] = {}
    for host, e in per_host.items():
        g = groups.setdefault(_same_change(e), {"hosts": [], "changed": e["changed"], "failed": e["failed"],
                                                "risks": list(e["risks"])})
        g["hosts"].append(host)
    out = []
    for n, g in enumerate(groups.values()):
        g["label"] = _label(n)
        out.append(g)
    return out
