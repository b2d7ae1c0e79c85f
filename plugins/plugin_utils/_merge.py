# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Partial reports joined into one fleet report, and the shape checks of what the report filters take.

PRIVATE to this collection. Pure Python. A partial report (drift.partial.json, review.partial.json, or the
adi_partial_* artifact of an AWX workflow) is what a drift or review run over a part of the fleet hands on; the
merge checks every partial (kind, deployment, baseline, change, each host's entry) and every host is held once,
in one pass over the hosts: linear in the fleet. Every error names the partial, the host and the field, and what
is allowed; a value found is only described (never shown).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._outcomes import EVENTS
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import describe, is_description, shown

KINDS = {"drift-partial": "drift", "review-partial": "review"}
NAMED_TWICE = 10  # hosts named in the error for hosts held by two partials (all are counted)


def _bad(where: str, field: str, allowed: str, found: Any) -> SettingsError:
    return SettingsError("%s: %s must be %s (found %s)" % (where, field, allowed, describe(found)))


def _dict_or_none(where: str, field: str, value: Any) -> None:
    if value is not None and not isinstance(value, dict):
        raise _bad(where, field, "an object", value)


def _str_or_none(where: str, field: str, value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise _bad(where, field, "a string", value)


def _list_of_dicts(where: str, field: str, value: Any, keys: Sequence[str] = ()) -> List[Dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _bad(where, field, "a list of objects", value)
    for n, item in enumerate(value):
        if not isinstance(item, dict):
            raise _bad(where, "%s item %d" % (field, n + 1), "an object", item)
        missing = [k for k in keys if k not in item]
        if missing:
            raise SettingsError("%s: %s item %d has no %s (each item holds %s)"
                                % (where, field, n + 1, ", ".join(missing), ", ".join(keys)))
    return value


def _values(where: str, field: str, agent: str, values: Any) -> None:
    """Setting name -> value, as a run writes it: a setting of the agent; a value it allows, a short plain word,
    or a value's description. Anything else (a partial edited by hand, a value pasted in it) is refused and only
    described, so that a merged report never shows what a run would not."""
    if not isinstance(values, dict):
        return
    known = catalog.by_name(agent)
    for name, value in values.items():
        if name not in known:
            raise _bad(where, "%s: a setting name" % field, "a setting of the %s agent" % agent, name)
        if field == "effective" and isinstance(value, dict):
            value = value.get("value")  # an effective value: {value, source, ...}
        if value is None or is_description(value):
            continue
        if not isinstance(value, (dict, list)) and shown(known[name], value) == value:
            continue
        raise _bad(where, "%s %s" % (field, name), "a value the setting allows, or its description as a run "
                   "writes it", value)


def _ends(where: str, field: str, value: Any) -> None:
    """An outcome's end states: {ad: {...}, jc: {...}} (and its readings)."""
    if not isinstance(value, dict) or not all(isinstance(value.get(side), dict) for side in ("ad", "jc")):
        raise _bad(where, field, "an outcome: an object with ad and jc objects", value)
    for n, alt in enumerate(value.get("alternatives") or []):
        _ends(where, "%s alternative %d" % (field, n + 1), alt)


def check_drift_host(host: str, entry: Any, where: str = "") -> None:
    """What jumpcloud.adi.drift_report takes for a host: {domain, import: info entry, sync: info entry}."""
    where = "%shost %s" % (where, host)
    if not isinstance(entry, dict):
        return  # no result (a host that failed before it read anything): the host is reported as such
    _str_or_none(where, "domain", entry.get("domain"))
    for agent in catalog.AGENTS:
        info = entry.get(agent)
        at = "%s, %s agent" % (where, agent)
        if not info or not isinstance(info, dict):
            continue  # no result for this agent: reported as such
        for field in ("status", "path", "error"):
            if field == "error" and info.get("status", "ok") != "ok":
                continue  # a reason: shown as it is, anything
            _str_or_none(at, field, info.get(field))
        for field in ("settings", "effective"):
            _dict_or_none(at, field, info.get(field))
        for name, value in (info.get("effective") or {}).items():
            if not isinstance(value, dict):
                raise _bad(at, "effective value of %s" % describe(name), "an object {value, source}", value)
        for field in ("settings", "effective"):
            _values(at, field, agent, info.get(field))
        _list_of_dicts(at, "findings", info.get("findings"))


def check_review_host(host: str, entry: Any, where: str = "") -> None:
    """What jumpcloud.adi.review_report takes for a host: {import: module result, sync: module result}."""
    where = "%shost %s" % (where, host)
    if not isinstance(entry, dict):
        return  # no result: the host is reported as such
    for agent in catalog.AGENTS:
        res = entry.get(agent)
        at = "%s, %s agent" % (where, agent)
        if not res or not isinstance(res, dict) or res.get("missing") or res.get("failed"):
            continue
        _str_or_none(at, "path", res.get("path"))
        _dict_or_none(at, "settings", res.get("settings"))
        _values(at, "settings", agent, res.get("settings"))
        for change in _list_of_dicts(at, "changes", res.get("changes"), ("setting", "key", "before", "after")):
            if not isinstance(change["setting"], str) or not isinstance(change["key"], str):
                raise _bad(at, "a change's setting and key", "strings", change["setting"])
            _values(at, "a change's before", agent, {change["setting"]: change["before"]})
            _values(at, "a change's after", agent, {change["setting"]: change["after"]})
        for n, i in enumerate(_list_of_dicts(at, "impact", res.get("impact"), ("event", "before", "after"))):
            if i["event"] not in EVENTS:
                raise _bad(at, "impact item %d event" % (n + 1), "one of %s" % ", ".join(EVENTS), i["event"])
            _ends(at, "impact item %d before" % (n + 1), i["before"])
            _ends(at, "impact item %d after" % (n + 1), i["after"])
        _list_of_dicts(at, "findings", res.get("findings"))
        diff = res.get("diff")
        _dict_or_none(at, "diff", diff)
        if diff and not all(isinstance(diff.get(k), str) for k in ("before", "after")):
            raise _bad(at, "diff", "an object with before and after texts", diff)


CHECKS = {"drift": check_drift_host, "review": check_review_host}


def _shape(name: str, host: str, entry: Any) -> None:
    """A partial's host entry, as a run writes it: an object (a host without a result too), each agent's an object
    or null. (The report filters take what a play's hostvars hold, and report any other entry as no result.)"""
    where = "%s, host %s" % (name, host)
    if not isinstance(entry, dict):
        raise _bad(where, "the entry", "an object of the host's result", entry)
    for agent in catalog.AGENTS:
        if entry.get(agent) is not None and not isinstance(entry[agent], dict):
            raise _bad("%s, %s agent" % (where, agent), "the entry", "an object of the agent's result", entry[agent])


def merge(partials: Any, names: Optional[Sequence[Any]] = None) -> Dict[str, Any]:
    """The partials checked and joined: {kind, deployment, baseline, title, hosts} of one run over all their hosts.

    ``names``: how each partial is named in errors (its file, or the workflow artifact's variable).
    """
    if not isinstance(partials, list) or not partials:
        raise _bad("the partial reports", "the input", "a non-empty list of drift.partial.json or review.partial.json "
                   "contents", partials)
    names = [str(n) for n in (names or [])]
    names += ["partial %d" % (n + 1) for n in range(len(names), len(partials))]
    first = None
    owner: Dict[str, str] = {}
    twice: List[str] = []
    hosts: Dict[str, Any] = {}
    for name, p in zip(names, partials):
        if not isinstance(p, dict):
            raise _bad(name, "the partial", "an object (a drift.partial.json or review.partial.json file's content)", p)
        kind = p.get("kind")
        if kind not in KINDS:
            raise _bad(name, "kind", "one of %s" % ", ".join(KINDS), kind)
        if not isinstance(p.get("hosts"), dict):
            raise _bad(name, "hosts", "an object of host -> result", p.get("hosts"))
        _str_or_none(name, "title", p.get("title"))
        if first is None:
            first = (name, p)
        else:
            for field, same in (("kind", "the same kind"), ("deployment", "the same deployment"),
                                ("baseline", "the same baseline"), ("change", "the same reviewed change")):
                if json.dumps(p.get(field), sort_keys=True) != json.dumps(first[1].get(field), sort_keys=True):
                    raise SettingsError("%s: %s differs from %s's: partials merged into one report must have %s "
                                        "(give the partials of runs with one configuration)"
                                        % (name, field, first[0], same))
        baseline = p.get("baseline")
        _dict_or_none(name, "baseline", baseline)
        for agent in catalog.AGENTS:
            _dict_or_none(name, "baseline." + agent, (baseline or {}).get(agent))
            _values(name, "baseline." + agent, agent, (baseline or {}).get(agent))
        check = CHECKS[KINDS[kind]]
        for host, entry in p["hosts"].items():
            if host in owner:
                twice.append("%s (%s and %s)" % (host, owner[host], name))
                continue
            _shape(name, host, entry)
            check(host, entry, "%s, " % name)
            owner[host] = name
            hosts[host] = entry
    if twice:
        more = len(twice) - NAMED_TWICE
        raise SettingsError("%d host%s held by more than one partial report: %s%s. Give each host's partial once "
                            "(the newest run of its slice)." % (len(twice), "" if len(twice) == 1 else "s",
                                                                "; ".join(twice[:NAMED_TWICE]),
                                                                ", and %d more" % more if more > 0 else ""))
    p = first[1]
    return {"kind": KINDS[p["kind"]], "deployment": p.get("deployment"), "baseline": p.get("baseline"),
            "title": p.get("title"), "hosts": hosts}
