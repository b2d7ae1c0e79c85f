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

import html
import json
import re
from collections import Counter, defaultdict
from typing import Any, Dict, List, Optional

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import SettingsError, check_deployment
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._outcomes import brief, outcomes, same_outcome

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
RISK_WORDS = {tag: words for tag, _e, _t, words in RISKS}


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


def _eq(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b


def _shown(value: Any) -> str:
    if value is None:
        return "absent"
    return json.dumps(value) if not isinstance(value, str) else value


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
FIELD_WORDS = {"ad": "the AD %s is %s", "jc": "the JumpCloud %s is %s"}
FIELD_NAMES = {"account": "account", "lock": "lock", "memberships": "group memberships", "group": "group",
               "password": "password", "adi": "ADI binding", "external_fields": "externally managed fields",
               "external_password_expiration_date": "external password expiration date", "groups": "group memberships"}


def _state_words(side: str, field: str, value: str) -> str:
    return FIELD_WORDS[side] % (FIELD_NAMES.get(field, field), value.replace("_", " "))


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
    baseline_outcomes = _outcome_map(outcomes(None, base.get("import", {}), base.get("sync", {}), deployment))
    rows: List[Dict[str, Any]] = []
    per_host: Dict[str, Dict[str, Any]] = {}
    predicted: Dict[str, Any] = {}
    for host in sorted(hosts):
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
                if found is None or not _eq(found, want):
                    row = {"host": host, "kind": "baseline", "agent": agent, "setting": name, "key": s.json_path,
                           "file": info.get("path"), "baseline": want, "found": found,
                           "effective": eff.get("value"), "ambiguous": bool(eff.get("ambiguous"))}
                    entry["drift"].append(row)
                    rows.append(row)
        now = []
        if settings_now and entry["drift"]:
            key = json.dumps(settings_now, sort_keys=True)  # hosts of one configuration share their predictions
            if key not in predicted:
                try:
                    predicted[key] = outcomes(None, settings_now.get("import", {}), settings_now.get("sync", {}),
                                              deployment)
                except SettingsError:
                    predicted[key] = None
            now = predicted[key] or []
            if predicted[key] is None:
                # an invalid value in the file: its error finding is listed; the outcomes cannot be predicted
                entry["outcomes_not_predicted"] = True
            for r in now:
                b = baseline_outcomes[r["event"]]
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


_PLACE = re.compile(r" \([^()]*, line \d+\)$")


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
        entry = {"host": host, "agents": {}, "risks": [], "changed": False, "failed": False, "missing": []}
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
        per_host[host] = entry
    changing = [h for h, e in per_host.items() if e["changed"]]
    summary = "Review: %d of %d hosts change, %d settings" % (len(changing), len(per_host), len(changed_settings))
    risky = _risk_summary(per_host, review=True)
    if risky:
        summary += "; " + "; ".join(risky)
    failed = [h for h, e in per_host.items() if e["failed"]]
    if failed:
        summary += "; " + _hosts(failed, "could not be reviewed")
    return {"kind": "review", "title": title, "summary": summary, "hosts": per_host, "changing_hosts": changing,
            "failed_hosts": failed,
            "stats": {"adi_hosts": len(per_host), "adi_changing_hosts": len(changing),
                      "adi_changed_settings": len(changed_settings), "adi_unreviewed_hosts": len(failed),
                      "adi_risky_hosts": len([h for h, e in per_host.items() if e["risks"]])}}


# ------------------------------------------------------------------ rendering

def render(report: Dict[str, Any], fmt: str) -> str:
    if not isinstance(report, dict) or report.get("kind") not in ("drift", "review"):
        raise SettingsError("expected a report from jumpcloud.adi.drift_report or jumpcloud.adi.review_report")
    if fmt == "json":
        return json.dumps(report, indent=2, sort_keys=True) + "\n"
    if fmt == "markdown":
        return _markdown(report)
    if fmt == "html":
        return _html(report)
    raise SettingsError("format %r is not one of json, markdown, html" % fmt)


def _md(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


MATRIX_HOSTS = 100  # up to this many hosts the HTML also has a host x setting table; beyond, configurations say it
CLASS_COLUMNS = 12  # configurations shown side by side (the rest are listed with their hosts)
HOST_NAMES = 10  # hosts named per configuration or finding line (all are in the host table)


def _names(hosts: List[str]) -> str:
    more = len(hosts) - HOST_NAMES
    return ", ".join(hosts[:HOST_NAMES]) + (", and %d more" % more if more > 0 else "")


def _class_line(c: Dict[str, Any]) -> str:
    n = len(c["hosts"])
    return "%d host%s share%s configuration %s: %s" % (n, "" if n == 1 else "s", "s" if n == 1 else "",
                                                       c["label"], _names(c["hosts"]))


def _setting_rows(report: Dict[str, Any]):
    """(agent, setting) of every catalog setting of the deployment's agents, with its JSON path."""
    return [(a, s.name, s.json_path) for a in catalog.DEPLOYMENT_AGENTS[report["deployment"]]
            for s in catalog.settings_of(a)]


def _cell(values: Optional[Dict[str, Any]], setting: str) -> str:
    """The effective value and, unless it comes from the file, where it comes from."""
    if values is None:
        return "no file"
    value, source = values[setting]
    text = "absent" if value is None else _shown(value)
    return text if source == "file" else "%s (%s)" % (text, source.replace("_", " "))


def _host_order(report: Dict[str, Any]) -> List[str]:
    """Drifted and risky hosts first, then unreadable ones, then hosts without an agent, then the rest."""
    def rank(item):
        host, e = item
        return (0 if e["risks"] else 1, 0 if (e["drift"] or e["peer_drift"]) else 1, 0 if e["unreadable"] else 1,
                0 if e["missing"] else 1, host)
    return [h for h, _e in sorted(report["hosts"].items(), key=rank)]


def _detailed_hosts(report: Dict[str, Any]) -> List[str]:
    """Hosts that get a section of their own: drift from the baseline, risks, or a file that cannot be read.

    Drift from peers and a missing agent are shown once per configuration and in the host table, not per host.
    """
    return [h for h in _host_order(report)
            if report["hosts"][h]["drift"] or report["hosts"][h]["risks"] or report["hosts"][h]["unreadable"]]


def _host_status(e: Dict[str, Any]) -> str:
    if e["unreadable"]:
        return "unreadable"
    if e["drift"] or e["peer_drift"]:
        return "drift"
    if e["missing"]:
        return "no %s agent" % " or ".join(e["missing"])
    return "ok"


def _markdown(report: Dict[str, Any]) -> str:
    out = ["# %s" % report["title"], "", "**%s**" % report["summary"], ""]
    if report["kind"] == "drift":
        out += ["Deployment: `%s`. Baseline: %s." % (report["deployment"], ", ".join(
            "%s `%s`" % (a, json.dumps(v, sort_keys=True)) for a, v in report["baseline"].items())), ""]
        out += ["| host | agent | setting (JSON path) | file | baseline / peers | found |", "|---|---|---|---|---|---|"]
        base_rows = [r for r in report["rows"] if r["kind"] == "baseline"]
        for r in base_rows:
            out.append("| %s |" % " | ".join(_md(x) for x in (
                r["host"], r["agent"], "`%s`" % r["key"], r["file"], _shown(r["baseline"]), _shown(r["found"]))))
        if not base_rows:
            out.append("| | | no drift from the baseline | | | |")
        out.append("")
        peers = sorted({r["host"] for r in report["rows"] if r["kind"] == "peers"})
        if peers:
            out += ["%d host%s differ%s from most of their peers in the domain (%s): see the configurations below."
                    % (len(peers), "" if len(peers) == 1 else "s", "s" if len(peers) == 1 else "", _md(_names(peers))), ""]
        classes = report.get("classes") or []
        if classes:
            shown = classes[:CLASS_COLUMNS]
            out += ["## Configurations", ""] + ["- %s" % _md(_class_line(c)) for c in classes] + [""]
            out += ["| setting | %s |" % " | ".join(c["label"] for c in shown), "|---|%s" % ("---|" * len(shown))]
            for agent, name, key in _setting_rows(report):
                out.append("| `%s` | %s |" % (key, " | ".join(_md(_cell(c["values"].get(agent), name)) for c in shown)))
            out.append("")
        if report.get("findings"):
            out += ["## Findings", ""]
            out += ["- %s `%s`: %s (%s)" % (f["severity"], f["code"], _md(f["message"]), _md(_names(f["hosts"])))
                    for f in report["findings"]] + [""]
        for host in _detailed_hosts(report):
            e = report["hosts"][host]
            out += ["## %s%s" % (_md(host), " - " + ", ".join(e["risks"]) if e["risks"] else ""), ""]
            for u in e["unreadable"]:
                out.append("- **unreadable**%s: %s" % (" (%s agent)" % u["agent"] if u["agent"] else "", _md(u["reason"])))
            for agent in e["missing"]:
                out.append("- %s agent file not found (%s): is the agent installed?" % (agent, e["agents"][agent]["path"]))
            for c in e["outcome_changes"]:
                out += ["- %s%s" % (_md(w), _md_tags(c["tags"]) if i == 0 else "") for i, w in enumerate(c["words"])]
            out.append("")
    else:
        for host, e in report["hosts"].items():
            out += ["## %s%s" % (_md(host), " - " + ", ".join(e["risks"]) if e["risks"] else ""), ""]
            if e.get("reason"):
                out += ["- **could not be reviewed**: %s" % _md(e["reason"]), ""]
            for agent, a in e["agents"].items():
                if a.get("missing") or a.get("failed"):
                    out += ["- %s agent: %s" % (agent, a.get("msg") or "not found"), ""]
                    continue
                out.append("### %s agent (`%s`)" % (agent, a["path"]))
                out.append("")
                if not a["changes"]:
                    out += ["No change.", ""]
                    continue
                out += ["| setting | before | after |", "|---|---|---|"]
                for c in a["changes"]:
                    out.append("| `%s` | %s | %s |" % (c["key"], _md(_shown(c["before"])), _md(_shown(c["after"]))))
                out.append("")
                for i in a["impact"]:
                    words = plain_words(i["event"], i["before"], i["after"])
                    out += ["- %s%s" % (_md(w), _md_tags(i["tags"]) if n == 0 else "") for n, w in enumerate(words)]
                for f in a["findings"]:
                    out.append("- %s `%s`: %s" % (f["severity"], f["code"], f["message"]))
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _md_tags(tags: List[str]) -> str:
    return " **%s**" % ", ".join(tags) if tags else ""


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1f2328;background:#fff}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.15rem;margin-top:2rem}
.summary{font-size:1.1rem;padding:.75rem 1rem;border-left:6px solid #0969da;background:#ddf4ff;margin:1rem 0}
.summary.bad{border-color:#cf222e;background:#ffebe9}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.85rem;display:block;overflow-x:auto;max-width:100%}
th,td{border:1px solid #d0d7de;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}th.sort{cursor:pointer}td.drift{background:#ffebe9;font-weight:600}td.ok{color:#1a7f37}
td.missing{background:#fff8c5}td.differs{background:#fff8c5}.tag{display:inline-block;background:#cf222e;color:#fff;
border-radius:1rem;padding:0 .5rem;margin:0 .2rem;font-size:.75rem;font-weight:600}.tag.AMBIGUOUS{background:#9a6700}
code{font-family:ui-monospace,SFMono-Regular,Consolas,monospace;font-size:.85em}
pre{background:#f6f8fa;padding:.75rem;overflow:auto;font-size:.8rem}.del{color:#cf222e}.add{color:#1a7f37}
.muted{color:#656d76}#filter{font-size:1rem;padding:.3rem .5rem;width:24rem;max-width:100%}
"""

# Filtering and sorting without network access: a few lines inline, no library, no CDN.
_JS = """
function adiFilter(q){q=q.toLowerCase();document.querySelectorAll('table.filterable tr.row').forEach(function(r){
r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':''});}
document.querySelectorAll('th.sort').forEach(function(th){th.addEventListener('click',function(){
var t=th.closest('table'),i=Array.prototype.indexOf.call(th.parentNode.children,th),d=th.dataset.dir==='a'?'d':'a';
th.dataset.dir=d;var rows=Array.prototype.slice.call(t.querySelectorAll('tr.row'));rows.sort(function(x,y){
var a=x.children[i].textContent,b=y.children[i].textContent,n=a-b;var c=isNaN(n)?a.localeCompare(b):n;
return d==='a'?c:-c});rows.forEach(function(r){r.parentNode.appendChild(r)});});});
"""


def _e(value: Any) -> str:
    return html.escape(_shown(value) if not isinstance(value, str) else value)


def _tags(tags: List[str]) -> str:
    return "".join('<span class="tag %s">%s</span>' % (html.escape(t), html.escape(t)) for t in tags)


def _words_html(words: List[str], tags: List[str]) -> str:
    return "".join("<li>%s %s</li>" % (html.escape(w), _tags(tags) if n == 0 else "") for n, w in enumerate(words))


def _html(report: Dict[str, Any]) -> str:
    bad = bool(report.get("drifted_hosts") or report.get("unreadable_hosts") or report.get("failed_hosts")
               or any(e["risks"] for e in report["hosts"].values()))
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>%s</title><style>%s</style></head><body>" % (html.escape(report["title"]), _CSS),
           "<h1>%s</h1>" % html.escape(report["title"]),
           '<p class="summary%s" id="summary">%s</p>' % (" bad" if bad else "", html.escape(report["summary"]))]
    if report["kind"] == "drift":
        out.append('<p><input id="filter" type="search" placeholder="Filter hosts, configurations, statuses" '
                   'oninput="adiFilter(this.value)"></p>')
        out.append(_configurations(report))
        out.append(_host_table(report))
        if len(report["hosts"]) <= MATRIX_HOSTS:
            out.append(_drift_matrix(report))
        if report.get("findings"):
            out.append('<h2 id="findings">Findings</h2><ul>')
            out += ["<li>%s <code>%s</code>: %s <span class=\"muted\">(%s)</span></li>" % (
                html.escape(f["severity"]), html.escape(f["code"]), html.escape(f["message"]),
                html.escape(_names(f["hosts"]))) for f in report["findings"]]
            out.append("</ul>")
        for host in _detailed_hosts(report):
            e = report["hosts"][host]
            out.append('<h2 id="host-%s">%s %s</h2><ul>' % (html.escape(host), html.escape(host), _tags(e["risks"])))
            for u in e["unreadable"]:
                out.append('<li class="unreadable"><strong>unreadable</strong>%s: %s</li>' % (
                    " (%s agent)" % html.escape(u["agent"]) if u["agent"] else "", html.escape(u["reason"])))
            for agent in e["missing"]:
                out.append("<li>%s agent file not found (<code>%s</code>): is the agent installed?</li>"
                           % (agent, html.escape(str(e["agents"][agent]["path"]))))
            for r in e["drift"]:
                out.append("<li><code>%s</code> in <code>%s</code>: baseline %s, found %s</li>" % (
                    html.escape(r["key"]), html.escape(str(r["file"])), _e(r["baseline"]), _e(r["found"])))
            for r in e["peer_drift"]:
                out.append("<li><code>%s</code>: most peers in %s have %s, found %s</li>" % (
                    html.escape(r["key"]), html.escape(r["domain"]), _e(r["peers"]), _e(r["found"])))
            for c in e["outcome_changes"]:
                out.append(_words_html(c["words"], c["tags"]))
            out.append("</ul>")
    else:
        for host, e in report["hosts"].items():
            out.append('<h2 id="host-%s">%s %s</h2>' % (html.escape(host), html.escape(host), _tags(e["risks"])))
            if e.get("reason"):
                out.append('<p class="unreadable"><strong>could not be reviewed</strong>: %s</p>' % html.escape(e["reason"]))
            for agent, a in e["agents"].items():
                if a.get("missing") or a.get("failed"):
                    out.append('<p class="muted">%s agent: %s</p>' % (agent, html.escape(a.get("msg") or "not found")))
                    continue
                out.append("<h3>%s agent <code>%s</code></h3>" % (agent, html.escape(str(a["path"]))))
                if not a["changes"]:
                    out.append('<p class="muted">No change.</p>')
                    continue
                out.append("<table><tr><th>setting</th><th>before</th><th>after</th></tr>")
                for c in a["changes"]:
                    out.append("<tr><td><code>%s</code></td><td>%s</td><td class=\"drift\">%s</td></tr>" % (
                        html.escape(c["key"]), _e(c["before"]), _e(c["after"])))
                out.append("</table><ul>")
                for i in a["impact"]:
                    out.append(_words_html(plain_words(i["event"], i["before"], i["after"]), i["tags"]))
                out.append("</ul>")
                if a.get("diff"):
                    out.append("<pre>%s</pre>" % _diff_html(a["diff"]))
    out.append('<p class="muted">Generated by the jumpcloud.adi collection. Of the agent files, only the values of '
               'catalog settings are shown.</p>')
    out.append("<script>%s</script></body></html>" % _JS)
    return "\n".join(out) + "\n"


def _configurations(report: Dict[str, Any]) -> str:
    """Configurations side by side: every setting's effective value and where it comes from, per configuration."""
    classes = report.get("classes") or []
    if not classes:
        return ""
    shown = classes[:CLASS_COLUMNS]
    out = ['<h2 id="configurations">Configurations</h2><ul>']
    out += ["<li>%s%s</li>" % (html.escape(_class_line(c)), _tags(c["risks"])) for c in classes]
    out.append('</ul><table id="classes"><tr><th>setting</th>%s</tr>' % "".join(
        "<th>%s</th>" % html.escape(c["label"]) for c in shown))
    base = report.get("baseline") or {}
    for agent, name, key in _setting_rows(report):
        cells = [_cell(c["values"].get(agent), name) for c in shown]
        differs = len(set(cells)) > 1
        row = []
        for c, text in zip(shown, cells):
            want = (base.get(agent) or {}).get(name)
            value = (c["values"].get(agent) or {}).get(name, [None])[0]
            if c["values"].get(agent) is None:
                cls = "missing"
            else:
                cls = "drift" if want is not None and not _eq(value, want) else ("differs" if differs else "")
            row.append('<td%s>%s</td>' % (' class="%s"' % cls if cls else "", html.escape(text)))
        out.append("<tr><th><code>%s</code></th>%s</tr>" % (html.escape(key), "".join(row)))
    out.append("</table>")
    return "".join(out)


def _host_table(report: Dict[str, Any]) -> str:
    """Every host: its configuration and status, drifted and risky hosts first; sortable and filterable."""
    out = ['<h2 id="hosts">Hosts</h2><table id="host-table" class="filterable"><tr><th class="sort">host</th>'
           '<th class="sort">domain</th><th class="sort">configuration</th><th class="sort">status</th>'
           '<th class="sort">settings drifted</th><th class="sort">risks</th></tr>']
    for host in _host_order(report):
        e = report["hosts"][host]
        status = _host_status(e)
        out.append('<tr class="row"><td>%s</td><td>%s</td><td>%s</td><td%s>%s</td><td>%d</td><td>%s</td></tr>' % (
            html.escape(host), html.escape(e["domain"]), e.get("class", ""),
            ' class="drift"' if status in ("drift", "unreadable") else "", html.escape(status),
            len(e["drift"]) + len(e["peer_drift"]), _tags(e["risks"])))
    out.append("</table>")
    return "".join(out)


def _drift_matrix(report: Dict[str, Any]) -> str:
    """host x setting: every setting's current value (and where it comes from), drift from the baseline highlighted."""
    rows = _setting_rows(report)
    by = defaultdict(dict)
    for r in report["rows"]:
        if r["kind"] == "baseline":  # the matrix compares with the baseline; peer rows are listed per host
            by[r["host"]][(r["agent"], r["setting"])] = r
    classes = {c["label"]: c for c in report.get("classes") or []}
    out = ['<h2>Current values</h2><table id="matrix" class="filterable"><tr><th>host</th>%s</tr>' % "".join(
        "<th>%s%s</th>" % (html.escape(key), "<br><span class=\"muted\">%s</span>" % html.escape(
            _shown(report["baseline"][a][n])) if n in report["baseline"].get(a, {}) else "") for a, n, key in rows)]
    for host in _host_order(report):
        e = report["hosts"][host]
        values = classes[e["class"]]["values"] if e.get("class") in classes else {}
        unreadable = {u["agent"] for u in e["unreadable"]}
        cells = []
        for a, n, _key in rows:
            if a in unreadable or None in unreadable:
                cells.append('<td class="drift">unreadable</td>')
            elif a in e["missing"]:
                cells.append('<td class="missing">no file</td>')
            elif (a, n) in by[host]:
                cells.append('<td class="drift">%s</td>' % _e(by[host][(a, n)]["found"]))
            else:
                cells.append("<td>%s</td>" % html.escape(_cell(values.get(a), n)))
        out.append('<tr class="row"><th>%s %s</th>%s</tr>' % (html.escape(host), _tags(e["risks"]), "".join(cells)))
    out.append("</table>")
    return "".join(out)


def _diff_html(diff: Dict[str, Any]) -> str:
    import difflib

    lines = difflib.unified_diff(diff["before"].splitlines(), diff["after"].splitlines(),
                                 diff.get("before_header", "before"), diff.get("after_header", "after"), lineterm="")
    out = []
    for line in lines:
        cls = "add" if line.startswith("+") and not line.startswith("+++") else (
            "del" if line.startswith("-") and not line.startswith("---") else "")
        out.append('<span class="%s">%s</span>' % (cls, html.escape(line)) if cls else html.escape(line))
    return "\n".join(out)
