#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# This is a documentation stub: the module is implemented by the action plugin of the same name.

DOCUMENTATION = r"""
---
module: fleet_report
short_description: Build a fleet's drift report or change review once and write it, on the controller
version_added: 1.1.0
author:
  - jumpcloud.adi contributors (@jumpcloud-adi)
description:
  - Builds the drift report (as the P(jumpcloud.adi.drift_report#filter) filter does) or the change review (as
    P(jumpcloud.adi.review_report#filter) does) once, in Python on the controller, and writes each of its files once
    (JSON, Markdown, HTML; P(jumpcloud.adi.render_report#filter) renders the same text). The roles
    C(jumpcloud.adi.drift_report) and C(jumpcloud.adi.review) run it once per play (C(run_once)), and the
    C(jumpcloud.adi.merge_reports) playbook runs it to merge partial reports.
  - "From a play's hosts (O(results_var)): every host of the play, with the M(jumpcloud.adi.host_transaction) result it
    registered; this run's partial report is written beside the report and handed on as a workflow artifact."
  - "From partial reports (O(partial_files), O(partials)): checked and joined as the P(jumpcloud.adi.merge_reports#filter)
    filter does (one kind, deployment and baseline or change; each host in one partial only), then written: the same
    report as one run over all their hosts. Nothing is written when a partial is refused."
  - Each file is written whole (a temporary file renamed over it), mode C(0644), in check mode too, and left alone
    when it already holds the same bytes (the task is then not changed); the folder is made (C(0755)) when missing.
  - All the files or none. Every file is first written beside its place, then renamed over it; when a rename fails
    (a file made immutable, a folder in the way), the files already renamed are put back, so the folder never holds
    one format of this run beside another of the last. The error names the file and says that nothing was written.
    The report's totals are recorded for the play recap (as M(ansible.builtin.set_stats)).
  - The result holds the report's fields (as the report filters return them); at C(-v) it is not printed.
extends_documentation_fragment:
  - jumpcloud.adi.settings.deployment
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - jumpcloud.adi.attributes.action
attributes:
  check_mode:
    support: none
    details: The report is written in check mode too (it describes the run; nothing is changed on a host).
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
    details: Runs on the controller only; no module is sent to a host.
options:
  kind:
    description:
    - 'The report built from this play''s hosts: V(drift) (the hosts'' O(results_var) are M(jumpcloud.adi.host_transaction)
      results of mode V(drift)) or V(review) (mode V(review) or V(rollout)).'
    - Required with O(results_var); not with O(partial_files) or O(partials) (the partials say their kind).
    type: str
    choices:
    - drift
    - review
  results_var:
    description:
    - The name under which every host of the play registered its M(jumpcloud.adi.host_transaction) result. The report
      covers every host of the play (C(ansible_play_hosts_all)); a host that has no such result (it failed or was unreachable
      before) is reported as such.
    type: str
  baseline:
    description:
    - 'V(drift): the baseline, C({import: {...}, sync: {...}}) settings by option name. A setting whose value is null
      is left open (not compared).'
    type: dict
    default: {}
  change:
    description:
    - 'V(review): the change reviewed (C(import_settings), C(sync_settings), C(import_unset), C(sync_unset)), kept in
      the partial review so that partials of different changes are never merged.'
    type: dict
    default: {}
  title:
    description:
    - 'The report''s title. Default: V(JumpCloud ADI drift report) or V(JumpCloud ADI change review); merged partials
      keep theirs.'
    type: str
  partial_files:
    description:
    - 'Merge: paths of C(drift.partial.json) or C(review.partial.json) files (relative to O(base_dir)).'
    type: list
    default: []
    elements: path
  partials:
    description:
    - 'Merge: partial reports as values (the C(adi_partial_drift_*) and C(adi_partial_review_*) artifacts an AWX workflow
      hands on), after those of O(partial_files).'
    type: list
    default: []
    elements: raw
  partial_names:
    description:
    - How errors name each of O(partials) (the artifact's variable); files are named by their path.
    type: list
    default: []
    elements: str
  base_dir:
    description:
    - 'The folder relative paths of O(output_dir) and O(partial_files) are taken from. Empty: the controller''s current
      folder.'
    type: path
    default: ''
  output_dir:
    description:
    - The folder the report files are written to, on the controller (made when missing).
    type: path
    required: true
  formats:
    description:
    - 'The report''s formats: C(<kind>.json), C(<kind>.md), C(<kind>.html).'
    type: list
    default:
    - json
    - markdown
    - html
    choices:
    - json
    - markdown
    - html
    elements: str
  brief:
    description:
    - 'The result holds only the report''s C(kind), C(title), C(summary), C(stats) and its lists of host names (C(drifted_hosts),
      C(unreadable_hosts), C(hosts_without_agent); C(changing_hosts), C(failed_hosts)), not each host''s entry: for thousands
      of hosts, where carrying the whole report through the task result costs more than building it. The files are the
      same.'
    type: bool
    default: false
  fail_on_drift:
    description:
    - The CI gate of a drift report. The result's C(fail_hosts) lists the hosts that drift from the baseline or whose file
      cannot be read. Converted as every boolean option is (V(true), V(yes), V(on), V(1), V(t), V(y) are true), so that the
      gate means what the roles' argument specs accepted. No effect on a review.
    type: bool
    default: false
  fail_on_risk:
    description:
    - The CI gate of a review. The result's C(fail_hosts) lists the hosts with a risk tag and those that could not be reviewed.
      Converted as O(fail_on_drift) is. No effect on a drift report.
    type: bool
    default: false
  write_partial:
    description:
    - 'With O(results_var): also write C(<kind>.partial.json) (what M(jumpcloud.adi.fleet_report) merges: the hosts''
      results, the baseline or change, the deployment and the title) and hand it on as the workflow artifact C(adi_partial_<kind>_<first
      host>) (C(set_stats), as the roles did before).'
    type: bool
    default: true
"""

