# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument specs of the plugins, derived from the catalog, and their documentation.

PRIVATE to this collection. The same spec validates a plugin's arguments (with
ansible-core's ArgumentSpecValidator) and renders its documented options (through
the jumpcloud.adi.settings doc fragment, which tools/gen_docs.py writes from
these functions and a unit test holds current), so the two cannot drift apart.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from typing import Any, Callable, Dict, Optional

from collections.abc import Mapping
from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError
from ansible.release import __version__ as _core_version

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import describe

DEPLOYMENT_OPTION = {
    "deployment": {
        "type": "str",
        "default": "two_way",
        "choices": list(catalog.DEPLOYMENTS),
        "description": [
            "Which agents run: V(import_only) (AD to JumpCloud), V(sync_only) (JumpCloud to AD) or V(two_way) "
            "(both agents).",
            "Decides deployment-dependent defaults (C(group_membership_sync_type)) and cross-agent findings.",
        ],
    }
}


def _agent_option(choices):
    return {
        "agent": {
            "type": "str",
            "required": True,
            "choices": list(choices),
            "description": [
                "Whose settings the input holds: V(import) (the C(MainLoop) section of "
                "C(jcadimportagent.config.json)), V(sync) (the sync agent's C(config.json))"
                + (", or V(both) (input C({import: {...}, sync: {...}}), which adds cross-agent findings)."
                   if "both" in choices else "."),
            ],
        }
    }


AGENT_OPTION = _agent_option(catalog.AGENTS)
AGENT_OR_BOTH_OPTION = _agent_option(catalog.AGENTS + ("both",))


def setting_options(agent: str) -> Dict[str, Dict[str, Any]]:
    """Documented module options for one agent's settings (absent means: leave unchanged)."""
    spec = catalog.argument_spec(agent)
    out: Dict[str, Dict[str, Any]] = {}
    for s in catalog.settings_of(agent):
        entry = dict(spec[s.name])
        desc = ["Sets C(%s). %s" % (s.json_path, s.description)]
        if s.choices:
            desc.append("The file's value is compared case-insensitively: a value equal but for case is not rewritten.")
        defaults = list(s.defaults)
        if defaults:
            desc.append("When absent from the file the agent uses: %s." % "; ".join(
                "%s (%s)" % (json.dumps(d.value), d.source.replace("_", " ").replace("deployment:", "deployment "))
                for d in defaults))
        if s.contradicting:
            desc.append("The vendor document states two different defaults; lint warns while the key is absent.")
        if s.object_member:
            desc.append("The file may hold it as a string or as C({\"%s\": ...}); the file's shape is kept, and a "
                        "new key is written as an object." % s.object_member)
        if s.aliases:
            desc.append("Also found in files as %s; the file's spelling is kept." % ", ".join("C(%s)" % a for a in s.aliases))
        desc.append("Vendor document section: %s." % s.section)
        entry["description"] = desc
        out[s.name] = entry
    return out


