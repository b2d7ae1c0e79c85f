# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fleet report built once and written once, on the controller: run by jumpcloud.adi.fleet_report.

PRIVATE to this collection. Pure Python but for the files it writes. Two ways in:

- a play's hosts: every host's registered jumpcloud.adi.host_transaction result -> the drift report or the
  review (_report.py), its JSON, Markdown and HTML (_render.py) and this run's partial report;
- partial reports (files, or the adi_partial_* artifacts of an AWX workflow) -> checked and joined (_merge.py)
  -> the report of one run over all their hosts, written the same way.

Each file is written once, whole (a temporary file in the same folder renamed over it), mode 0644; the folder is
made (0755) when missing. Nothing here goes through a Jinja template: at 8,000 hosts the partials are megabytes.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from typing import Any, Dict, List, Optional, Sequence

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _argspec, _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _merge, _render, _report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import describe

FORMATS = ("json", "markdown", "html")
EXTENSIONS = {"json": "json", "markdown": "md", "html": "html"}
TITLES = {"drift": "JumpCloud ADI drift report", "review": "JumpCloud ADI change review"}

OPTIONS: Dict[str, Dict[str, Any]] = dict(
    kind={"type": "str", "choices": ["drift", "review"], "description": [
        "The report built from this play's hosts: V(drift) (the hosts' O(results_var) are"
        " M(jumpcloud.adi.host_transaction) results of mode V(drift)) or V(review) (mode V(review) or V(rollout)).",
        "Required with O(results_var); not with O(partial_files) or O(partials) (the partials say their kind)."]},
    results_var={"type": "str", "description": [
        "The name under which every host of the play registered its M(jumpcloud.adi.host_transaction) result. The "
        "report covers every host of the play (C(ansible_play_hosts_all)); a host that has no such result (it failed "
        "or was unreachable before) is reported as such."]},
    # documented by the jumpcloud.adi.settings.deployment fragment (a drift report's; partials carry their own)
    deployment=_argspec.DEPLOYMENT_OPTION["deployment"],
    baseline={"type": "dict", "default": {}, "description": [
        "V(drift): the baseline, C({import: {...}, sync: {...}}) settings by option name. A setting whose value is "
        "null is left open (not compared)."]},
    change={"type": "dict", "default": {}, "description": [
        "V(review): the change reviewed (C(import_settings), C(sync_settings), C(import_unset), C(sync_unset)), kept "
        "in the partial review so that partials of different changes are never merged."]},
    title={"type": "str", "description": [
        "The report's title. Default: V(JumpCloud ADI drift report) or V(JumpCloud ADI change review); merged "
        "partials keep theirs."]},
    partial_files={"type": "list", "elements": "path", "default": [], "description": [
        "Merge: paths of C(drift.partial.json) or C(review.partial.json) files (relative to O(base_dir))."]},
    partials={"type": "list", "elements": "raw", "default": [], "description": [
        "Merge: partial reports as values (the C(adi_partial_drift_*) and C(adi_partial_review_*) artifacts an AWX "
        "workflow hands on), after those of O(partial_files)."]},
    partial_names={"type": "list", "elements": "str", "default": [], "description": [
        "How errors name each of O(partials) (the artifact's variable); files are named by their path."]},
    base_dir={"type": "path", "default": "", "description": [
        "The folder relative paths of O(output_dir) and O(partial_files) are taken from. Empty: the controller's "
        "current folder."]},
    output_dir={"type": "path", "required": True, "description": [
        "The folder the report files are written to, on the controller (made when missing)."]},
    formats={"type": "list", "elements": "str", "choices": list(FORMATS), "default": list(FORMATS), "description": [
        "The report's formats: C(<kind>.json), C(<kind>.md), C(<kind>.html)."]},
    brief={"type": "bool", "default": False, "description": [
        "The result holds only the report's C(kind), C(title), C(summary), C(stats) and its lists of host names "
        "(C(drifted_hosts), C(unreadable_hosts), C(hosts_without_agent); C(changing_hosts), C(failed_hosts)), not "
        "each host's entry: for thousands of hosts, where carrying the whole report through the task result costs "
        "more than building it. The files are the same."]},
    fail_on_drift={"type": "bool", "default": False, "description": [
        "The CI gate of a drift report: the result's C(fail_hosts) lists the hosts that drift from the baseline or "
        "whose file cannot be read. Converted as every boolean option is (V(true), V(yes), V(on), V(1), V(t), V(y) "
        "are true), so that the gate means what the roles' argument specs accepted. No effect on a review."]},
    fail_on_risk={"type": "bool", "default": False, "description": [
        "The CI gate of a review: the result's C(fail_hosts) lists the hosts with a risk tag and those that could "
        "not be reviewed. Converted as O(fail_on_drift) is. No effect on a drift report."]},
    write_partial={"type": "bool", "default": True, "description": [
        "With O(results_var): also write C(<kind>.partial.json) (what M(jumpcloud.adi.fleet_report) merges: the "
        "hosts' results, the baseline or change, the deployment and the title) and hand it on as the workflow "
        "artifact C(adi_partial_<kind>_<first host>) (C(set_stats), as the roles did before)."]},
)


