# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the config and info modules do, given the action plugin that runs them.

PRIVATE to this collection. The action plugin is passed in and only its own methods are
called (through _transport.HostFiles); nothing here imports ansible.plugins.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Dict, List, Tuple

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _argspec, _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._agent_file import AgentFile
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import DocumentError, SettingsError, TaskFailed
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import (
    describe, did_you_mean, parse_settings, value_findings,
)
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._lint import lint_both
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._outcomes import brief, differences, outcomes
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._transport import (
    HostFiles, TransportError, describe_missing,
)


def config_spec(agent: str) -> Dict[str, Dict[str, Any]]:
    """The argument spec the action validates (``settings`` is folded into the single options first)."""
    return _argspec.spec_of(dict(_argspec.config_options(agent), **_argspec.COMMON_CONFIG_OPTIONS))


def info_spec() -> Dict[str, Dict[str, Any]]:
    return _argspec.spec_of(dict(_argspec.info_options(), **_argspec.DEPLOYMENT_OPTION))


_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


def _messages(findings: List[Dict[str, Any]], severity: str) -> List[str]:
    return [f["message"] for f in findings if f["severity"] == severity]


def impact(agent: str, before: Any, after: Any, deployment: str) -> List[Dict[str, Any]]:
    """Each event whose predicted outcome differs after the change, before -> after (the change review).

    ``before`` and ``after`` are the file's parsed settings (or settings dicts)."""
    if agent not in catalog.DEPLOYMENT_AGENTS[deployment]:
        return []
    results = outcomes(None, deployment=deployment, **{
        "%s_settings" % agent: after, "baseline_%s_settings" % agent: before})
    return [{
        "event": r["event"],
        "changes": differences(r),
        "before": r["baseline"],
        "after": brief(r),
        "trace": r["trace"],
    } for r in results if r["changed"]]


def _merge_settings(agent: str, args: Dict[str, Any]) -> Dict[str, Any]:
    """Fold the ``settings`` dict into the single options (any key spelling), refusing conflicts.

    Choices are taken in any case and passed on in the catalog's spelling (the file's own spelling of an
    equal value is kept by the plan).
    """
    args = dict(args)
    settings = args.pop("settings", None) or {}
    if not isinstance(settings, dict):
        raise TaskFailed("settings must be a dict of setting to value, got %s" % describe(settings))
    from_settings: Dict[str, Any] = {}  # setting name -> the key of settings that gave it
    for key, value in settings.items():
        s = catalog.find(agent, key)
        if s is None:
            guess = did_you_mean(agent, key) if isinstance(key, str) else None
            raise TaskFailed("settings: %s is not a setting of the %s%s; allowed: %s" % (
                key, catalog.AGENT_TITLES[agent], " (did you mean %s?)" % guess if guess else "",
                ", ".join(x.name for x in catalog.settings_of(agent))))
        if value is None:
            continue
        given = [args[n] for n in (s.name,) + s.option_aliases if args.get(n) is not None]
        if given and catalog.canonical_choice(s, given[0]) != catalog.canonical_choice(s, value):
            if s.name in from_settings:
                raise TaskFailed("settings gives %s twice with different values (%s as %s, %s as %s)"
                                 % (s.name, describe(given[0]), from_settings[s.name], describe(value), key))
            raise TaskFailed("%s is given twice with different values (%s in settings, %s as an option)"
                             % (s.name, describe(value), describe(given[0])))
        args[s.name] = value
        from_settings[s.name] = key
    for s in catalog.settings_of(agent):
        for name in (s.name,) + s.option_aliases:
            if isinstance(args.get(name), str):
                args[name] = catalog.canonical_choice(s, args[name])
    return args