def spec_of(options: Dict[str, Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
    """The argument spec of documented options (drops what the validator does not take)."""
    keep = ("type", "required", "default", "choices", "aliases", "elements", "no_log", "options")
    return {name: {k: v for k, v in o.items() if k in keep} for name, o in options.items()}


def validate(spec: Dict[str, Dict[str, Any]], params: Dict[str, Any], what: Optional[str] = None,
             module: bool = False) -> Dict[str, Any]:
    """Validated parameters, or SettingsError naming what is wrong and what is allowed (after ``what: ``, if given).

    The validator's messages are Ansible's own, except that a rejected value is only described (it is often
    something pasted by mistake), and an unsupported parameter gets a did-you-mean.
    """
    # a required option given as null is missing (the validator would check '' against the choices)
    params = {k: plain(v) for k, v in params.items() if v is not None or not spec.get(k, {}).get("required")}
    result = ArgumentSpecValidator(spec).validate(params)
    if not result.error_messages:
        return result.validated_parameters
    messages = []
    for err in result.errors:
        if isinstance(err, UnsupportedError):
            supported = sorted(spec)
            known = set(spec) | {a for o in spec.values() for a in o.get("aliases", ())}
            names = sorted(str(p) for p in params if p not in known)
            guesses = ["%s (did you mean %s?)" % (n, m[0]) if m else n for n in names
                       for m in [difflib.get_close_matches(n, supported, n=1, cutoff=0.7)]]
            messages.append("Unsupported parameters for (%s)%s: %s. Supported parameters include: %s." % (
                what, " module" if module else "", ", ".join(guesses), ", ".join(supported)))
        else:
            messages.append(_quiet(str(err)))
    raise SettingsError("; ".join(messages) if messages[0].startswith("Unsupported") or what is None else
                        "%s: %s" % (what, "; ".join(messages)))


def plain(value: Any) -> Any:
    """The value with every mapping a dict and every list or tuple a list, all the way down.

    ArgumentSpecValidator deep-copies its parameters. From ansible-core 2.19 on, a filter's arguments are lazy
    containers that carry the templar; deep-copying one copies the templar's plugin loaders, which ansible-core
    2.21 and later report as a deprecation ("Instantiating filter/test PluginLoader with aliases"). Plain copies
    keep the values (reading a lazy container templates it) and nothing else.
    """
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


# ansible-core 2.19 and later name a failing filter themselves ("The filter plugin 'jumpcloud.adi.NAME' failed: ...");
# older cores show the filter's message alone.
CORE_NAMES_FILTER = tuple(int(p) for p in re.findall(r"\d+", _core_version)[:2]) >= (2, 19)


def filter_errors(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The one error wrapper of the collection's filters: a SettingsError (bad arguments, bad input) becomes
    AnsibleFilterError('what is wrong'), which the core names the filter in, or on cores that do not
    (before 2.19), AnsibleFilterError('jumpcloud.adi.NAME: what is wrong'): the name appears once."""
    def wrap(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except SettingsError as exc:
                raise AnsibleFilterError(str(exc) if CORE_NAMES_FILTER else "jumpcloud.adi.%s: %s" % (name, exc)) from exc
        return run
    return wrap


_GOT = re.compile(r"(, got: |Got no match for: )(.*)$", re.DOTALL)
_CONVERT = re.compile(r"^(argument '[^']*' is of type .*? and we were unable to convert to \w+)", re.DOTALL)


def _quiet(message: str) -> str:
    """The validator's message without the rejected value (which is only described)."""
    m = _GOT.search(message)
    if m:
        return message[:m.start(2)] + describe(m.group(2))
    m = _CONVERT.search(message)
    if m:
        return m.group(1)
    return message


def config_options(agent: str) -> Dict[str, Dict[str, Any]]:
    """Every agent-specific option of the agent's config module: path, unset, and one per setting."""
    names = [s.name for s in catalog.settings_of(agent)]
    out: Dict[str, Dict[str, Any]] = {
        "path": {
            "type": "str",
            "default": catalog.DEFAULT_PATHS[agent],
            "aliases": ["dest"],
            "description": [
                "Path of the %s's configuration file on the host." % catalog.AGENT_TITLES[agent],
                "The default is the vendor's default install location. On Windows the file is read with "
                "M(ansible.windows.slurp) and written with M(ansible.windows.win_copy); on POSIX hosts (labs, "
                "staging copies) with M(ansible.builtin.slurp) and M(ansible.builtin.copy).",
            ],
        },
        "unset": {
            "type": "list",
            "elements": "str",
            "default": [],
            "choices": names,
            "description": [
                "Settings to remove from the file, so that the agent falls back to its default.",
                "A setting may not be both set and unset.",
            ],
        },
    }
    out["settings"] = {
        "type": "dict",
        "default": {},
        "description": [
            "The settings as one dict, keyed by module option name or agent key (any case or spelling), for "
            "data-driven use (roles, vars files). Values are checked as the single options are.",
            "May be combined with the single options; a setting given both ways must have the same value.",
        ],
    }
    out.update(setting_options(agent))
    return out


COMMON_CONFIG_OPTIONS = {
    "backup": {
        "type": "bool",
        "default": False,
        "description": [
            "Keep a timestamped copy of the file next to it before changing it (the copy modules' own backup).",
            "Only made when the file changes.",
        ],
    },
}
COMMON_CONFIG_OPTIONS["restore_from"] = {
    "type": "str",
    "description": [
        "Put the bytes of this file (a backup, on the host) back over O(path), in place, instead of changing "
        "settings. Used by the rollout role to roll back.",
        "In place means the file keeps its own ACL on Windows: M(ansible.windows.win_copy) single-file mode "
        "overwrites it, where a copy with C(remote_src) removes it and makes a new file with its folder's ACL.",
        "The backup must be a valid agent file and no setting nor O(unset) may be given; nothing is written "
        "otherwise. Check mode and diff work as for a change.",
    ],
}
COMMON_CONFIG_OPTIONS["expect_sha256"] = {
    "type": "str",
    "description": [
        "The SHA-256 of the file as an earlier read found it (the RV(original_sha256) of a check-mode run, the "
        "plan). When the file read by this task differs, it changed since that read (another writer): nothing "
        "is written and the task fails, naming the file and both SHA-256s. Re-run to plan against the file as "
        "it is now.",
        "The check is made on the bytes this task reads, right before it writes; the read and the write are two "
        "module executions, so a writer in between them is not seen (no copy module can compare and replace "
        "in one step).",
        "64 hexadecimal digits, in any case; anything else fails the task before the file is read.",
    ],
}
COMMON_CONFIG_OPTIONS.update(DEPLOYMENT_OPTION)


def info_options() -> Dict[str, Dict[str, Any]]:
    out: Dict[str, Dict[str, Any]] = {}
    for agent in catalog.AGENTS:
        out["%s_path" % agent] = {
            "type": "str",
            "default": catalog.DEFAULT_PATHS[agent],
            "description": ["Path of the %s's configuration file (it may be absent)." % catalog.AGENT_TITLES[agent]],
        }
    out["agents"] = {
        "type": "list",
        "elements": "str",
        "default": list(catalog.AGENTS),
        "choices": list(catalog.AGENTS),
        "description": ["Which agents' files to read."],
    }
    return out
