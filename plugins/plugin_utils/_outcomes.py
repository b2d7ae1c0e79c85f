# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The outcome engine: what happens to a user in AD and in JumpCloud when an event occurs.

PRIVATE to this collection. Pure Python: no Ansible objects.

A small explicit state model (the AD user and group, the JumpCloud user) starts every field
at ``unchanged``; the event sets what the admin did; then each agent's rules, keyed by its
settings and taken from the vendor document's sections, tables and bullet lists, change the
state and append a step to the trace. In two-way deployments a step the document says
triggers the other agent is followed, and no step the document does not state is invented:
a note says where the document is silent.

Where the vendor document contradicts itself (docs/design.md) the engine evaluates every reading
and reports ``ambiguous: true`` with one alternative per reading whose outcome differs.
"""

from __future__ import annotations

import itertools
from typing import Any, Callable, Dict, List, Optional, Tuple

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import EngineError, SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import (
    check_deployment, describe, parse_settings, value_findings,
)
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import effective

# ------------------------------------------------------------------ the contract's vocabularies

AD_FIELDS = {
    "account": ("active", "disabled", "deleted", "created_disabled", "unchanged"),
    "lock": ("locked", "unlocked", "unchanged"),
    "memberships": ("removed", "removed_except_former_parents", "removed_except_disconnected_group", "retained",
                    "ceased", "leaf_only", "leaf_and_parents", "unchanged"),
    "group": ("deleted", "retained_unmanaged", "protected", "unchanged"),
    "password": ("updated", "expired", "unchanged"),
}
JC_FIELDS = {
    "account": ("active", "suspended", "deleted", "retained", "created", "created_suspended", "not_created",
                "unchanged"),
    "adi": ("bound", "unbound", "unchanged"),
    "password": ("expired", "pending", "reset_required", "unchanged"),
    "lock": ("locked", "unlocked", "unchanged"),
    "external_fields": ("cleared", "unchanged"),
    "external_password_expiration_date": ("set", "cleared", "unchanged"),
    "groups": ("removed", "unchanged"),
}

CONTEXT_DEFAULTS = {
    "jc_user_exists": True,
    "owned_by_agent": True,
    "in_integration_group": True,
    "ad_user_exists": True,
    "ad_account_locked": None,  # true for jc_user_unlocked / jc_user_updated, else false
    "group_is_sync_group": False,
    "user_only_connected_via_group": True,
    "sync_group_changed_to_child": False,
}
CONTEXT_HELP = {
    "jc_user_exists": "the JumpCloud user exists before the event",
    "owned_by_agent": "the JumpCloud user is owned by this AD Import agent",
    "in_integration_group": "the AD user is a member of the JumpCloud Integration Security Group (UserDisableAction "
                            "controls what happens in JumpCloud after an AD disable only for its members)",
    "ad_user_exists": "the AD user exists before the event",
    "ad_account_locked": "the AD account is locked before the event (default true for jc_user_unlocked and "
                         "jc_user_updated, else false)",
    "group_is_sync_group": "the group concerned is the sync agent's sync_group",
    "user_only_connected_via_group": "the user's only connection to ADI is through the disconnected group",
    "sync_group_changed_to_child": "sync_group was changed to a child of the previous sync_group",
}

_IMP = "Import Agent Settings"
_SYNC = "Sync Agent Settings"
_TWO = "Configuration Settings Outcomes in a Two-way Sync"
_ONE = "Configuration Settings Outcomes in a JumpCloud to AD One-way Sync"
_CHILD = _SYNC + " > sync_group > Interaction with group_membership_sync_type"


# ------------------------------------------------------------------ state and trace

class State:
    """The AD user and group and the JumpCloud user, plus the trace of who changed what."""

    def __init__(self, context: Dict[str, Any]) -> None:
        self.ad = {k: "unchanged" for k in AD_FIELDS}
        self.jc = {k: "unchanged" for k in JC_FIELDS}
        self.context = context
        self.trace: List[Dict[str, Any]] = []
        self.notes: List[str] = []
        self.clock = 0
        # where the document gives two sentences that conflict for this case: each reading's label, section and
        # end states (the first is the outcome shown); set by a rule, at its end
        self.conflict: List[Dict[str, Any]] = []

    def conflicting(self, section: str, readings: List[Tuple[str, Dict[str, str], Dict[str, str]]]) -> None:
        """The document reads two ways here: (label, ad changes, jc changes) per reading, the first one shown."""
        self.conflict = [{"label": label, "section": section, "values": {}, "ad": dict(self.ad, **ad),
                          "jc": dict(self.jc, **jc)} for label, ad, jc in readings]

    def step(self, agent: str, action: str, section: str, setting: Optional[str] = None, value: Any = None,
             delay: int = 0) -> None:
        self.clock += delay
        entry = {"step": len(self.trace) + 1, "agent": agent, "setting": setting, "value": value, "action": action,
                 "section": section, "after_seconds": self.clock}
        if agent in catalog.POLL_SECONDS:
            entry["within"] = "about %d s (the %s polls about every %d s)" % (
                self.clock, catalog.AGENT_TITLES[agent], catalog.POLL_SECONDS[agent])
        self.trace.append(entry)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


# ------------------------------------------------------------------ settings and readings

def _resolve(agent: str, data: Any, deployment: str) -> Tuple[Dict[str, Any], List[Dict[str, Any]]]:
    """Effective values (by option name; None where the document contradicts itself) and the readings.

    ``data`` is a settings dict, or the ``ParsedSettings`` the file layer already holds (not parsed again).
    """
    if data is None:
        data = {}
    try:
        parsed = parse_settings(agent, data)
    except SettingsError as exc:
        raise EngineError(str(exc)) from exc
    errors = [f["message"] for f in parsed.findings + value_findings(parsed) if f["severity"] == "error"]
    if parsed.unknown and not parsed.file:
        allowed = sorted({k for s in catalog.settings_of(agent) for k in (s.name, s.key)})
        errors.append("unknown %s setting(s) %s; allowed: %s" % (
            agent, ", ".join(map(str, parsed.unknown)), ", ".join(allowed)))
    if errors:
        raise EngineError("%s_settings: %s" % (agent, "; ".join(errors)))
    # the effective values and the vendor document's readings, as effective_settings and lint give them
    values: Dict[str, Any] = {}
    readings: List[Dict[str, Any]] = []
    by_source: Dict[str, Dict[str, Any]] = {}
    for entry in effective(agent, parsed, deployment).values():
        name = entry["setting"]
        values[name] = entry["value"]
        if name == "user_disable_action":
            # docs/design.md contradiction 1: one reading per statement, each an AD-disable action
            readings = [{"label": r["source"], "section": r["section"], "values": {"disable_action": r["value"]}}
                        for r in entry["readings"]]
        else:
            # docs/design.md contradiction 2: one reading per part of the document, applied to every absent key
            for r in entry["readings"]:
                by_source.setdefault(r["source"], {"label": "default per the %s" % r["source"].replace("_", " "),
                                                   "section": r["section"], "values": {}})["values"][name] = r["value"]
    return values, readings or list(by_source.values())


# ------------------------------------------------------------------ the import agent (AD -> JumpCloud)

def _no_import_action(st: State, exists: bool) -> None:
    """The import agent takes no action: the JumpCloud account keeps what earlier steps made it (a JumpCloud
    suspension stays ``suspended``); a user that does not exist is not created."""
    if not exists and st.jc["account"] == "unchanged":
        st.jc["account"] = "not_created"


def _import_disable(st: State, action: str, delay: int, why: str) -> None:
    """UserDisableAction applied to an AD user that is now disabled."""
    ctx = st.context
    section = _IMP + " > UserDisableAction > Suspend Actions on the Import Agent"
    exists, owned = ctx["jc_user_exists"], ctx["owned_by_agent"]
    if action == "suspend":
        if exists:
            st.jc["account"] = "suspended"
            st.step("import", "suspends the JumpCloud user (%s)" % why, section, "UserDisableAction", action, delay)
        else:
            st.jc["account"] = "created_suspended"
            st.step("import", "creates the JumpCloud user per the AD Import rules, suspended (%s)" % why, section,
                    "UserDisableAction", action, delay)
        st.note("The user stays bound to ADI while suspended (%s)." % (_TWO + " > Part 2"))
    elif action == "remove":
        if exists and owned:
            st.jc.update(account="deleted", adi="unbound")
            st.step("import", "deletes the JumpCloud user (%s)" % why, section, "UserDisableAction", action, delay)
        else:
            _no_import_action(st, exists)
            st.step("import", "does nothing: the JumpCloud user %s, so it is not created or deleted (%s)"
                    % ("does not exist" if not exists else "is not owned by this agent", why),
                    section, "UserDisableAction", action, delay)
    else:  # unbind
        if exists and owned:
            st.jc.update(account="retained", adi="unbound", external_fields="cleared", groups="removed")
            st.step("import", "clears the externally managed fields and removes the user from groups; the JumpCloud "
                    "user is no longer managed externally (%s)" % why, section, "UserDisableAction", action, delay)
        else:
            _no_import_action(st, exists)
            st.step("import", "does nothing: the JumpCloud user %s (%s)"
                    % ("does not exist" if not exists else "is not owned by this agent", why),
                    section, "UserDisableAction", action, delay)


def _disable_action(imp: Dict[str, Any], reading: Dict[str, Any]) -> str:
    return reading.get("disable_action", imp["user_disable_action"])


def ad_user_disabled(st, imp, syn, reading, deployment):
    st.ad["account"] = "disabled"
    st.step("ad", "an AD admin disables the user", _IMP + " > UserDisableAction")
    if not st.context["in_integration_group"]:
        # "For this setting to control what happens to a user in JumpCloud after the user is disabled in AD, the user
        # must be a member of the JumpCloud Integration Security Group."
        st.step("import", "does not apply UserDisableAction: the user is not a member of the JumpCloud Integration "
                "Security Group", _IMP + " > UserDisableAction", "UserDisableAction", _disable_action(imp, reading),
                catalog.POLL_SECONDS["import"])
        st.note("The document does not say what else happens in JumpCloud to a disabled AD user outside the "
                "JumpCloud Integration Security Group; no step is assumed.")
        return
    _import_disable(st, _disable_action(imp, reading), catalog.POLL_SECONDS["import"], "AD user disabled")
    if deployment == "two_way":
        st.note("The sync agent's user_disconnection_action and membership_disconnection are not triggered by an AD "
                "disable alone (%s > Part 2)." % _TWO)


def ad_user_enabled(st, imp, syn, reading, deployment):
    st.ad["account"] = "active"
    st.step("ad", "an AD admin enables the user", _IMP + " > UserDisableAction")
    action = _disable_action(imp, reading)
    section = _IMP + " > UserDisableAction (tables of existing and new users)"
    delay = catalog.POLL_SECONDS["import"]
    if st.context["jc_user_exists"]:
        if action == "suspend":
            st.jc["account"] = "active"
            st.step("import", "unsuspends the JumpCloud user (not suspended / active)", section,
                    "UserDisableAction", action, delay)
        else:
            st.step("import", "takes no action on the existing JumpCloud user (N/A in the document's table)",
                    section, "UserDisableAction", action, delay)
    else:
        st.jc["account"] = "created"
        st.step("import", "creates the JumpCloud user", section, "UserDisableAction", action, delay)


def _dissociate(st, imp, why):
    action = imp["user_dissociation_action"]
    section = _IMP + " > UserDissociationAction"
    delay = catalog.POLL_SECONDS["import"]
    if not st.context["jc_user_exists"]:
        st.step("import", "does nothing: there is no JumpCloud user (%s)" % why, section,
                "UserDissociationAction", action, delay)
    elif action == "remove":
        st.jc.update(account="deleted", adi="unbound")
        st.step("import", "deletes the JumpCloud user (%s)" % why, section, "UserDissociationAction", action, delay)
    else:
        st.jc.update(account="retained", adi="unbound")
        st.step("import", "keeps the JumpCloud user but disconnects it from the AD domain; JumpCloud keeps managing "
                "its identity (%s)" % why, section, "UserDissociationAction", action, delay)


def ad_user_deleted(st, imp, syn, reading, deployment):
    st.ad.update(account="deleted", memberships="ceased")
    st.step("ad", "an AD admin deletes the user", _TWO + " > Part 2")
    _dissociate(st, imp, "AD user deleted")
    if deployment == "two_way":
        st.note("The sync agent's disconnection settings are generally not applicable: the AD object is already "
                "gone (%s > Part 2)." % _TWO)


def ad_user_out_of_scope(st, imp, syn, reading, deployment):
    st.step("ad", "the user is moved out of the monitored OU or removed from the ADI security group; the AD "
            "object is retained as it is", _TWO + " > Part 2")
    _dissociate(st, imp, "treated as a dissociation")
    if deployment == "two_way":
        st.note("The sync agent is unlikely to act on an out-of-scope AD object (%s > Part 2)." % _TWO)


def ad_password_expired(st, imp, syn, reading, deployment):
    st.ad["password"] = "expired"
    st.step("ad", "the user's AD password expires", _IMP + " > UserExpireAction")
    action = imp["user_expire_action"]
    section = _IMP + " > UserExpireAction > Expire Actions on the Import Agent"
    delay = catalog.POLL_SECONDS["import"]
    created = not st.context["jc_user_exists"] and not st.context["owned_by_agent"]
    if not st.context["jc_user_exists"] and st.context["owned_by_agent"]:
        st.note("The document does not say what happens to a missing JumpCloud user owned by the agent.")
    if action == "expire":
        st.jc.update(password="expired", external_password_expiration_date="set")
        if created:
            st.jc["account"] = "created"
        st.step("import", "%sexpires the JumpCloud password and sets external_password_expiration_date to AD's value"
                % ("creates the JumpCloud user, then " if created else ""), section, "UserExpireAction", action, delay)
    else:
        st.jc["external_password_expiration_date"] = "cleared"
        if created:
            st.jc["account"] = "created"
        st.step("import", "%sleaves the JumpCloud password active and clears external_password_expiration_date"
                % ("creates the JumpCloud user, " if created else ""), section, "UserExpireAction", action, delay)


def ad_account_locked(st, imp, syn, reading, deployment):
    st.ad["lock"] = "locked"
    st.step("ad", "AD locks the account (e.g. bad passwords)", _IMP + " > SyncAccountLockedOutStatus")
    value = imp["sync_account_locked_out_status"]
    section = _IMP + " > SyncAccountLockedOutStatus"
    delay = catalog.POLL_SECONDS["import"]
    if value and st.context["jc_user_exists"]:
        st.jc["lock"] = "locked"
        st.step("import", "reflects the AD lock on the JumpCloud account", section, "SyncAccountLockedOutStatus",
                value, delay)
    else:
        st.step("import", "does not sync the lock; the JumpCloud account stays as it is", section,
                "SyncAccountLockedOutStatus", value, delay)
    if deployment == "two_way" and value != syn["sync_account_locked_out_status"]:
        st.note("SyncAccountLockedOutStatus differs between the agents; the document's two-way tables assume the same "
                "value in both files (%s > Sync Unlock Status)." % _TWO)


def ad_account_unlocked(st, imp, syn, reading, deployment):
    st.ad["lock"] = "unlocked"
    st.step("ad", "an AD admin unlocks the account", _TWO + " > AD-Initiated Changes & Lock/Unlock Behavior")
    value = imp["sync_account_locked_out_status"]
    delay = catalog.POLL_SECONDS["import"]
    section = _TWO + " > Scenario 2.1 / 2.2"
    if value and st.context["jc_user_exists"]:
        st.jc["lock"] = "unlocked"
        st.step("import", "syncs the unlock to JumpCloud", section, "SyncAccountLockedOutStatus", value, delay)
    else:
        st.step("import", "does nothing: JumpCloud never registered the AD lock", section,
                "SyncAccountLockedOutStatus", value, delay)


def ad_user_takeover(st, imp, syn, reading, deployment):
    st.step("ad", "an AD user is matched to an existing JumpCloud user (takeover)", _IMP + " > UserTakeoverAction")
    action = imp["user_takeover_action"]
    section = _IMP + " > UserTakeoverAction"
    delay = catalog.POLL_SECONDS["import"]
    st.jc["adi"] = "bound"
    if action == "deactivate":
        st.jc["password"] = "pending"
        st.step("import", "takes over the JumpCloud user and sets its password status to Password Pending; the user "
                "must reset the password in AD", section, "UserTakeoverAction", action, delay)
    else:
        st.step("import", "takes over the JumpCloud user; its password status is unchanged", section,
                "UserTakeoverAction", action, delay)
    if deployment == "two_way":
        st.ad["password"] = "updated"
        st.jc["password"] = "reset_required"
        st.step("sync", "sets a system-generated password in AD, which overwrites the JumpCloud password on the sync "
                "back; the user must reset the password in JumpCloud or AD, whatever UserTakeoverAction is",
                section + " > Warning: Password Reset Required for Existing JumpCloud Users in Two-Way Sync",
                delay=catalog.POLL_SECONDS["sync"])


# ------------------------------------------------------------------ the sync agent (JumpCloud -> AD)

def _sync_disconnect(st, syn, reading, deployment, why):
    """user_disconnection_action and membership_disconnection applied to the AD user."""
    udis = reading.get("user_disconnection_action", syn["user_disconnection_action"])
    mdis = reading.get("membership_disconnection", syn["membership_disconnection"])
    section = (_TWO + " > User End States Based on Disconnection Settings > Part 1" if deployment == "two_way"
               else _ONE + " > User End States in AD Based on Disconnection Settings")
    delay = catalog.POLL_SECONDS["sync"]
    if not st.context["ad_user_exists"]:
        st.step("sync", "does nothing in AD: there is no AD user (%s)" % why, section,
                "user_disconnection_action", udis, delay)
        return
    child = st.context["sync_group_changed_to_child"]
    if udis == "remove":
        st.ad["account"] = "deleted"
        st.ad["memberships"] = "removed" if mdis == "remove" and not child else "ceased"
        st.step("sync", "deletes the AD account (%s)" % why, section, "user_disconnection_action", udis, delay)
        if child:
            st.step("sync", "cannot remove memberships in the former parent sync_group's groups (sync_group was changed "
                    "to a child group), but every membership ceases with the deleted account", _CHILD,
                    "membership_disconnection", mdis)
        else:
            st.step("sync", "removes the user from JumpCloud-managed AD groups (moot: deletion ends every membership)"
                    if mdis == "remove" else "leaves memberships, which cease with the account",
                    section, "membership_disconnection", mdis)
        return
    if udis == "disable":
        st.ad["account"] = "disabled"
        st.step("sync", "disables the AD account; it stays in AD (%s)" % why, section,
                "user_disconnection_action", udis, delay)
    else:
        st.step("sync", "leaves the AD account active (%s)" % why, section, "user_disconnection_action", udis, delay)
    if mdis == "remove":
        if child:
            st.ad["memberships"] = "removed_except_former_parents"
            st.step("sync", "removes the user from JumpCloud-managed AD groups except the former parent sync_group's "
                    "groups, where removals cannot be performed: sync_group was changed to a child group", _CHILD,
                    "membership_disconnection", mdis)
        else:
            st.ad["memberships"] = "removed"
            st.step("sync", "removes the user from JumpCloud-managed AD groups", section, "membership_disconnection", mdis)
    else:
        st.ad["memberships"] = "retained"
        st.step("sync", "keeps the user's memberships in JumpCloud-managed AD groups (now managed in AD)%s"
                % (", the former parent sync_group's groups included" if child else ""), section,
                "membership_disconnection", mdis)


def jc_user_suspended(st, imp, syn, reading, deployment):
    st.jc["account"] = "suspended"
    st.step("jumpcloud", "a JumpCloud admin suspends the user", _IMP + " > UserDisableAction > Suspend Actions on the "
            "Sync Agent")
    section = _IMP + " > UserDisableAction > Suspend Actions on the Sync Agent"
    if st.context["ad_user_exists"]:
        st.ad["account"] = "disabled"
        st.step("sync", "disables the AD user; the JumpCloud user remains suspended", section,
                delay=catalog.POLL_SECONDS["sync"])
    else:
        st.ad["account"] = "created_disabled"
        st.step("sync", "creates the AD user, then disables it; the JumpCloud user remains suspended", section,
                delay=catalog.POLL_SECONDS["sync"])
    if deployment == "two_way":
        # Suspend Scenarios (Sync and Import Agents): the import agent then applies UserDisableAction
        action = _disable_action(imp, reading)
        _import_disable(st, action, catalog.POLL_SECONDS["import"], "AD user disabled by the sync agent")
        if action in ("suspend", "unbind"):
            st.jc["account"] = "suspended"  # the user remains in JumpCloud, still suspended (remove deletes it)
        st.note("Suspend Scenarios (Sync and Import Agents): suspend keeps the user with its associations; remove "
                "deletes it from JumpCloud; unbind removes it from groups and directories but keeps it (%s)."
                % (_IMP + " > UserDisableAction > Suspend Scenarios"))


def jc_user_deleted(st, imp, syn, reading, deployment):
    st.jc.update(account="deleted", adi="unbound")
    st.step("jumpcloud", "a JumpCloud admin deletes the synced user", _SYNC + " > user_disconnection_action")
    _sync_disconnect(st, syn, reading, deployment, "user deleted in JumpCloud")
    if deployment == "two_way":
        st.note("The document's two-way table gives the JumpCloud end state as 'Deleted from JC (or becomes unmanaged)' "
                "for disable and retain (%s > Part 1)." % _TWO)
        st.note("The document does not say whether the import agent then acts on the AD account the sync agent "
                "changed; no further step is assumed.")


def jc_user_disconnected(st, imp, syn, reading, deployment):
    st.jc.update(account="retained", adi="unbound")
    st.step("jumpcloud", "a JumpCloud admin disconnects the user from ADI", _SYNC + " > user_disconnection_action")
    _sync_disconnect(st, syn, reading, deployment, "user disconnected from ADI")
    if deployment == "two_way":
        st.note("The document does not say whether the import agent then acts on the AD account the sync agent "
                "changed; no further step is assumed.")


def jc_group_disconnected(st, imp, syn, reading, deployment):
    st.step("jumpcloud", "a JumpCloud admin disconnects a group from ADI", _SYNC + " > group_disconnection_action")
    action = syn["group_disconnection_action"]
    section = _SYNC + " > group_disconnection_action"
    delay = catalog.POLL_SECONDS["sync"]
    if st.context["group_is_sync_group"]:
        st.ad["group"] = "protected"
        st.step("sync", "does not delete the group: it is the protected sync_group (an error is logged if deletion "
                "was requested)", _SYNC + " > sync_group > Deletion Guard", "group_disconnection_action", action, delay)
    elif action == "remove":
        st.ad["group"] = "deleted"
        st.step("sync", "deletes the security group in AD", section, "group_disconnection_action", action, delay)
    else:
        st.ad["group"] = "retained_unmanaged"
        st.step("sync", "keeps the security group and its memberships in AD, no longer managed", section,
                "group_disconnection_action", action, delay)
    if st.context["user_only_connected_via_group"]:
        st.jc.update(account="retained", adi="unbound")
        _sync_disconnect(st, syn, reading, deployment, "the user's only connection to ADI was this group")
        if st.ad["group"] == "retained_unmanaged" and st.ad["memberships"] == "removed" and st.ad["account"] != "deleted":
            # retain: "The security group remains in AD, and its existing memberships are unchanged"; remove: "The
            # user is removed from all AD security groups that were being managed for them by JumpCloud": for the
            # disconnected group itself the two sentences conflict (moot when the account is deleted: every membership
            # ceases with it)
            st.conflicting(_SYNC + " > group_disconnection_action and membership_disconnection", [
                ("membership_disconnection remove: the user leaves every managed group, the disconnected one too",
                 {}, {}),
                ("group_disconnection_action retain: the disconnected group keeps its memberships, the user's too",
                 {"memberships": "removed_except_disconnected_group"}, {})])
    else:
        st.note("The user keeps another connection to ADI, so user_disconnection_action is not triggered.")


def jc_user_unlocked(st, imp, syn, reading, deployment):
    st.jc["lock"] = "unlocked"
    st.step("jumpcloud", "a JumpCloud admin explicitly unlocks the user", _ONE + " > Sync Unlock Status")
    value = syn["sync_account_locked_out_status"]
    if st.context["ad_account_locked"]:
        st.ad["lock"] = "unlocked"
        st.step("sync", "unlocks the AD account", _ONE + " > Sync Unlock Status", "SyncAccountLockedOutStatus", value,
                catalog.POLL_SECONDS["sync"])
    else:
        st.step("sync", "nothing to unlock: the AD account is not locked", _ONE + " > Sync Unlock Status",
                "SyncAccountLockedOutStatus", value, catalog.POLL_SECONDS["sync"])


def jc_user_updated(st, imp, syn, reading, deployment):
    st.step("jumpcloud", "a JumpCloud admin updates the user's profile (e.g. department, phone)",
            _ONE + " > Sync Unlock Status")
    value = syn["sync_account_locked_out_status"]
    section = _SYNC + " > SyncAccountLockedOutStatus"
    if not st.context["ad_account_locked"]:
        st.step("sync", "syncs the update; the AD account is not locked", section, "SyncAccountLockedOutStatus", value,
                catalog.POLL_SECONDS["sync"])
    elif value:
        st.step("sync", "syncs the update; the AD account remains locked (only an explicit JumpCloud unlock unlocks it)",
                section, "SyncAccountLockedOutStatus", value, catalog.POLL_SECONDS["sync"])
    else:
        st.ad["lock"] = "unlocked"
        st.step("sync", "syncs the update, which unlocks the AD account (traditional behaviour)", section,
                "SyncAccountLockedOutStatus", value, catalog.POLL_SECONDS["sync"])


def jc_password_changed(st, imp, syn, reading, deployment):
    st.step("jumpcloud", "the user's password changes in JumpCloud (admin portal, user portal or a managed device)",
            "Sync Agent Configuration")
    st.ad["password"] = "updated"
    st.step("sync", "writes the new password back to AD", "Sync Agent Configuration",
            delay=catalog.POLL_SECONDS["sync"])


def jc_password_expired(st, imp, syn, reading, deployment):
    st.jc["password"] = "expired"
    st.step("jumpcloud", "the user's JumpCloud password expires", _IMP + " > UserExpireAction > Expire actions on "
            "the Sync Agent")
    st.ad["password"] = "expired"
    st.step("sync", "expires the AD password", _IMP + " > UserExpireAction > Expire actions on the Sync Agent",
            delay=catalog.POLL_SECONDS["sync"])


def jc_group_membership_added(st, imp, syn, reading, deployment):
    st.step("jumpcloud", "the user is added to a JumpCloud group synced to a nested AD group",
            _SYNC + " > group_membership_sync_type")
    value = syn["group_membership_sync_type"]
    section = _SYNC + " > group_membership_sync_type"
    delay = catalog.POLL_SECONDS["sync"]
    if st.context["sync_group_changed_to_child"]:
        st.ad["memberships"] = "leaf_and_parents"
        st.step("sync", "adds the user to the leaf group and its parents: a match sync, whatever "
                "group_membership_sync_type is, because sync_group was changed to a child group",
                _CHILD, "group_membership_sync_type",
                value, delay)
    elif value == "minimal":
        st.ad["memberships"] = "leaf_only"
        st.step("sync", "adds the user to the leaf group only; AD inheritance handles the parents", section,
                "group_membership_sync_type", value, delay)
    else:
        st.ad["memberships"] = "leaf_and_parents"
        st.step("sync", "adds the user to every group of the nested structure (mirroring)", section,
                "group_membership_sync_type", value, delay)


EVENTS: Dict[str, Tuple[str, Callable]] = {
    "ad_user_disabled": ("import", ad_user_disabled),
    "ad_user_enabled": ("import", ad_user_enabled),
    "ad_user_deleted": ("import", ad_user_deleted),
    "ad_user_out_of_scope": ("import", ad_user_out_of_scope),
    "ad_password_expired": ("import", ad_password_expired),
    "ad_account_locked": ("import", ad_account_locked),
    "ad_account_unlocked": ("import", ad_account_unlocked),
    "ad_user_takeover": ("import", ad_user_takeover),
    "jc_user_suspended": ("sync", jc_user_suspended),
    "jc_user_deleted": ("sync", jc_user_deleted),
    "jc_user_disconnected": ("sync", jc_user_disconnected),
    "jc_group_disconnected": ("sync", jc_group_disconnected),
    "jc_user_unlocked": ("sync", jc_user_unlocked),
    "jc_user_updated": ("sync", jc_user_updated),
    "jc_password_changed": ("sync", jc_password_changed),
    "jc_password_expired": ("sync", jc_password_expired),
    "jc_group_membership_added": ("sync", jc_group_membership_added),
}

# What each event's rules read: (import settings, sync settings, context keys). The benchmark
# enumerates exactly these, and a property test checks that nothing else changes an outcome.
_DISABLE = ("user_disable_action", "user_dissociation_action")
_DISCONNECT = ("user_disconnection_action", "membership_disconnection")
INPUTS: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...], Tuple[str, ...]]] = {
    "ad_user_disabled": (_DISABLE, (), ("jc_user_exists", "owned_by_agent", "in_integration_group")),
    "ad_user_enabled": (_DISABLE, (), ("jc_user_exists",)),
    "ad_user_deleted": (("user_dissociation_action",), (), ("jc_user_exists",)),
    "ad_user_out_of_scope": (("user_dissociation_action",), (), ("jc_user_exists",)),
    "ad_password_expired": (("user_expire_action",), (), ("jc_user_exists", "owned_by_agent")),
    "ad_account_locked": (("sync_account_locked_out_status",), ("sync_account_locked_out_status",),
                          ("jc_user_exists",)),
    "ad_account_unlocked": (("sync_account_locked_out_status",), (), ("jc_user_exists",)),
    "ad_user_takeover": (("user_takeover_action",), (), ()),
    "jc_user_suspended": (_DISABLE, (), ("ad_user_exists", "jc_user_exists", "owned_by_agent")),
    "jc_user_deleted": ((), _DISCONNECT, ("ad_user_exists", "sync_group_changed_to_child")),
    "jc_user_disconnected": ((), _DISCONNECT, ("ad_user_exists", "sync_group_changed_to_child")),
    "jc_group_disconnected": ((), _DISCONNECT + ("group_disconnection_action",),
                              ("ad_user_exists", "sync_group_changed_to_child", "group_is_sync_group",
                               "user_only_connected_via_group")),
    "jc_user_unlocked": ((), ("sync_account_locked_out_status",), ("ad_account_locked",)),
    "jc_user_updated": ((), ("sync_account_locked_out_status",), ("ad_account_locked",)),
    "jc_password_changed": ((), (), ()),
    "jc_password_expired": ((), (), ()),
    "jc_group_membership_added": ((), ("group_membership_sync_type",), ("sync_group_changed_to_child",)),
}


def events_of(deployment: str) -> List[str]:
    return [e for e, (agent, _fn) in EVENTS.items() if agent in catalog.DEPLOYMENT_AGENTS[deployment]]


def _context(event: str, context: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    context = dict(context or {})
    unknown = sorted(set(context) - set(CONTEXT_DEFAULTS))
    if unknown:
        raise EngineError("unknown context key(s) %s; allowed: %s" % (", ".join(map(str, unknown)), ", ".join(CONTEXT_DEFAULTS)))
    for k, v in context.items():
        if not isinstance(v, bool):
            raise EngineError("context %s must be true or false, got %s" % (k, describe(v)))
    out = dict(CONTEXT_DEFAULTS)
    out["ad_account_locked"] = event in ("jc_user_unlocked", "jc_user_updated")
    out.update(context)
    return out


class Engine:
    """Settings resolved once; predictions for any event and context."""

    def __init__(self, import_settings, sync_settings, deployment: str) -> None:
        try:
            self.deployment = check_deployment(deployment)
        except SettingsError as exc:
            raise EngineError(str(exc)) from exc
        self.imp, self.imp_readings = _resolve("import", import_settings, deployment)
        self.syn, self.syn_readings = _resolve("sync", sync_settings, deployment)

    def predict(self, event: str, context: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        if event not in EVENTS:
            raise EngineError("unknown event %s; allowed: %s" % (describe(event), ", ".join(EVENTS)))
        agent, rule = EVENTS[event]
        ctx = _context(event, context)
        result: Dict[str, Any] = {
            "event": event, "deployment": self.deployment, "applicable": True, "context": ctx,
            "ambiguous": False, "alternatives": [],
        }
        if agent not in catalog.DEPLOYMENT_AGENTS[self.deployment]:
            st = State(ctx)
            st.note("The %s does not run in a %s deployment: this event triggers nothing."
                    % (catalog.AGENT_TITLES[agent], self.deployment))
            result.update(applicable=False, ad=st.ad, jc=st.jc, trace=[], notes=st.notes)
            return result
        # evaluate the contradicting readings of the settings this event reads (and no others)
        imp_in, syn_in, _ctx_in = INPUTS[event]
        imp_r = self.imp_readings if "user_disable_action" in imp_in else []
        syn_r = self.syn_readings if set(_DISCONNECT) & set(syn_in) else []
        runs = []
        for ir, sr in itertools.product(imp_r or [None], syn_r or [None]):
            reading: Dict[str, Any] = {}
            labels = []
            for r in (ir, sr):
                if r is not None:
                    reading.update(r["values"])
                    labels.append(r)
            st = State(ctx)
            rule(st, self.imp, self.syn, reading, self.deployment)
            if not st.conflict:
                runs.append((labels, st))
            for c in st.conflict:  # the rule met two sentences of the document that conflict: one run per reading
                forked = State(ctx)
                forked.ad, forked.jc, forked.trace, forked.notes = c["ad"], c["jc"], st.trace, st.notes
                runs.append((labels + [c], forked))
        first = runs[0][1]
        result.update(ad=first.ad, jc=first.jc, trace=first.trace, notes=first.notes)
        outcomes = {(tuple(sorted(st.ad.items())), tuple(sorted(st.jc.items()))) for _l, st in runs}
        if len(outcomes) > 1:
            result["ambiguous"] = True
            result["alternatives"] = [{
                "reading": "; ".join(r["label"] for r in labels),
                "settings": {k: v for r in labels for k, v in r["values"].items()},
                "sections": [r["section"] for r in labels],
                "ad": st.ad, "jc": st.jc, "trace": st.trace,
            } for labels, st in runs]
            result["notes"] = ["The vendor document contradicts itself here; the outcome shown is reading 1 of %d "
                               "(see alternatives), not a choice." % len(runs)] + first.notes
        return result


def outcomes(events=None, import_settings=None, sync_settings=None, deployment: str = "two_way", context=None,
             baseline_import_settings=None, baseline_sync_settings=None) -> List[Dict[str, Any]]:
    """The lookup's contract (docs/design.md, "From settings to a predicted outcome"): one result per event (every event of the deployment when none)."""
    engine = Engine(import_settings, sync_settings, deployment)
    names = list(events) if events else events_of(deployment)
    baseline = None
    if baseline_import_settings is not None or baseline_sync_settings is not None:
        baseline = Engine(baseline_import_settings if baseline_import_settings is not None else import_settings,
                          baseline_sync_settings if baseline_sync_settings is not None else sync_settings, deployment)
    out = []
    for event in names:
        r = engine.predict(event, context)
        if baseline is not None:
            b = baseline.predict(event, context)
            r["baseline"] = brief(b)
            r["changed"] = not same_outcome(r, b)
        out.append(r)
    return out


