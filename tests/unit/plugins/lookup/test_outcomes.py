# -*- coding: utf-8 -*-
"""The lookup validates its options and documents every event of the engine."""

from __future__ import annotations

import json
import re

import pytest

from ansible.errors import AnsibleLookupError
from ansible.plugins.loader import fragment_loader, lookup_loader
from ansible.utils.plugin_docs import get_docstring

from ansible_collections.jumpcloud.adi.plugins.lookup import outcomes as lookup_module
from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _outcomes as engine


def test_documentation_lists_every_event_and_context_key():
    # the events and context keys come from a doc fragment that tools/gen_docs.py renders from the engine
    doc = get_docstring(lookup_module.__file__, fragment_loader=fragment_loader)[0]
    documented = set(re.findall(r"V\((\w+)\)", json.dumps(doc["options"])))
    assert set(engine.EVENTS) <= documented
    assert set(engine.CONTEXT_DEFAULTS) <= documented


def test_lookup_runs_and_raises_lookup_errors():
    lookup = lookup_loader.get("jumpcloud.adi.outcomes")
    r = lookup.run(["jc_user_deleted"], {}, sync_settings={"user_disconnection_action": "remove",
                                                           "membership_disconnection": "retain"},
                   deployment="sync_only")
    assert r[0]["ad"]["account"] == "deleted"
    assert len(lookup.run([], {}, deployment="import_only")) == len(engine.events_of("import_only"))
    with pytest.raises(AnsibleLookupError, match="unknown event 'nope'"):
        lookup.run(["nope"], {})
    with pytest.raises(AnsibleLookupError, match="deployment is one of import_only, sync_only, two_way"):
        lookup.run([], {}, deployment="everywhere")
