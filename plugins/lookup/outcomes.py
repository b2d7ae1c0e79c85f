# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lookup adapter for the outcome engine (plugins/plugin_utils/_outcomes.py)."""

from __future__ import annotations

DOCUMENTATION = r"""
name: outcomes
author:
  - jumpcloud.adi contributors (@jumpcloud-adi)
version_added: 0.1.0
short_description: Predict what happens in AD and JumpCloud when a user is disabled, deleted, disconnected or locked out
description:
  - For each event, the predicted end state of the AD user and group and of the JumpCloud user, given the settings
    of the AD Import and AD Sync agents, and a step-by-step trace of which agent acted, on which setting and value,
    and when (the import agent polls about every 90 s, the sync agent about every 5 s).
  - Rules come from the vendor document I(Advanced Configurations for Active Directory Integration), section by
    section; see C(docs/outcomes.md) for the tables it re-derives.
  - In a V(two_way) deployment one agent's action that the document says triggers the other agent is followed (for
    example JumpCloud suspend, then AD disabled, then the import agent applies C(UserDisableAction)). A step the
    document does not state is not invented; a note says so.
  - Where the vendor document contradicts itself the result has RV(_raw[].ambiguous=true) and one alternative per
    reading; the engine never picks silently.
  - With baseline settings, each result says whether the outcome changed, and shows the baseline outcome. This is
    the change review of a settings change.
options:
  _terms:
    description:
      - Events to predict. None means every event of the deployment.
      - AD side (import agent) V(ad_user_disabled), V(ad_user_enabled), V(ad_user_deleted), V(ad_user_out_of_scope),
        V(ad_password_expired), V(ad_account_locked), V(ad_account_unlocked), V(ad_user_takeover).
      - JumpCloud side (sync agent) V(jc_user_suspended), V(jc_user_deleted), V(jc_user_disconnected),
        V(jc_group_disconnected), V(jc_user_unlocked), V(jc_user_updated), V(jc_password_changed),
        V(jc_password_expired), V(jc_group_membership_added).
    type: list
    elements: str
    required: false
  import_settings:
    description:
      - The AD Import agent's C(MainLoop) settings (agent keys in any case or spelling, or module option names).
      - A missing key means the key is absent from the file.
    type: dict
    default: {}
  sync_settings:
    description: The AD Sync agent's settings, as for O(import_settings).
    type: dict
    default: {}
  context:
    description:
      - Facts about the user before the event. V(jc_user_exists) (default true), V(owned_by_agent) (true),
        V(ad_user_exists) (true), V(ad_account_locked) (true for jc_user_unlocked and jc_user_updated, else false),
        V(group_is_sync_group) (false), V(user_only_connected_via_group) (true), V(sync_group_changed_to_child)
        (false).
    type: dict
    default: {}
  baseline_import_settings:
    description: The import agent's settings before the change (default, the same as O(import_settings)).
    type: dict
  baseline_sync_settings:
    description: The sync agent's settings before the change (default, the same as O(sync_settings)).
    type: dict
extends_documentation_fragment:
  - jumpcloud.adi.settings.deployment
seealso:
  - plugin: jumpcloud.adi.lint_settings
    plugin_type: filter
"""

EXAMPLES = r"""
- name: What happens in AD when a JumpCloud user is deleted, with this sync agent file?
  ansible.builtin.debug:
    msg: "{{ lookup('jumpcloud.adi.outcomes', 'jc_user_deleted', deployment='sync_only',
             sync_settings={'user_disconnection_action': 'remove', 'membership_disconnection': 'retain'}) }}"

- name: Change review - which outcomes would this change alter?
  ansible.builtin.debug:
    msg: "{{ query('jumpcloud.adi.outcomes', import_settings={'UserDisableAction': 'remove'},
             baseline_import_settings={'UserDisableAction': 'suspend'}) | selectattr('changed') | list }}"
"""

RETURN = r"""
_raw:
  description: One result per event.
  type: list
  elements: dict
  contains:
    event:
      description: The event.
      type: str
    deployment:
      description: The deployment.
      type: str
    applicable:
      description: False when the event's agent does not run in the deployment (nothing happens).
      type: bool
    ad:
      description:
        - End state in AD. C(account) is V(active), V(disabled), V(deleted), V(created_disabled) or V(unchanged).
          C(lock) is V(locked), V(unlocked) or V(unchanged). C(memberships) is V(removed), V(retained), V(ceased),
          V(leaf_only), V(leaf_and_parents) or V(unchanged). C(group) is V(deleted), V(retained_unmanaged),
          V(protected) or V(unchanged). C(password) is V(updated), V(expired) or V(unchanged).
      type: dict
    jc:
      description:
        - End state in JumpCloud. C(account) is V(active), V(suspended), V(deleted), V(retained), V(created),
          V(created_suspended), V(not_created) or V(unchanged). C(adi) is V(bound), V(unbound) or V(unchanged).
          C(password) is V(expired), V(pending), V(reset_required) or V(unchanged). C(lock) is V(locked),
          V(unlocked) or V(unchanged). C(external_fields) is V(cleared) or V(unchanged).
          C(external_password_expiration_date) is V(set), V(cleared) or V(unchanged). C(groups) is V(removed) or
          V(unchanged).
      type: dict
    trace:
      description: Each step (agent, setting, value, action, vendor section, after_seconds).
      type: list
      elements: dict
    notes:
      description: Where the document is silent or hedges.
      type: list
      elements: str
    ambiguous:
      description: Whether the vendor document allows more than one outcome.
      type: bool
    alternatives:
      description: One entry per reading (reading, settings, sections, ad, jc, trace) when ambiguous.
      type: list
      elements: dict
    context:
      description: The context used, defaults filled in.
      type: dict
    changed:
      description: With a baseline, whether the outcome differs from the baseline's.
      type: bool
    baseline:
      description: With a baseline, the baseline's C(ad), C(jc) and C(ambiguous).
      type: dict
"""

from ansible.errors import AnsibleError, AnsibleLookupError
from ansible.plugins.lookup import LookupBase

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._outcomes import outcomes


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        try:
            self.set_options(var_options=variables, direct=kwargs)
        except AnsibleError as exc:
            raise AnsibleLookupError("jumpcloud.adi.outcomes: %s (deployment is one of %s)" % (
                exc.message, ", ".join(catalog.DEPLOYMENTS))) from exc
        try:
            return outcomes(
                events=[str(t) for t in terms] if terms else None,
                import_settings=self.get_option("import_settings"),
                sync_settings=self.get_option("sync_settings"),
                deployment=self.get_option("deployment"),
                context=self.get_option("context"),
                baseline_import_settings=self.get_option("baseline_import_settings"),
                baseline_sync_settings=self.get_option("baseline_sync_settings"),
            )
        except SettingsError as exc:
            raise AnsibleLookupError("jumpcloud.adi.outcomes: %s" % exc) from exc
