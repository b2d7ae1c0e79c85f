# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The settings catalog: the single source of truth for both ADI agents' settings.

PRIVATE to this collection. Pure Python: no Ansible objects.

Everything else (argument specs, JSON Schemas, lint, effective values, the docs
tables and the outcome engine) is derived from ``SETTINGS`` below. Each entry
cites the section of the vendor document ("Advanced Configurations for Active
Directory Integration") it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(key: str) -> str:
    """A key for case-insensitive matching: ASCII letters only, as .NET's ordinal ignore-case compares them.

    str.lower() would also match look-alikes such as the Kelvin sign for k, which the agents do not.
    """
    return key.translate(_ASCII_LOWER)


AGENTS = ("import", "sync")
DEPLOYMENTS = ("import_only", "sync_only", "two_way")

# Which agents run in each deployment (vendor document: "Sync Agent Configuration":
# "Full bidirectional synchronization is facilitated by the use of both ... agents").
DEPLOYMENT_AGENTS = {
    "import_only": ("import",),
    "sync_only": ("sync",),
    "two_way": ("import", "sync"),
}

AGENT_TITLES = {"import": "AD Import agent", "sync": "AD Sync agent"}

# Defaults for where the files live, and the services (docs/design.md, "Facts beyond the vendor document").
DEFAULT_PATHS = {
    "import": r"C:\Program Files\JumpCloud\AD Integration\JumpCloud AD Import\jcadimportagent.config.json",
    "sync": r"C:\Program Files\JumpCloud\AD Integration\JumpCloud AD Sync\config.json",
}
DEFAULT_SERVICES = {"import": "JCADImportAgent", "sync": "JCADSyncAgent_DC"}
# Polling intervals, in seconds (docs/design.md, "Facts beyond the vendor document"): when an outcome lands.
POLL_SECONDS = {"import": 90, "sync": 5}

# The import agent's settings live in this section of its file; the sync agent's at top level.
SECTIONS = {"import": ("MainLoop",), "sync": ()}


@dataclass(frozen=True)
class Default:
    """One documented default value and where the vendor document states it."""

    value: Any
    source: str  # "new_install", "upgrade", "deployment:<name>", "settings_reference", "summary_table", "documented"
    section: str


@dataclass(frozen=True)
class Setting:
    """One setting of one agent."""

    name: str  # module option name (snake_case), unique per agent
    agent: str  # "import" or "sync"
    key: str  # the key the vendor document names
    type: str  # "bool", "int", "str"
    section: str  # vendor document section
    description: str
    choices: Optional[Tuple[str, ...]] = None
    aliases: Tuple[str, ...] = ()  # other spellings of the key found in the wild
    option_aliases: Tuple[str, ...] = ()  # other module option names
    # Nesting inside the agent's section: () for a plain key; ("username",) when the value
    # may be an object {"username": value}; the parent key names for a key held in an object.
    parent: Tuple[str, ...] = ()
    object_member: Optional[str] = None  # value may be written as {object_member: value}
    defaults: Tuple[Default, ...] = ()  # an agent's default when the key is absent
    contradicting: bool = False  # the document states two different defaults
    upgrade: Optional[str] = None  # what an import agent upgrade does (text)
    support_only: bool = False  # vendor: change only with JumpCloud support
    minimum: Optional[int] = None
    dn: bool = False  # value is the distinguished name of an AD group

    @property
    def json_path(self) -> str:
        """Where the key sits in the file, dotted (``MainLoop.UserDisableAction``)."""
        return ".".join(SECTIONS[self.agent] + self.parent + (self.key,))

    @property
    def all_keys(self) -> Tuple[str, ...]:
        return (self.key,) + self.aliases

    @property
    def choices_text(self) -> str:
        if self.choices:
            return ", ".join(self.choices)
        if self.type == "bool":
            return "true, false"
        if self.type == "int":
            return "an integer of at least %d" % (self.minimum or 0)
        if self.dn:
            return "the distinguished name of an AD security group (CN=...)"
        return "a string"

    def default_for(self, deployment: Optional[str] = None):
        """The defaults that apply when the key is absent, for one deployment."""
        out = []
        for d in self.defaults:
            if d.source.startswith("deployment:"):
                if deployment is not None and d.source != "deployment:" + deployment:
                    continue
            if d.source == "upgrade":
                continue
            out.append(d)
        return tuple(out)


_IMPORT = "Import Agent Settings"
_SYNC = "Sync Agent Settings"

SETTINGS: Tuple[Setting, ...] = (
    # ----------------------------------------------------------------- import agent
    Setting(
        name="password_change_listener_poll_time_millis",
        agent="import",
        key="PollTimeMillis",
        parent=("PasswordChangeListener",),
        type="int",
        minimum=1,
        support_only=True,
        section=_IMPORT + " > PasswordChangeListener - PollTimeMillis",
        description="How long the agent waits before reconnecting to the password filter DLL after an error, "
        "in milliseconds. The vendor advises changing it only with direction from JumpCloud support.",
    ),
    Setting(
        name="sync_additional_attributes",
        agent="import",
        key="SyncAdditionalAttributes",
        type="bool",
        defaults=(Default(True, "documented", _IMPORT + " > SyncAdditionalAttributes"),),
        section=_IMPORT + " > SyncAdditionalAttributes",
        description="true syncs Display Name, Description, JobTitle, Department, Company, Location, EmployeeType, "
        "PhoneNumbers, Addresses and Manager from AD to JumpCloud; false syncs only First Name, Last Name, "
        "Username and Email.",
    ),
    Setting(
        name="user_dissociation_action",
        agent="import",
        key="UserDissociationAction",
        aliases=("UserDissociateAction",),
        type="str",
        choices=("remove", "unbind"),
        defaults=(Default("remove", "documented", _IMPORT + " > UserDissociationAction"),),
        section=_IMPORT + " > UserDissociationAction",
        description="What happens in JumpCloud when a user is deleted, disabled or removed from the JumpCloud ADI "
        "security group in AD: remove deletes the JumpCloud user; unbind keeps it, disconnected from the AD "
        "domain. The document says it overrides UserDisableAction if not identical, and also that "
        "UserDisableAction takes precedence.",
    ),
    Setting(
        name="user_field_mapping",
        agent="import",
        key="UserFieldMapping",
        object_member="username",
        type="str",
        choices=("sAMAccountName", "userPrincipalName"),
        defaults=(Default("sAMAccountName", "new_install", _IMPORT + " > UserFieldMapping"),),
        section=_IMPORT + " > UserFieldMapping",
        description="Which AD attribute becomes the JumpCloud username on import. Changing it on a running "
        "install changes JumpCloud usernames.",
    ),
    Setting(
        name="user_takeover_action",
        agent="import",
        key="UserTakeoverAction",
        type="str",
        choices=("deactivate", "retain"),
        defaults=(Default("deactivate", "documented", _IMPORT + " > UserTakeoverAction"),),
        section=_IMPORT + " > UserTakeoverAction",
        description="What happens when an existing JumpCloud user is taken over from AD: deactivate sets the "
        "JumpCloud password status to Password Pending; retain leaves it unchanged.",
    ),
    Setting(
        name="user_disable_action",
        agent="import",
        key="UserDisableAction",
        type="str",
        choices=("suspend", "remove", "unbind"),
        defaults=(
            Default("suspend", "new_install", _IMPORT + " > UserDisableAction > About UserDisableAction's default settings"),
            Default("remove", "upgrade", _IMPORT + " > UserDisableAction > About UserDisableAction's default settings"),
        ),
        upgrade="kept if present; else set to UserDissociateAction's value if present; else remove",
        section=_IMPORT + " > UserDisableAction",
        description="What happens in JumpCloud when a user is disabled in AD (and in AD when a user is suspended "
        "in JumpCloud): suspend suspends the JumpCloud user; remove deletes it; unbind clears its externally "
        "managed fields.",
    ),
    Setting(
        name="user_expire_action",
        agent="import",
        key="UserExpireAction",
        type="str",
        choices=("expire", "maintain"),
        defaults=(
            Default("expire", "new_install", _IMPORT + " > UserExpireAction > About UserExpireAction's default settings"),
            Default("maintain", "upgrade", _IMPORT + " > UserExpireAction > About UserExpireAction's default settings"),
        ),
        upgrade="kept if present; else maintain",
        section=_IMPORT + " > UserExpireAction",
        description="What happens in JumpCloud when an AD user's password expires: expire expires the JumpCloud "
        "password; maintain leaves it active.",
    ),
    Setting(
        name="sync_account_locked_out_status",
        agent="import",
        key="SyncAccountLockedOutStatus",
        type="bool",
        defaults=(Default(False, "documented", _IMPORT + " > SyncAccountLockedOutStatus"),),
        section=_IMPORT + " > SyncAccountLockedOutStatus",
        description="true reflects an AD lockout on the JumpCloud account; false leaves the JumpCloud account "
        "unchanged when AD locks.",
    ),
    # ----------------------------------------------------------------- sync agent
    Setting(
        name="sync_group",
        agent="sync",
        key="sync_group",
        type="str",
        dn=True,
        section=_SYNC + " > sync_group",
        description="Distinguished name of an existing AD security group under which JumpCloud-created groups are "
        "nested. It is protected: the sync agent never deletes it.",
    ),
    Setting(
        name="user_disconnection_action",
        agent="sync",
        key="user_disconnection_action",
        type="str",
        choices=("remove", "disable", "retain"),
        defaults=(
            Default("disable", "settings_reference", _SYNC + " > user_disconnection_action"),
            Default("retain", "summary_table", "User and User Membership Disconnection Settings"),
        ),
        contradicting=True,
        section=_SYNC + " > user_disconnection_action",
        description="What happens to the AD account when the user is deleted in JumpCloud or completely "
        "disconnected from ADI: remove deletes it; disable disables it; retain leaves it active.",
    ),
    Setting(
        name="membership_disconnection",
        agent="sync",
        key="membership_disconnection",
        aliases=("membership_disconnection_action",),
        option_aliases=("membership_disconnection_action",),
        type="str",
        choices=("remove", "retain"),
        defaults=(
            Default("remove", "settings_reference", _SYNC + " > membership_disconnection"),
            Default("retain", "summary_table", "User and User Membership Disconnection Settings"),
        ),
        contradicting=True,
        section=_SYNC + " > membership_disconnection",
        description="What happens to the user's memberships in JumpCloud-managed AD groups when the user is "
        "deleted or completely disconnected: remove takes them away; retain keeps them.",
    ),
    Setting(
        name="group_disconnection_action",
        agent="sync",
        key="group_disconnection_action",
        type="str",
        choices=("remove", "retain"),
        defaults=(Default("retain", "documented", _SYNC + " > group_disconnection_action"),),
        section=_SYNC + " > group_disconnection_action",
        description="What happens to a JumpCloud-managed AD security group disconnected from ADI: remove deletes "
        "it in AD (never the sync_group); retain keeps it, unmanaged.",
    ),
    Setting(
        name="sync_account_locked_out_status",
        agent="sync",
        key="SyncAccountLockedOutStatus",
        type="bool",
        defaults=(Default(False, "documented", _SYNC + " > SyncAccountLockedOutStatus"),),
        section=_SYNC + " > SyncAccountLockedOutStatus",
        description="true unlocks a locked AD account only on an explicit JumpCloud unlock; false lets any user "
        "update synced from JumpCloud unlock it. The vendor recommends true.",
    ),
    Setting(
        name="group_membership_sync_type",
        agent="sync",
        key="group_membership_sync_type",
        type="str",
        choices=("minimal", "match"),
        defaults=(
            Default("minimal", "deployment:two_way", _SYNC + " > group_membership_sync_type"),
            Default("match", "deployment:sync_only", _SYNC + " > group_membership_sync_type"),
        ),
        section=_SYNC + " > group_membership_sync_type",
        description="How nested AD groups are filled: minimal adds the user to the leaf group only; match adds it "
        "to every group of the nested structure.",
    ),
)


def settings_of(agent: str) -> Tuple[Setting, ...]:
    return tuple(s for s in SETTINGS if s.agent == agent)


def by_name(agent: str) -> Dict[str, Setting]:
    return {s.name: s for s in settings_of(agent)}


def _build_lookup() -> Dict[str, Dict[str, Setting]]:
    table: Dict[str, Dict[str, Setting]] = {}
    for agent in AGENTS:
        idx: Dict[str, Setting] = {}
        for s in settings_of(agent):
            for k in s.all_keys + (s.name,) + s.option_aliases:
                idx[fold(k)] = s
        table[agent] = idx
    return table


_LOOKUP = _build_lookup()


def find_key(agent: str, key: str) -> Optional[Setting]:
    """The setting a key of an agent's file stands for: the agent's keys only, in any case and spelling.

    Module option names (``user_disable_action``) are not keys the agents read.
    """
    s = find(agent, key)
    if s is not None and fold(key) in (fold(k) for k in s.all_keys):
        return s
    return None


def find(agent: str, key: str) -> Optional[Setting]:
    """The setting a key stands for: agent key in any case or spelling, or module option name."""
    if not isinstance(key, str):
        return None
    return _LOOKUP[agent].get(fold(key))


def key_style(agent: str, key: str) -> str:
    """``option`` if ``key`` is a module option name, else ``agent``."""
    s = find(agent, key)
    if s is not None and key in (s.name,) + s.option_aliases and key not in s.all_keys:
        return "option"
    return "agent"


def canonical_choice(setting: Setting, value: Any) -> Any:
    """The catalog's spelling of a choice given in any case; the value unchanged if it is not a choice."""
    if setting.choices and isinstance(value, str):
        for c in setting.choices:
            if c.lower() == value.lower():
                return c
    return value


def all_known_keys(agent: str) -> Tuple[str, ...]:
    out = []
    for s in settings_of(agent):
        out.extend(s.all_keys)
        out.extend(s.parent)
    return tuple(dict.fromkeys(out))


# ---------------------------------------------------------------- derived artefacts

def argument_spec(agent: str) -> Dict[str, Dict[str, Any]]:
    """Ansible argument spec entries for one agent's settings (no defaults: absent means unchanged)."""
    spec: Dict[str, Dict[str, Any]] = {}
    for s in settings_of(agent):
        entry: Dict[str, Any] = {"type": s.type}
        if s.choices:
            entry["choices"] = list(s.choices)
        if s.option_aliases:
            entry["aliases"] = list(s.option_aliases)
        spec[s.name] = entry
    return spec


def json_schema(agent: str) -> Dict[str, Any]:
    """JSON Schema (Draft 2020-12) of one agent's settings object.

    For the import agent it describes the ``MainLoop`` section; for the sync agent
    the whole file. JSON Schema has no case-insensitive keys, so each documented
    spelling is listed; unknown keys are allowed (agents carry more than these).
    """
    props: Dict[str, Any] = {}
    for s in settings_of(agent):
        leaf: Dict[str, Any] = {"description": s.description}
        if s.type == "bool":
            leaf["type"] = "boolean"
        elif s.type == "int":
            leaf["type"] = "integer"
            if s.minimum is not None:
                leaf["minimum"] = s.minimum
        else:
            leaf["type"] = "string"
        if s.choices:
            # Values are case-insensitive for the agents.
            leaf["pattern"] = "^(?i:%s)$" % "|".join(re.escape(c) for c in s.choices)
            leaf["examples"] = list(s.choices)
            leaf["type"] = "string"
        if s.dn:
            leaf["pattern"] = r"^(?i:CN)\s*=\s*.+"
        docs = [d for d in s.defaults if d.source != "upgrade"]
        if len(docs) == 1 and not docs[0].source.startswith("deployment:"):
            leaf["default"] = docs[0].value
        value_schema = leaf
        if s.object_member:
            value_schema = {
                "description": s.description,
                "oneOf": [
                    {k: v for k, v in leaf.items() if k != "description"},
                    {
                        "type": "object",
                        "properties": {s.object_member: {k: v for k, v in leaf.items() if k != "description"}},
                        "required": [s.object_member],
                    },
                ],
            }
        for key in s.all_keys:
            if s.parent:
                parent = s.parent[0]
                holder = props.setdefault(parent, {"type": "object", "properties": {}})
                holder["properties"][key] = value_schema
            else:
                props[key] = value_schema
    schema: Dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/jumpcloud-adi/jumpcloud.adi/docs/schemas/%s_agent.schema.json" % agent,
        "title": "MainLoop section" if agent == "import" else "JumpCloud ADI AD Sync agent file (config.json)",
        "type": "object",
        "properties": props,
        "additionalProperties": True,
    }
    spellings = [list(s.all_keys) for s in settings_of(agent) if len(s.all_keys) > 1]
    if spellings:
        # A file may hold one spelling of a key, never two.
        schema["allOf"] = [{"not": {"required": pair}} for pair in spellings]
    if agent == "import":
        schema = {
            "$schema": schema.pop("$schema"),
            "$id": schema.pop("$id"),
            "title": "JumpCloud ADI AD Import agent file (jcadimportagent.config.json)",
            "type": "object",
            "properties": {"MainLoop": schema},
            "additionalProperties": True,
        }
    return schema
