#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# This is a documentation stub: the module is implemented by the action plugin of the same name.

DOCUMENTATION = r"""
---
module: host_transaction
short_description: One host's drift report, change review or rollout of the JumpCloud ADI agents, in one task
version_added: 1.0.0
author:
  - jumpcloud.adi contributors (@jumpcloud-adi)
description:
  - Does one host's whole part of a workflow in one task, as M(ansible.builtin.reboot) and
    M(ansible.windows.win_updates) do. The roles C(jumpcloud.adi.drift_report), C(jumpcloud.adi.review) and
    C(jumpcloud.adi.rollout) run it; use it directly only to build your own workflow.
  - "Discover: on Windows one M(ansible.windows.win_service_info) call finds both agents' services (their state and,
    where no path is given, the folder of their executable). A service that win_service_info skips with a warning
    (access denied), or an agent file with no service found, makes the host unreadable, never one without the agent.
    A service name may be a display name (its service's key name is then used); an empty name, or one that matches
    another service or several by wildcard, fails the host."
  - "Read and plan: each agent's file is read once (M(ansible.windows.slurp) or M(ansible.builtin.slurp)), planned,
    linted, and its predicted impact computed as M(jumpcloud.adi.import_agent_config) does. V(drift) stops after the
    read, V(review) and check mode after the plan."
  - "Rollout: the services of the agents whose file changes are stopped (bounded by O(service_timeout)), each file is
    read again and refused if it changed since the plan (a lost update), written (M(ansible.windows.win_copy) or
    M(ansible.builtin.copy), run through their action plugins), the services started again (bounded) and checked to
    still run after O(settle_seconds)."
  - "Windows: the lost-update check is one M(ansible.windows.win_find) for both files (their SHA-1) before the first
    write; it also refuses a file with the ReadOnly, Hidden or System attribute, which win_copy's C(Copy-Item -Force)
    would silently clear. After the writes one more M(ansible.windows.win_find) compares what landed with the bytes
    sent, whatever the connection (the ssh connection does not check uploads; winrm and psrp do)."
  - "Whole or nothing: on any failure every file written on the host goes back to the bytes read before (held on the
    controller; no backup file is needed) and every service to its state before the run. The result says in one
    sentence what was done and the state the host is in."
  - Of an agent file, only the values of the catalog's settings appear in the result, at any verbosity.
extends_documentation_fragment:
  - jumpcloud.adi.settings.deployment
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - ansible.builtin.action_common_attributes.conn
  - jumpcloud.adi.attributes.action
attributes:
  check_mode:
    support: full
    details: A rollout in check mode plans and stops there; nothing is stopped or written.
  diff_mode:
    support: full
    details: The diff of each changing file, with only catalog values shown.
  platform:
    support: full
    platforms: windows, posix
  become:
    support: full
  connection:
    support: full
  delegation:
    support: full
options:
  mode:
    description:
    - V(drift) reads both files (no change); V(review) reads and plans (no change); V(rollout) reads, plans, and outside
      check mode applies the change to the whole host or to none of it.
    type: str
    required: true
    choices:
    - drift
    - review
    - rollout
  import_settings:
    description:
    - The AD Import agent's settings to set, by option name or the agent's own key (as M(jumpcloud.adi.import_agent_config)'s
      O(jumpcloud.adi.import_agent_config#module:settings) takes them).
    type: dict
    default: {}
  import_unset:
    description:
    - The AD Import agent's settings to remove from its file.
    type: list
    default: []
    elements: str
  import_path:
    description:
    - 'The AD Import agent''s file. Empty: beside the executable of its service (Windows), else the vendor default.'
    type: str
    default: ''
  import_service:
    description:
    - The AD Import agent's service name.
    type: str
    default: JCADImportAgent
  sync_settings:
    description:
    - The AD Sync agent's settings to set, by option name or the agent's own key (as M(jumpcloud.adi.sync_agent_config)'s
      O(jumpcloud.adi.sync_agent_config#module:settings) takes them).
    type: dict
    default: {}
  sync_unset:
    description:
    - The AD Sync agent's settings to remove from its file.
    type: list
    default: []
    elements: str
  sync_path:
    description:
    - 'The AD Sync agent''s file. Empty: beside the executable of its service (Windows), else the vendor default.'
    type: str
    default: ''
  sync_service:
    description:
    - The AD Sync agent's service name.
    type: str
    default: JCADSyncAgent_DC
  restart:
    description:
    - Stop each agent whose file changes before the write and start it after (only if it ran before).
    type: bool
    default: true
  backup:
    description:
    - 'Keep a backup file of each changed file on the host. The rollback never needs it: it restores the bytes read,
      held on the controller.'
    type: bool
    default: false
  service_timeout:
    description:
    - Seconds a stop, or a start, of the agents' services may take. On Windows the stop and start are sent with C(sc.exe)
      through M(ansible.windows.win_command) and M(ansible.windows.win_service_info) is polled until the services are
      stopped (or running); on a lab host the service command runs under C(timeout). On expiry the host fails and is
      rolled back.
    - At least 1; a smaller value fails the host before anything is read.
    type: int
    default: 60
  settle_seconds:
    description:
    - 'Seconds to wait after the agents run again before checking that they still run (with the same process on Windows):
      an agent that exits right after it starts (a value it cannot read) fails the host, which is rolled back.'
    - 0 or more; a negative value fails the host before anything is read.
    type: float
    default: 5.0
  poll_interval:
    description:
    - Seconds between two service queries while waiting for a stop or a start (doubling, at most 5). More than 0.
    type: float
    default: 1.0
  posix_service_command:
    description:
    - 'Lab hosts (POSIX) only: the command that runs C(stop|start|status SERVICE). Empty: no service is touched.'
    type: list
    default: []
    elements: str
  domain:
    description:
    - 'The host''s AD domain, for the drift report''s grouping (V(drift) only). Empty: V(default).'
    type: str
    default: ''
notes:
  - Windows stops and starts are sent with C(sc.exe stop|start) through M(ansible.windows.win_command), then
    M(ansible.windows.win_service_info) is polled; M(ansible.windows.win_service) has no time limit (C(Stop-Service)
    waits for as long as a service stays C(STOP_PENDING)).
seealso:
  - module: jumpcloud.adi.import_agent_config
  - module: jumpcloud.adi.sync_agent_config
  - module: jumpcloud.adi.agent_config_info
"""

