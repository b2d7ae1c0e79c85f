# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The roles' argument specs and defaults, derived from the catalog.

tools/gen_docs.py writes roles/*/meta/argument_specs.yml and roles/*/defaults/main.yml from
these definitions, so role choices and defaults are never re-typed (a unit test keeps the
written files current).
"""

from __future__ import annotations

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _argspec, _catalog as catalog


def _settings(agent, what):
    options = {}
    for name, o in _argspec.setting_options(agent).items():
        entry = {k: v for k, v in o.items() if k in ("type", "choices")}  # role specs take no aliases
        if entry["type"] == "bool":
            # ansible-core's role validation takes "yes", "on" or 1 for a bool (it converts them, but the role then
            # sees the string, which the file cannot hold): the value itself must be one of the JSON booleans
            entry = {"type": "raw", "choices": [True, False]}
        entry["description"] = o["description"][:1]
        options[name] = entry
    return {
        "type": "dict",
        "default": {},
        "options": options,
        "description": ["%s, by module option name (see M(jumpcloud.adi.%s_agent_config))." % (what, agent),
                        "A setting left out is not managed."],
    }


def _unset(agent):
    return {"type": "list", "elements": "str", "default": [],
            "choices": [s.name for s in catalog.settings_of(agent)],
            "description": ["%s settings to remove from the file (the agent falls back to its default)."
                            % catalog.AGENT_TITLES[agent]]}


def _paths_and_services(prefix):
    out = {}
    for agent in catalog.AGENTS:
        out["%s_%s_path" % (prefix, agent)] = {
            "type": "str", "default": "",
            "description": [
                "Path of the %s's file. Empty means discover it: on Windows from the executable path of the "
                "service (M(ansible.windows.win_service_info)), else the vendor's default path C(%s)."
                % (catalog.AGENT_TITLES[agent], catalog.DEFAULT_PATHS[agent])]}
        out["%s_%s_service" % (prefix, agent)] = {
            "type": "str", "default": catalog.DEFAULT_SERVICES[agent],
            "description": ["Name of the %s's Windows service (or lab service)." % catalog.AGENT_TITLES[agent]]}
    return out


def _deployment(prefix):
    return {"%s_deployment" % prefix: dict(_argspec.DEPLOYMENT_OPTION["deployment"])}


def _reports(prefix, title):
    return {
        "%s_output_dir" % prefix: {"type": "str", "default": "",
                                   "description": ["Folder on the controller for the reports. Empty means "
                                                   "C(adi-reports) beside the playbook."]},
        "%s_formats" % prefix: {"type": "list", "elements": "str", "default": ["json", "markdown", "html"],
                                "choices": ["json", "markdown", "html"], "description": ["Report formats to write."]},
        "%s_title" % prefix: {"type": "str", "default": title, "description": ["Report title."]},
    }


DISCOVER = {
    "short_description": "[INTERNAL] Find each ADI agent's file and service on a host",
    "version_added": "1.0.0",
    "description": [
        "An internal step that the P(jumpcloud.adi.rollout#role), P(jumpcloud.adi.review#role) and "
        "P(jumpcloud.adi.drift_report#role) roles included in 1.0.0 (C(galaxy_info.standalone: false)). Since 1.1.0 "
        "none of them does: M(jumpcloud.adi.host_transaction) finds the files itself, with one service query for "
        "both agents and stricter service names. This role keeps 1.0.0's behaviour for anyone who included it.",
        "Its options are its inputs and the C(discover_result) fact is its only output: nothing else it sets is "
        "meant to be read.",
        "Asks whether the host is Windows (the shell's own flag: one module execution, no command sent). On Windows, "
        "for each agent whose path is not given, it reads the service (M(ansible.windows.win_service_info)) and "
        "takes the file beside the service's executable; else the vendor's default path. Nothing is written.",
        "Sets the host fact C(discover_result): C(windows) (bool), C(paths) (the file's path per agent, "
        "C({import: ..., sync: ...})) and C(installed) (per agent, whether its Windows service exists; false when "
        "the path was given or on POSIX hosts).",
    ],
    "options": dict(**_paths_and_services("discover")),
}

ROLLOUT = {
    "short_description": "Roll out one reviewed ADI configuration to every AD server, safely",
    "version_added": "1.0.0",
    "description": [
        "Validates the configuration once on the controller; an error-level finding stops the play before any host "
        "is touched.",
        "Then each host's whole rollout is one task (M(jumpcloud.adi.host_transaction)): it reads and plans every "
        "agent of the deployment first (a file that cannot be read or changed fails the host before anything is "
        "stopped), then stops the services of the agents whose file changes (within O(rollout_service_timeout)), "
        "reads each file again and refuses a lost update, writes it, starts the services that ran before (within "
        "O(rollout_service_timeout)) and checks they still run after O(rollout_settle_seconds).",
        "A host is changed whole or not at all: on any failure every file written goes back to the bytes read "
        "before the run (held on the controller) and every service to its state before the run; the host fails "
        "with one sentence saying what was done and the state it is in. The result is registered as "
        "C(rollout_result) (per agent C(written), C(restored), C(changes), C(impact)).",
        "One line per host and agent says in words what changes, its predicted impact and the result; the diff "
        "shows with C(--diff), the steps with C(-v).",
        "A host without the agent installed is reported, not crashed into; an agent whose service cannot be "
        "queried, or whose file cannot be read while its service exists, fails the host as unreadable. Works "
        "with C(serial) and C(max_fail_percentage), and in check mode (nothing is stopped or written).",
    ],
    "options": dict(
        rollout_import_settings=_settings("import", "AD Import agent MainLoop settings to set"),
        rollout_sync_settings=_settings("sync", "AD Sync agent settings to set"),
        rollout_import_unset=_unset("import"),
        rollout_sync_unset=_unset("sync"),
        **_deployment("rollout"),
        **_paths_and_services("rollout"),
        rollout_restart={"type": "bool", "default": True,
                         "description": ["Stop the service before writing and start it after (the order the "
                                         "vendor's own edit script uses). The agents read their file at start."]},
        rollout_posix_service_command={
            "type": "list", "elements": "str", "default": [],
            "description": ["For non-Windows lab hosts, the command that controls a service. The role appends "
                            "C(stop), C(start) or C(status) and the service name, and runs it under C(timeout) "
                            "O(rollout_service_timeout). C(stop) must exit 0 when it stopped a running service and "
                            "3 when the service was not running (it is then left stopped); C(start) must return "
                            "once the service runs, and fail otherwise; C(status) exits 0 while it runs. Empty "
                            "means no service control on POSIX hosts."]},
        rollout_backup={"type": "bool", "default": False,
                        "description": ["Keep a timestamped backup file of each changed file on the host. The "
                                        "rollback never needs one: it puts back the bytes read before the run, "
                                        "held on the controller. With false (the default) no backup file is made.",
                                        "On Windows a backup is a new file, so it takes the ACL its folder passes "
                                        "down, not the agent file's own (ansible-core Ansible.ModuleUtils.Backup: "
                                        "Copy-Item); the file holds the API key. See docs/windows.md."]},
        rollout_plan_only={"type": "bool", "default": False, "version_added": "1.0.0",
                           "description": ["Plan only, for a review (the P(jumpcloud.adi.review#role) role sets it): "
                                           "plan every agent and record it in C(rollout_result) with its diff (as "
                                           "with C(--diff)), but never stop a service or write a file.",
                                           "A file that cannot be planned for, or that cannot be read while its "
                                           "service exists, does not fail the host: C(rollout_result) records it "
                                           "as failed, with the reason."]},
        rollout_service_timeout={"type": "int", "default": 60,
                                 "description": ["Seconds a stop, and a start, of the agents' services may take. "
                                                 "On Windows the control is sent with C(sc.exe) and "
                                                 "M(ansible.windows.win_service_info) is polled until the "
                                                 "services are stopped (or run): M(ansible.windows.win_service) "
                                                 "would wait for as long as a service stays STOP_PENDING. On "
                                                 "expiry the host fails and is rolled back.",
                                                 "At least 1; a smaller value fails every host before anything is "
                                                 "read."]},
        rollout_settle_seconds={"type": "float", "default": 5.0, "version_added": "0.2.0",
                                "description": ["Seconds to wait after the agents run again before checking that "
                                                "they still run (on Windows, with the same process id). An agent "
                                                "that exits right after it starts (a value it cannot read at "
                                                "start-up) fails the host, which is rolled back.",
                                                "0 or more; a negative value fails every host before anything is "
                                                "read."]},
    ),
}

DRIFT = {
    "short_description": "Drift report of the ADI agent settings across the fleet",
    "version_added": "1.0.0",
    "description": [
        "Reads both agents' files on every host (never writes; safe in check mode), compares each host with the "
        "baseline and with its peers, and lists lint findings and, for drifted hosts, the outcomes that differ "
        "from the baseline's.",
        "Writes JSON, Markdown and one self-contained HTML page on the controller, records M(ansible.builtin.set_stats) "
        "totals, and can fail the play when drift is found (for CI).",
    ],
    "options": dict(
        drift_report_baseline_import_settings=_settings("import", "Baseline AD Import agent settings"),
        drift_report_baseline_sync_settings=_settings("sync", "Baseline AD Sync agent settings"),
        **_deployment("drift_report"),
        **_paths_and_services("drift_report"),
        drift_report_domain={"type": "str", "default": "",
                             "description": ["The host's AD domain, for the peer comparison. Empty means the "
                                             "C(ansible_facts.windows_domain) or C(ansible_facts.domain) fact when "
                                             "gathered, else C(default)."]},
        **_reports("drift_report", "JumpCloud ADI drift report"),
        drift_report_fail_on_drift={"type": "bool", "default": False,
                                    "description": ["Fail the play when any host drifts (a non-zero exit for CI)."]},
    ),
}

REVIEW = {
    "short_description": "Change review: the rollout in check mode, written up for a change board",
    "version_added": "1.0.0",
    "description": [
        "Runs the P(jumpcloud.adi.rollout#role) role in check mode against the real files, then writes a review "
        "(Markdown, HTML, JSON) with per host the settings that change, the masked diff, the impact on outcomes and "
        "risk tags such as C(DELETES_JC_USER_ON_AD_DISABLE), under one summary line.",
        "Nothing is stopped or written on the hosts.",
    ],
    "options": dict(
        review_import_settings=_settings("import", "AD Import agent MainLoop settings of the change"),
        review_sync_settings=_settings("sync", "AD Sync agent settings of the change"),
        review_import_unset=_unset("import"),
        review_sync_unset=_unset("sync"),
        **_deployment("review"),
        **_paths_and_services("review"),
        **_reports("review", "JumpCloud ADI change review"),
        review_fail_on_risk={"type": "bool", "default": False,
                             "description": ["Fail the play when a risk tag is found (for CI gates)."]},
    ),
}

ROLES = {"discover": DISCOVER, "rollout": ROLLOUT, "drift_report": DRIFT, "review": REVIEW}
