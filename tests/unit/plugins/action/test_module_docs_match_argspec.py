# -*- coding: utf-8 -*-
"""Each docs-only module stub documents exactly the argument spec its action validates.

Sanity's validate-modules cannot check this for action-backed stubs, so this test does.
"""

from __future__ import annotations

import pytest

from ansible.plugins.loader import fragment_loader, module_loader
from ansible.utils.plugin_docs import get_docstring

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _fleet_report
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._config_task import config_spec, info_spec

CASES = [
    ("import_agent_config", lambda: config_spec("import")),
    ("sync_agent_config", lambda: config_spec("sync")),
    ("agent_config_info", info_spec),
    ("fleet_report", _fleet_report.spec),
]


def documented_options(name):
    ctx = module_loader.find_plugin_with_context("jumpcloud.adi.%s" % name)
    assert ctx.resolved, name
    doc = get_docstring(ctx.plugin_resolved_path, fragment_loader=fragment_loader, is_module=True)[0]
    return doc["options"]


@pytest.mark.parametrize("name, spec", CASES, ids=[c[0] for c in CASES])
def test_documentation_equals_argument_spec(name, spec):
    spec = spec()
    docs = documented_options(name)
    assert sorted(docs) == sorted(spec)
    for option, entry in spec.items():
        doc = docs[option]
        for field in ("type", "default", "choices", "aliases", "elements", "required"):
            documented = doc.get(field)
            expected = entry.get(field)
            if field == "required":
                documented, expected = bool(documented), bool(expected)
            if field == "type":
                documented, expected = documented or "str", expected or "str"
            assert documented == expected, "%s.%s: %s documented %r, validated %r" % (
                name, option, field, documented, expected)


@pytest.mark.parametrize("agent", catalog.AGENTS)
def test_every_setting_has_an_option_with_the_catalog_choices(agent):
    docs = documented_options("%s_agent_config" % agent)
    for s in catalog.settings_of(agent):
        assert docs[s.name].get("choices") == (list(s.choices) if s.choices else None)
        assert s.section in " ".join(docs[s.name]["description"])