EXAMPLES = r"""
- name: Roll out the reviewed configuration to this host, whole or not at all
  jumpcloud.adi.host_transaction:
    mode: rollout
    import_settings:
      user_disable_action: remove
    sync_settings:
      user_disconnection_action: disable
    service_timeout: 60
    settle_seconds: 5
  register: adi_host

- name: Say what happened, one line per agent
  ansible.builtin.debug:
    msg: "{{ [adi_host.msg] + adi_host.lines }}"
"""

RETURN = r"""
msg:
  description: One sentence, what was done and the state the host is in.
  returned: always
  type: str
  sample: "Changed C:\\...\\config.json and restarted JCADSyncAgent_DC; the host runs the new configuration."
outcome:
  description: V(failed), V(changed) or V(unchanged) (a role that registers the task with C(failed_when) reads this).
  returned: always
  type: str
lines:
  description: One line per agent, in words, what changes, the predicted impact as the reports word it, the result.
  returned: always
  type: list
  elements: str
  sample:
    - "AD Import agent (C:\\...\\jcadimportagent.config.json): MainLoop.UserDisableAction suspend -> remove.
       When an AD account is disabled: the JumpCloud account is deleted (before: suspended). Written."
import:
  description:
    - The AD Import agent's entry, what the reports read. V(drift), as M(jumpcloud.adi.agent_config_info) returns it
      (C(status) V(unreadable) when its service cannot be queried, or is installed while its file reads as not found).
      V(review) and V(rollout), C(path), C(missing), C(failed), C(msg), C(changed), C(changes), C(impact),
      C(findings), C(settings), C(diff), and after a rollout C(written), C(restored), C(backup_file).
  returned: when the agent is part of the deployment (always with V(drift))
  type: dict
sync:
  description: The AD Sync agent's entry, as RV(import).
  returned: when the agent is part of the deployment (always with V(drift))
  type: dict
domain:
  description: The host's domain, as the drift report groups hosts (V(drift) only).
  returned: with V(drift)
  type: str
log:
  description: The steps of a rollout that ran (shown with -v).
  returned: when a rollout applied a change
  type: list
  elements: str
rolled_back:
  description: Whether a failed rollout left the host as before.
  returned: when a rollout failed after it started to change the host
  type: bool
failed_step:
  description: The step a rollout failed at.
  returned: when a rollout failed after it started to change the host
  type: str
remote_executions:
  description: Module executions on the host.
  returned: always
  type: int
"""
