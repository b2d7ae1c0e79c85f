#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# This is a documentation stub: the module is implemented by the action plugin of the same name.

DOCUMENTATION = r"""
---
module: agent_config_info
short_description: Read both JumpCloud ADI agents' configuration files, with effective settings and lint findings
version_added: 1.0.0
author:
  - jumpcloud.adi contributors (@jumpcloud-adi)
description:
  - Reads the AD Import agent's C(jcadimportagent.config.json) and the AD Sync agent's C(config.json). Either may be
    absent.
  - For each file it returns whether it exists, the settings as found, the effective settings (after defaults, with the
    ambiguities of the vendor document), lint findings placed by line, and the SHA-256 of the bytes.
  - Never changes anything. One remote module execution (M(ansible.windows.slurp) or M(ansible.builtin.slurp)) per file.
  - Of each file, only the values of the catalog's settings appear in the result (see the collection's
    C(docs/security.md)).
  - Each file's RV(import.status) tells a missing file from one that cannot be read and from one that is read but is
    not a valid agent file. The task fails on the last two, with the reason in RV(import.error) and both files'
    entries in the result, so a fleet report can still list the host.
extends_documentation_fragment:
  - jumpcloud.adi.settings.info
  - jumpcloud.adi.settings.deployment
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - ansible.builtin.action_common_attributes.conn
  - jumpcloud.adi.attributes.action
attributes:
  check_mode:
    support: full
    details: Nothing is ever written.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: windows, posix
  become:
    support: full
  connection:
    support: full
  delegation:
    support: full
seealso:
  - module: jumpcloud.adi.import_agent_config
  - module: jumpcloud.adi.sync_agent_config
"""

EXAMPLES = r"""
- name: What do this server's agents do today?
  jumpcloud.adi.agent_config_info:
  register: adi

- name: Show the effective disable action of the import agent
  ansible.builtin.debug:
    msg: "{{ adi.import.effective.user_disable_action }}"
"""

RETURN = r"""
import:
  description: The AD Import agent's file.
  returned: always
  type: dict
  contains:
    exists:
      description: Whether the file exists (true for an unparsable file, false for a missing or unreadable one).
      type: bool
    status:
      description:
        - V(ok) (read and valid), V(missing) (not found), V(unreadable) (the host could not read it, for example access
          denied), or V(unparsable) (read, but not valid JSON, not the agent's file, or a setting held twice).
        - Absent for an agent not listed in O(agents).
      type: str
      sample: ok
    error:
      description: Why the file is unreadable or unparsable (names keys and lines, never a value).
      type: str
      returned: when the status is V(unreadable) or V(unparsable)
    path:
      description: The file.
      type: str
    settings:
      description: Catalog settings found in the file, by module option name, as written.
      type: dict
    file_keys:
      description: The key spelling the file uses for each setting found.
      type: dict
    effective:
      description: Every setting with its effective value (see P(jumpcloud.adi.effective_settings#filter)).
      type: dict
    findings:
      description: Lint findings, placed by line.
      type: list
      elements: dict
    sha256:
      description: SHA-256 of the file's bytes.
      type: str
sync:
  description: The AD Sync agent's file, as for RV(import).
  returned: always
  type: dict
findings:
  description: Findings of both files, plus cross-agent findings in a two-way deployment.
  returned: always
  type: list
  elements: dict
remote_executions:
  description: How many modules ran on the host (one per file read).
  returned: always
  type: int
windows:
  description:
    - Whether the host's shell is a Windows one (ansible-core's flag, set by the C(powershell) and C(cmd) shells);
      then the files are read with M(ansible.windows.slurp).
    - With O(agents=[]) nothing is read and no command is sent; the roles ask this way whether to use the Windows
      modules.
  returned: always
  type: bool
"""