def brief(r: Dict[str, Any]) -> Dict[str, Any]:
    """The end states of a result: ad, jc, ambiguous, and each alternative reading's ad and jc (no traces)."""
    return {"ad": r["ad"], "jc": r["jc"], "ambiguous": r["ambiguous"],
            "alternatives": [{"reading": a["reading"], "ad": a["ad"], "jc": a["jc"]} for a in r["alternatives"]]}


def same_outcome(a: Dict[str, Any], b: Dict[str, Any]) -> bool:
    """Whether two results predict the same end states (every reading included)."""
    return _signature(a) == _signature(b)


def _signature(r: Dict[str, Any]):
    alts = tuple((tuple(sorted(a["ad"].items())), tuple(sorted(a["jc"].items()))) for a in r["alternatives"])
    return tuple(sorted(r["ad"].items())), tuple(sorted(r["jc"].items())), r["ambiguous"], alts


def differences(result: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Field by field, what a result changes compared with its baseline."""
    out = []
    for side in ("ad", "jc"):
        for k, v in result[side].items():
            before = result["baseline"][side][k]
            if before != v:
                out.append({"field": "%s.%s" % (side, k), "before": before, "after": v})
    if result["baseline"]["ambiguous"] != result["ambiguous"]:
        out.append({"field": "ambiguous", "before": result["baseline"]["ambiguous"], "after": result["ambiguous"]})
    return out