def requested(agent: str, params: Dict[str, Any]) -> Tuple[Dict[str, Any], List[str]]:
    """The settings to set and to unset, from validated parameters; TaskFailed on a value no setting allows."""
    names = [s.name for s in catalog.settings_of(agent)]
    desired = {n: params[n] for n in names if params.get(n) is not None}
    # the validator takes a boolean for an integer option: a value the setting does not allow is the task's
    # error, named by option, before the file is read (not a finding blamed on the file after the edit)
    bad = value_findings(parse_settings(agent, desired))
    if bad:
        raise TaskFailed("; ".join(f["message"] for f in bad) + "; nothing was read or written")
    unset = list(dict.fromkeys(params["unset"]))
    both = sorted(set(desired) & set(unset))
    if both:
        raise TaskFailed("%s: cannot both set and unset %s" % (params["path"], ", ".join(both)))
    return desired, unset


def plan_file(agent: str, raw: bytes, path: str, desired: Dict[str, Any], unset: List[str], deployment: str,
              diff_mode: bool, result: Dict[str, Any]):
    """Plan one agent's file from the bytes read: fills ``result`` (findings, changes, settings, impact, warnings,
    diff: catalog values only) and returns the plan; TaskFailed when the file must not be changed."""
    before = AgentFile(agent, raw, path)
    structural = [f for f in before.parsed.findings if f["severity"] == "error"]
    if structural:
        raise TaskFailed("refusing to change %s: %s" % (path, "; ".join(f["message"] for f in structural)))
    plan = before.plan(desired, unset)
    findings = plan.after.findings(deployment)
    errors = _messages(findings, "error")
    result.update(findings=findings, changes=plan.changes, settings=plan.after.settings(),
                  sha256=plan.after.doc.sha256, changed=plan.changed)
    if errors:
        raise TaskFailed("refusing to change %s: %s" % (path, "; ".join(errors)))  # findings: in result
    # warnings about what this task changes (the rest stay in findings, not repeated every run); a write that
    # leaves the file ambiguous in the vendor document's sense always warns, whichever setting it changed
    touched = {c["setting"] for c in plan.changes}
    warnings = plan.warnings + [
        f["message"] for f in findings if f["severity"] == "warning"
        and (f.get("setting") is None or getattr(catalog.find(agent, f["setting"]), "name", None) in touched
             or (plan.changed and f["code"].startswith("ambiguous")))]
    if plan.changes:
        try:
            result["impact"] = impact(agent, before.parsed, plan.after.parsed, deployment)
        except SettingsError as exc:
            # the file held a value the engine cannot read (this change may be fixing it): no before to compare
            warnings.append("impact not predicted: the file's current settings are invalid (%s)" % exc)
    if warnings:
        result["warnings"] = warnings
    if diff_mode and plan.changed:
        result["diff"] = {
            "before": before.masked_text(), "after": plan.after.masked_text(),
            "before_header": path, "after_header": path,
        }
    return plan


def run_config(action, task_vars: Dict[str, Any], agent: str, args: Dict[str, Any],
               check_mode: bool, diff_mode: bool) -> Dict[str, Any]:
    """Set and unset one agent's settings in its file on the host.

    Of the file, only catalog settings' values enter the result (the allowlist): the diff is the masked
    text, and messages name keys and lines, never other values. Nothing is scrubbed afterwards.
    """
    result: Dict[str, Any] = {}  # changed: set once the file is planned, or False when the task fails
    files = None
    try:
        params = _argspec.validate(config_spec(agent), _merge_settings(agent, args),
                                   "jumpcloud.adi.%s_agent_config" % agent, module=True)
        path = params["path"]
        if not str(path).strip():
            raise TaskFailed("path is empty: give the agent file's path, or leave path out for the default (%s); "
                             "nothing was read or written" % catalog.DEFAULT_PATHS[agent])
        result["path"] = path
        expected = params.get("expect_sha256")
        if expected and not _SHA256.match(expected.strip()):
            raise TaskFailed("expect_sha256 must be a file's sha256 (64 hexadecimal digits, as original_sha256 "
                             "returns it), got %s; nothing was read or written" % describe(expected))
        desired, unset = requested(agent, params)
        files = HostFiles(action, task_vars)
        try:
            raw = files.read(path)
        except TransportError as exc:
            if exc.missing:
                raise TaskFailed(describe_missing(catalog.AGENT_TITLES[agent], path, catalog.DEFAULT_PATHS[agent]),
                                 missing=True)
            raise TaskFailed(str(exc))
        original = hashlib.sha256(raw).hexdigest()
        result["original_sha256"] = original
        if expected and expected.strip().lower() != original:
            raise TaskFailed("%s changed since the plan read it (sha256 then %s, now %s): another writer? Nothing was "
                             "written; re-run to plan against the file as it is now."
                             % (path, expected.strip().lower(), original), lost_update=True)
        plan = plan_file(agent, raw, path, desired, unset, params["deployment"], diff_mode, result)
        result["remote_executions"] = files.executions
        if plan.changed and not check_mode:
            result.update(files.write(path, plan.after.doc.raw, backup=params["backup"]))
            result["remote_executions"] = files.executions
    except TaskFailed as exc:
        result.update(exc.extra)
        result.update(failed=True, msg=str(exc), changed=False)
    except (DocumentError, SettingsError, TransportError) as exc:
        result.update(failed=True, msg=str(exc), changed=False)
    finally:
        if files is not None:
            files.cleanup()
    return result


