# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only callback: each host's failed tasks (not ignored) and the recap, as JSON in $ADI_WINEMU_RESULTS."""

from __future__ import annotations

DOCUMENTATION = """
name: winemu_results
type: aggregate
short_description: Failed tasks and recap as JSON, for the jumpcloud.adi emulator tests only
description:
  - Writes the file named by the environment variable C(ADI_WINEMU_RESULTS) at the end of the play.
author: jumpcloud.adi contributors (@jumpcloud-adi)
options: {}
"""

import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "winemu_results"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.failures = {}
        self._items = {}

    def v2_runner_on_failed(self, result, ignore_errors=False):
        if not ignore_errors:
            self.failures.setdefault(result._host.get_name(), []).append(
                {"task": result._task.get_name(), "msg": self._msg(result)})

    def v2_runner_item_on_failed(self, result):
        # ansible-core 2.21 gives the loop's final result without its items: keep each failed item's message here
        self._items.setdefault((result._host.get_name(), result._task._uuid), []).append(
            str(result._result.get("msg", "")))

    def _msg(self, result):
        """The task's message; a loop's ("One or more items failed") followed by its failed items' messages."""
        res = result._result
        items = [str(r.get("msg", "")) for r in res.get("results", []) if isinstance(r, dict) and r.get("failed")]
        items = items or self._items.get((result._host.get_name(), result._task._uuid), [])
        return ": ".join([str(res.get("msg", ""))] + (["; ".join(items)] if items else []))

    def v2_playbook_on_stats(self, stats):
        recap = {h: stats.summarize(h) for h in sorted(stats.processed)}
        with open(os.environ["ADI_WINEMU_RESULTS"], "w", encoding="utf-8") as f:
            json.dump({"failures": self.failures, "recap": recap}, f, indent=1)