def spec() -> Dict[str, Dict[str, Any]]:
    return _argspec.spec_of(OPTIONS)


def _under(base: str, path: str) -> str:
    path = os.path.expanduser(path)
    return path if os.path.isabs(path) or not base else os.path.join(base, path)


def _temp_beside(path: str, data: bytes) -> str:
    """The bytes in a temporary file in the same folder (mode 0644), to be renamed over ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=".%s." % os.path.basename(path), dir=os.path.dirname(path) or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_report(report: Dict[str, Any], folder: str, formats: Sequence[str],
                 partial: Optional[Dict[str, Any]] = None) -> List[str]:
    """Render the report once per format and write each file once; the partial beside it. -> the paths whose bytes
    changed.

    All the files or none: each is written to a temporary file beside it first, then renamed over it (as
    ansible.builtin.copy does, a file that already holds the bytes is left alone); a rename that fails puts back
    the files already renamed, so a failed run never leaves a JSON report of this run beside a Markdown one of the
    last."""
    texts = [(os.path.join(folder, "%s.%s" % (report["kind"], EXTENSIONS[fmt])), _render.render(report, fmt))
             for fmt in formats]
    if partial is not None:
        # as ansible.builtin.to_nice_json wrote it (the partial's format before this action)
        texts.append((os.path.join(folder, "%s.partial.json" % report["kind"]),
                      json.dumps(partial, indent=4, sort_keys=True, separators=(",", ": "))))
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise SettingsError("the report folder %s is a file, not a folder: give the report folder (adi_report_dir, or "
                            "the role's output_dir) a folder's path; nothing was written" % folder)
    try:
        os.makedirs(folder, mode=0o755, exist_ok=True)
    except OSError as exc:
        raise SettingsError("cannot make the report folder %s: %s; nothing was written"
                            % (folder, exc.strerror or exc)) from None
    # what each file holds now (None: absent); a folder where a report file goes is refused before any write
    changes = []
    for path, text in texts:
        if os.path.isdir(path):
            raise SettingsError("cannot write %s: it is a folder; nothing was written" % path)
        data = text.encode("utf-8")
        try:
            with open(path, "rb") as f:
                old: Optional[bytes] = f.read()
        except FileNotFoundError:
            old = None
        except OSError as exc:
            raise SettingsError("cannot read %s: %s; nothing was written" % (path, exc.strerror or exc)) from None
        if old != data:
            changes.append((path, data, old))
    temps: List[str] = []
    try:
        for path, data, _old in changes:
            try:
                temps.append(_temp_beside(path, data))
            except OSError as exc:
                raise SettingsError("cannot write %s: %s; nothing was written" % (path, exc.strerror or exc)) from None
        done: List[Any] = []
        for (path, _data, old), tmp in zip(changes, temps):
            try:
                os.replace(tmp, path)
            except OSError as exc:
                _put_back(done)
                raise SettingsError("cannot write %s: %s; nothing was written (%s)"
                                    % (path, exc.strerror or exc, "the files already written were put back" if done
                                       else "no file was replaced")) from None
            done.append((path, old))
    finally:
        for tmp in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return [path for path, _data, _old in changes]


def _put_back(done: List[Any]) -> None:
    """The files renamed over by this run, back to what they held (removed when they did not exist)."""
    for path, old in reversed(done):
        try:
            if old is None:
                os.unlink(path)
            else:
                os.replace(_temp_beside(path, old), path)
        except OSError:
            pass  # best effort: the error raised next names the file that failed


def _baseline(baseline: Dict[str, Any]) -> Dict[str, Dict[str, Any]]:
    """The baseline without the settings left open (null: the role's argument spec fills every option)."""
    out = {}
    for agent in catalog.AGENTS:
        data = baseline.get(agent) or {}
        if not isinstance(data, dict):
            raise SettingsError("baseline.%s must be a dict of settings (found %s)" % (agent, describe(data)))
        out[agent] = {k: v for k, v in data.items() if v is not None}
    return out


def from_hosts(kind: str, hosts: Dict[str, Any], params: Dict[str, Any]) -> Dict[str, Any]:
    """The report of a play's hosts and its partial: {report, partial}."""
    title = params["title"] or TITLES[kind]
    if kind == "drift":
        baseline = _baseline(params["baseline"])
        report = _report.drift(hosts, baseline, params["deployment"], title)
        partial = {"kind": "drift-partial", "deployment": params["deployment"], "title": title,
                   "baseline": baseline, "hosts": hosts}
    else:
        report = _report.review(hosts, title)
        partial = {"kind": "review-partial", "title": title, "hosts": hosts, "deployment": params["deployment"],
                   "change": params["change"]}
    return {"report": report, "partial": partial}


def read_partials(paths: Sequence[str]) -> List[Any]:
    """Each file's JSON; an error names the file that cannot be read or is not JSON."""
    out = []
    for path in paths:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as exc:
            raise SettingsError("cannot read the partial report %s: %s" % (path, exc.strerror or exc)) from None
        try:
            out.append(json.loads(data.decode("utf-8-sig")))
        except (UnicodeDecodeError, ValueError) as exc:
            raise SettingsError("%s is not a drift.partial.json or review.partial.json file (not JSON: %s)"
                                % (path, exc)) from None
    return out


def merged(partials: List[Any], names: Sequence[str]) -> Dict[str, Any]:
    """The report of one run over every host of the partials (the jumpcloud.adi.merge_reports filter's)."""
    m = _merge.merge(partials, names)
    if m["kind"] == "drift":
        return _report.drift(m["hosts"], m["baseline"] or {}, m["deployment"] or "two_way",
                             m["title"] or TITLES["drift"])
    return _report.review(m["hosts"], m["title"] or TITLES["review"])


BRIEF = ("kind", "title", "deployment", "summary", "stats", "drifted_hosts", "unreadable_hosts", "hosts_without_agent",
         "changing_hosts", "failed_hosts")


def brief(report: Dict[str, Any]) -> Dict[str, Any]:
    """The report's fields without each host's entry (the ``brief`` option)."""
    return {k: report[k] for k in BRIEF if k in report}


def artifact_name(kind: str, hosts: Sequence[str]) -> str:
    """The workflow artifact of this run's partial: one per slice, named for its first host."""
    return "adi_partial_%s_%s" % (kind, re.sub(r"[^A-Za-z0-9_]", "_", str(hosts[0]) if hosts else ""))


def fail_hosts(report: Dict[str, Any], params: Dict[str, Any]) -> List[str]:
    """The hosts the CI gate of the report's kind fails: drift -> drifted or unreadable (fail_on_drift); review ->
    risky or not reviewed (fail_on_risk)."""
    if report["kind"] == "drift":
        bad = set(report["drifted_hosts"]) | set(report["unreadable_hosts"]) if params["fail_on_drift"] else set()
    else:
        bad = ({h for h, e in report["hosts"].items() if e["risks"]} | set(report["failed_hosts"])
               if params["fail_on_risk"] else set())
    return sorted(bad)


def run(params: Dict[str, Any], hosts: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Build and write the report. ``hosts``: the play's host -> registered result (with results_var).

    -> {report, written, stats}: ``stats`` is what set_stats recorded before (the report's totals, and with a play's
    hosts its partial as the workflow artifact)."""
    base = params["base_dir"] or os.getcwd()
    folder = _under(base, params["output_dir"])
    if hosts is not None and (params["partial_files"] or params["partials"]):
        raise SettingsError("give either results_var (the report of this play's hosts) or partial_files / partials "
                            "(partial reports to merge), not both")
    if hosts is None:
        paths = [_under(base, p) for p in params["partial_files"]]
        names = paths + list(params["partial_names"])
        report = merged(read_partials(paths) + list(params["partials"]), names)
        return {"report": report, "written": write_report(report, folder, params["formats"]),
                "stats": dict(report["stats"])}
    if not params["kind"]:
        raise SettingsError("kind is required with results_var (one of drift, review)")
    built = from_hosts(params["kind"], hosts, params)
    report = built["report"]
    stats = dict(report["stats"])
    partial = built["partial"] if params["write_partial"] else None
    if partial is not None:
        stats[artifact_name(params["kind"], list(hosts))] = partial
    return {"report": report, "written": write_report(report, folder, params["formats"], partial), "stats": stats}
