#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# This is a documentation stub: the module is implemented by the action plugin of the same name,
# which runs on the controller and reads/writes the file through slurp and copy (win_copy on Windows).

DOCUMENTATION = r"""
---
module: import_agent_config
short_description: Set the AD Import agent's settings in jcadimportagent.config.json, idempotently and surgically
version_added: 0.1.0
author:
  - jumpcloud.adi contributors (@jumpcloud-adi)
description:
  - Sets, and with O(unset) removes, the settings in the C(MainLoop) section of the JumpCloud ADI AD Import agent's C(jcadimportagent.config.json).
  - Edits are surgical. Every byte outside the changed values stays as it was, including the UTF-8 BOM, CRLF or LF line
    endings, indentation, key order, unknown keys and sections. A second run with the same options changes nothing and
    writes nothing.
  - Keys match case-insensitively and across the spellings the vendor uses. An existing key keeps the file's spelling and
    shape. A value equal but for case is not rewritten. A new key gets the documented name.
  - The file is linted before anything is written (see P(jumpcloud.adi.lint_settings#filter)). An error-level finding in
    the resulting file stops the task, and the file stays byte-identical. Warnings are returned and shown.
  - Values of keys that look like secrets (key, secret, token, password, cert, credential) never appear in results, diffs
    or warnings.
  - The agent reads its file when it starts. Restart its service after a change (the rollout role stops the service, writes, then starts it).
  - All logic runs on the controller. The host only runs M(ansible.windows.slurp) and M(ansible.windows.win_copy) (POSIX
    hosts M(ansible.builtin.slurp) and M(ansible.builtin.copy)). No PowerShell of this collection runs on the host.
extends_documentation_fragment:
  - jumpcloud.adi.settings.import_settings
  - jumpcloud.adi.settings.config_common
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - ansible.builtin.action_common_attributes.conn
attributes:
  check_mode:
    support: full
    details: The file is read; nothing is written.
  diff_mode:
    support: full
    details: The before and after text of the file, with every secret value redacted.
  platform:
    support: full
    platforms: windows, posix
  action:
    support: full
  async:
    support: none
  bypass_host_loop:
    support: none
  become:
    support: full
  connection:
    support: full
  delegation:
    support: full
notes:
  - On POSIX hosts the new file is written to a temporary file and renamed over the old one, keeping owner and mode
    (M(ansible.builtin.copy)); a failed run never leaves a half-written file.
  - On Windows the write is M(ansible.windows.win_copy)'s single-file copy over the old file. Use O(backup=true) on
    production controllers.
seealso:
  - module: jumpcloud.adi.agent_config_info
  - plugin: jumpcloud.adi.lint_settings
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Suspend, never delete, JumpCloud users disabled in AD
  jumpcloud.adi.import_agent_config:
    user_disable_action: suspend
    user_dissociation_action: unbind
    user_expire_action: expire
    sync_account_locked_out_status: true
    backup: true

- name: Review the change first (--check --diff shows exactly the changed lines)
  jumpcloud.adi.import_agent_config:
    path: C:\Program Files\JumpCloud\AD Integration\JumpCloud AD Import\jcadimportagent.config.json
    user_takeover_action: retain
  check_mode: true
  diff: true

- name: Let the agent fall back to its default lockout behaviour
  jumpcloud.adi.import_agent_config:
    unset: [sync_account_locked_out_status]
"""

RETURN = r"""
changed:
  description: Whether the file's bytes changed (or would change, in check mode).
  returned: always
  type: bool
path:
  description: The file.
  returned: always
  type: str
changes:
  description: One entry per setting whose value changes.
  returned: success
  type: list
  elements: dict
  contains:
    setting:
      description: Module option name of the setting.
      type: str
    key:
      description: Where the key sits in the file.
      type: str
    before:
      description: The value in the file before (null when absent).
      type: raw
    after:
      description: The value after (null when removed).
      type: raw
  sample: [{"setting": "user_disable_action", "key": "MainLoop.UserDisableAction", "before": null, "after": "suspend"}]
settings:
  description: The catalog settings in the file after the change, by module option name, as written.
  returned: success
  type: dict
findings:
  description: Lint findings of the file after the change (see P(jumpcloud.adi.lint_settings#filter)), placed by line.
  returned: success
  type: list
  elements: dict
sha256:
  description: SHA-256 of the file's bytes after the change.
  returned: success
  type: str
backup_file:
  description: Where the backup was written.
  returned: changed and O(backup=true)
  type: str
restored_from:
  description: The backup whose bytes were put back over the file (O(restore_from)).
  returned: when O(restore_from) is given
  type: str
missing:
  description: True when the task failed because the file does not exist (the agent is not installed).
  returned: failure
  type: bool
impact:
  description:
    - Each event whose predicted outcome the change alters (see P(jumpcloud.adi.outcomes#lookup)), with C(changes)
      (field, before, after), C(before) and C(after) outcomes, and the C(trace) after the change.
  returned: when settings change
  type: list
  elements: dict
remote_executions:
  description: How many modules ran on the host for this task (1 to read; 1 more to write).
  returned: always
  type: int
"""
