# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Issue 21 item 8: a setting the role's argument spec lets through as a string ("30000" for an integer,
"user_disable_action=remove" for the settings) is refused once, before any host is read, by every role.

ansible-core's role argument validation converts such strings only for its check and hands the role the string;
the roles then lint their settings once (jumpcloud.adi.lint_settings) and stop the play on an error. Import Agent
Settings > PasswordChangeListenerPollTimeMillis: a number of milliseconds (an integer).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

BIN = os.path.dirname(sys.executable)
SETTINGS = {"rollout": "rollout_import_settings", "review": "review_import_settings",
            "drift_report": "drift_report_baseline_import_settings"}
READ_TASK = "host_transaction"  # the role's one per-host task: it must never start


def run_role(tmp, role, value):
    (tmp / "inventory").write_text("".join("h%d ansible_connection=local ansible_python_interpreter=%s\n"
                                           % (i, sys.executable) for i in (1, 2)))
    (tmp / "play.yml").write_text(
        "- hosts: all\n  gather_facts: false\n  roles:\n    - role: jumpcloud.adi.%s\n      vars:\n"
        "        %s: %s\n        %s_output_dir: %s\n" % (role, SETTINGS[role], value, role.split("_")[0], tmp))
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_LOCALHOST_WARNING="0")
    env.pop("ANSIBLE_CONFIG", None)
    return subprocess.run([os.path.join(BIN, "ansible-playbook"), "-vv", "-i", str(tmp / "inventory"),
                           str(tmp / "play.yml")], capture_output=True, text=True, env=env, cwd=str(tmp), check=False)


@pytest.mark.parametrize("role", sorted(SETTINGS))
@pytest.mark.parametrize("value, expected", [
    ('{password_change_listener_poll_time_millis: "30000"}', "is a string, expected an integer"),
    ('"user_disable_action=remove"', "import settings must be a dict"),
])
def test_a_string_the_spec_lets_through_stops_the_play_before_any_host_is_read(tmp_path, role, value, expected):
    proc = run_role(tmp_path, role, value)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert expected in out, out
    assert READ_TASK not in out.split("Validating arguments", 1)[-1].split("PLAY RECAP")[0], out
