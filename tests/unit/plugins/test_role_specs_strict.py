# -*- coding: utf-8 -*-
"""Issue 21 item 8: the roles' argument specs refuse a boolean setting given as a string ("yes", "true", "on").

ansible-core validates a role's arguments with ArgumentSpecValidator before the role's first task (the implicit
ansible.builtin.validate_argument_spec), but hands the role the value as it was given: a `type: bool` spec takes
"yes" (it converts it only for the check) and the role then carries the string, which no agent file may hold
(Import Agent Settings > SyncAccountLockedOutStatus and Sync Agent Settings: true or false). The specs hold the
JSON booleans as the only choices, so the string is refused before any host is read.
"""

from __future__ import annotations

import os

import pytest
import yaml
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SETTINGS_OPTIONS = {
    "rollout": ("rollout_import_settings", "rollout_sync_settings"),
    "review": ("review_import_settings", "review_sync_settings"),
    "drift_report": ("drift_report_baseline_import_settings", "drift_report_baseline_sync_settings"),
}
CASES = [(role, option, s.name) for role, options in SETTINGS_OPTIONS.items() for option in options
         for s in catalog.settings_of("import" if "_import_" in option else "sync") if s.type == "bool"]


def spec(role):
    with open(os.path.join(ROOT, "roles", role, "meta", "argument_specs.yml"), encoding="utf-8") as f:
        return yaml.safe_load(f)["argument_specs"]["main"]["options"]


def test_every_boolean_setting_of_every_role_is_covered():
    # SyncAccountLockedOutStatus (both agents) and SyncAdditionalAttributes (import), in each role's two options
    assert len(CASES) == 3 * (2 + 1)


@pytest.mark.parametrize("role, option, setting", CASES)
@pytest.mark.parametrize("given", ["yes", "true", "on", "1", "no"])
def test_a_boolean_setting_given_as_a_string_is_refused_by_the_role_spec(role, option, setting, given):
    result = ArgumentSpecValidator(spec(role)).validate({option: {setting: given}})
    assert result.error_messages, "%s.%s accepted %r" % (option, setting, given)
    assert any(setting in m for m in result.error_messages)


@pytest.mark.parametrize("role, option, setting", CASES)
@pytest.mark.parametrize("given", [True, False])
def test_a_boolean_setting_given_as_a_boolean_is_taken(role, option, setting, given):
    result = ArgumentSpecValidator(spec(role)).validate({option: {setting: given}})
    assert not result.error_messages
    assert result.validated_parameters[option][setting] is given
