# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The documentation that plugins share or that the outcome engine defines, written once.

tools/gen_docs.py renders it: the RETURN blocks of both config modules and of the outcomes lookup (RETURN cannot
come from a doc fragment, so gen_docs writes it into the plugin file), and the lookup's events and context options
(a doc fragment). The vocabularies come from plugins/plugin_utils/_outcomes.py and the examples from the catalog.
"""

from __future__ import annotations

from typing import Any, Dict

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _outcomes as engine


def _values(values) -> str:
    values = ["V(%s)" % v for v in values]
    return ", ".join(values[:-1]) + " or " + values[-1]


def _fields(fields: Dict[str, Any]) -> str:
    return " ".join("C(%s) is %s." % (name, _values(values)) for name, values in fields.items())


def _sample_change(agent: str) -> Dict[str, Any]:
    """A change of the agent's first setting that has choices, as the module returns it."""
    s = next(s for s in catalog.settings_of(agent) if s.choices)
    return {"setting": s.name, "key": s.json_path, "before": None, "after": s.choices[0]}


def config_return(agent: str) -> Dict[str, Any]:
    """RETURN of import_agent_config and sync_agent_config."""
    return {
        "changed": {"description": "Whether the file's bytes changed (or would change, in check mode).",
                    "returned": "always", "type": "bool"},
        "path": {"description": "The file.", "returned": "always", "type": "str"},
        "changes": {
            "description": "One entry per setting whose value changes.",
            "returned": "success",
            "type": "list",
            "elements": "dict",
            "contains": {
                "setting": {"description": "Module option name of the setting.", "type": "str"},
                "key": {"description": "Where the key sits in the file.", "type": "str"},
                "before": {"description": "The value in the file before (null when absent).", "type": "raw"},
                "after": {"description": "The value after (null when removed).", "type": "raw"},
            },
            "sample": [_sample_change(agent)],
        },
        "settings": {"description": "The catalog settings in the file after the change, by module option name, as "
                                    "written.", "returned": "success", "type": "dict"},
        "findings": {"description": "Lint findings of the file after the change (see "
                                    "P(jumpcloud.adi.lint_settings#filter)), placed by line.",
                     "returned": "success", "type": "list", "elements": "dict"},
        "sha256": {"description": "SHA-256 of the file's bytes after the change.", "returned": "success",
                   "type": "str"},
        "original_sha256": {"description": "SHA-256 of the file's bytes as this task read them, before any change "
                                           "(give it to a later write as O(expect_sha256)).",
                            "returned": "when the file was read", "type": "str"},
        "backup_file": {"description": "Where the backup was written.", "returned": "changed and O(backup=true)",
                        "type": "str"},
        "restored_from": {"description": "The backup whose bytes were put back over the file (O(restore_from)).",
                          "returned": "when O(restore_from) is given", "type": "str"},
        "missing": {"description": "True when the task failed because the file does not exist (the agent is not "
                                   "installed).", "returned": "failure", "type": "bool"},
        "lost_update": {"description": "True when the task failed because the file changed since the read that "
                                       "gave O(expect_sha256) (nothing was written).",
                        "returned": "failure", "type": "bool"},
        "impact": {
            "description": ["Each event whose predicted outcome the change alters (see "
                            "P(jumpcloud.adi.outcomes#lookup)), with C(changes) (field, before, after), C(before) and "
                            "C(after) outcomes, and the C(trace) after the change."],
            "returned": "when settings change",
            "type": "list",
            "elements": "dict",
        },
        "remote_executions": {"description": "How many modules ran on the host for this task (1 to read; 1 more to "
                                             "write).", "returned": "always", "type": "int"},
    }


def outcomes_return() -> Dict[str, Any]:
    """RETURN of the outcomes lookup; the end-state vocabularies are the engine's."""
    return {"_raw": {
        "description": "One result per event.",
        "type": "list",
        "elements": "dict",
        "contains": {
            "event": {"description": "The event.", "type": "str"},
            "deployment": {"description": "The deployment.", "type": "str"},
            "applicable": {"description": "False when the event's agent does not run in the deployment (nothing "
                                          "happens).", "type": "bool"},
            "ad": {"description": ["End state in AD. " + _fields(engine.AD_FIELDS)], "type": "dict"},
            "jc": {"description": ["End state in JumpCloud. " + _fields(engine.JC_FIELDS)], "type": "dict"},
            "trace": {"description": "Each step (agent, setting, value, action, vendor section, after_seconds).",
                      "type": "list", "elements": "dict"},
            "notes": {"description": "Where the document is silent or hedges.", "type": "list", "elements": "str"},
            "ambiguous": {"description": "Whether the vendor document allows more than one outcome.", "type": "bool"},
            "alternatives": {"description": "One entry per reading (reading, settings, sections, ad, jc, trace) when "
                                            "ambiguous.", "type": "list", "elements": "dict"},
            "context": {"description": "The context used, defaults filled in.", "type": "dict"},
            "changed": {"description": "With a baseline, whether the outcome differs from the baseline's.",
                        "type": "bool"},
            "baseline": {"description": "With a baseline, the baseline's C(ad), C(jc) and C(ambiguous).",
                         "type": "dict"},
        },
    }}


def outcomes_options() -> Dict[str, Any]:
    """The lookup's events (its terms) and context option."""
    sides = {"import": "AD side (%s)", "sync": "JumpCloud side (%s)"}
    events = ["Events to predict. None means every event of the deployment."]
    for agent in catalog.AGENTS:
        names = [e for e, (a, _rule) in engine.EVENTS.items() if a == agent]
        events.append("%s: %s." % (sides[agent] % catalog.AGENT_TITLES[agent], ", ".join("V(%s)" % n for n in names)))
    context = ["Facts about the user before the event, each true or false:"]
    for key, default in engine.CONTEXT_DEFAULTS.items():
        text = "V(%s): %s" % (key, engine.CONTEXT_HELP[key])
        if isinstance(default, bool):
            text += " (default V(%s))" % ("true" if default else "false")
        context.append(text + ".")
    return {
        "_terms": {"description": events, "type": "list", "elements": "str", "required": False},
        "context": {"description": context, "type": "dict", "default": {}},
    }


def outcomes_notes():
    return ["The import agent polls AD about every %d s and the sync agent polls JumpCloud about every %d s; each "
            "trace step says about when it happens (C(after_seconds))."
            % (catalog.POLL_SECONDS["import"], catalog.POLL_SECONDS["sync"])]