def run_info(action, task_vars: Dict[str, Any], args: Dict[str, Any]) -> Dict[str, Any]:
    """Read both agents' files; never changes anything.

    Each file's ``status`` tells apart a file that is missing, one that cannot be read, and one that is read
    but is not a valid agent file; the task fails on the last two, with both entries in the result.
    """
    result: Dict[str, Any] = {"changed": False}
    files = None
    try:
        params = _argspec.validate(info_spec(), args, "jumpcloud.adi.agent_config_info", module=True)
        deployment = params["deployment"]
        files = HostFiles(action, task_vars)
        sections = {}
        for agent in catalog.AGENTS:
            path = params["%s_path" % agent]
            entry: Dict[str, Any] = {"path": path, "exists": False, "agent": agent}
            result[agent] = entry
            if agent not in params["agents"]:
                continue
            f = _read_entry(files, agent, path, deployment, entry)
            if f is not None:
                sections[agent] = f.parsed
        result["findings"] = [x for a in catalog.AGENTS for x in result[a].get("findings", [])]
        if len(sections) == 2 and deployment == "two_way":
            result["findings"].extend(x for x in lint_both(sections, deployment) if x["agent"] == "both")
        result["remote_executions"] = files.executions
        broken = [result[a] for a in catalog.AGENTS if result[a].get("status") in ("unreadable", "unparsable")]
        if broken:
            result.update(failed=True, msg="; ".join(e["error"] for e in broken))
    except (SettingsError, TransportError) as exc:
        result.update(failed=True, msg=str(exc))
    finally:
        if files is not None:
            files.cleanup()
    return result


def _read_entry(files: HostFiles, agent: str, path: str, deployment: str, entry: Dict[str, Any]):
    """Fill one agent's entry; the parsed file, or None when it is missing, unreadable or unparsable."""
    try:
        raw = files.read(path)
    except TransportError as exc:
        if exc.missing:
            entry["status"] = "missing"
            entry["findings"] = [{
                "severity": "info", "code": "missing_file", "setting": None, "agent": agent,
                "message": describe_missing(catalog.AGENT_TITLES[agent], path, catalog.DEFAULT_PATHS[agent]),
            }]
        else:
            entry.update(status="unreadable", error=str(exc))
        return None
    try:
        f = AgentFile(agent, raw, path)
    except (DocumentError, SettingsError) as exc:
        entry.update(status="unparsable", exists=True, error=str(exc))
        return None
    entry.update(status="ok", exists=True, sha256=f.doc.sha256, settings=f.settings(),
                 file_keys={n: x.key for n, x in f.parsed.found.items()},
                 effective=f.effective(deployment), findings=f.findings(deployment))
    return f
