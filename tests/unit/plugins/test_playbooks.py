# -*- coding: utf-8 -*-
"""The collection's playbooks map the same per-host variables to every role's path and service options.

The service names' defaults are typed in the playbooks (a role parameter cannot fall back to the role's own
default), so this test keeps them equal to the catalog's.
"""

from __future__ import annotations

import os

import pytest
import yaml

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

PLAYBOOKS = {"rollout.yml": "rollout", "review.yml": "review", "drift.yml": "drift_report"}


@pytest.mark.parametrize("playbook, role", sorted(PLAYBOOKS.items()))
def test_playbook_maps_per_host_paths_and_services(playbook, role):
    with open(os.path.join(ROOT, "playbooks", playbook), encoding="utf-8") as f:
        play = yaml.safe_load(f)[0]
    (entry,) = play["roles"]
    assert entry["role"] == "jumpcloud.adi.%s" % role
    role_vars = entry["vars"]
    for agent in catalog.AGENTS:
        assert role_vars["%s_%s_path" % (role, agent)] == (
            "{{ lookup('ansible.builtin.vars', 'adi_%s_path', default='') }}" % agent)
        assert role_vars["%s_%s_service" % (role, agent)] == (
            "{{ lookup('ansible.builtin.vars', 'adi_%s_service', default='%s') }}" % (agent, catalog.DEFAULT_SERVICES[agent]))