EXAMPLES = r"""
- name: Review a change on every host (one task per host)
  jumpcloud.adi.host_transaction:
    mode: review
    import_settings: {user_disable_action: remove}
  check_mode: true
  register: review_host

- name: Write the review once, on the controller
  jumpcloud.adi.fleet_report:
    kind: review
    results_var: review_host
    output_dir: /srv/adi-reports
  run_once: true
  register: review_report

- name: Merge the partial drift reports of three sliced runs
  jumpcloud.adi.fleet_report:
    partial_files:
      - slice1/drift.partial.json
      - slice2/drift.partial.json
      - slice3/drift.partial.json
    output_dir: merged
"""

RETURN = r"""
kind:
  description: V(drift) or V(review).
  returned: success
  type: str
summary:
  description: The report's one-line summary.
  returned: success
  type: str
  sample: "Drift: 1 of 9 hosts, 1 settings"
hosts:
  description: Each host's entry, as the report filters return it.
  returned: success
  type: dict
stats:
  description: The report's totals (also recorded for the play recap).
  returned: success
  type: dict
drifted_hosts:
  description: V(drift) only, the hosts that drift from the baseline or their peers.
  returned: when kind is drift
  type: list
  elements: str
unreadable_hosts:
  description: V(drift) only, the hosts whose files could not be read.
  returned: when kind is drift
  type: list
  elements: str
failed_hosts:
  description: V(review) only, the hosts that could not be reviewed.
  returned: when kind is review
  type: list
  elements: str
fail_hosts:
  description:
    - The hosts the CI gate of the report's kind fails, sorted. V(drift) with O(fail_on_drift) the drifted and unreadable
      hosts; V(review) with O(fail_on_risk) the hosts with a risk tag and those that could not be reviewed. Otherwise
      empty.
  returned: success
  type: list
  elements: str
  sample: [dc03]
"""
