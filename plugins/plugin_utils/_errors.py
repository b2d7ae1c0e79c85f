# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's errors: each layer raises its own; the action plugins turn them into a failed task.

PRIVATE to this collection. Pure Python: no Ansible objects. Every other module of plugin_utils may import this one.
"""

from __future__ import annotations


class SettingsError(ValueError):
    """Bad input to the settings layer (not a dict, unknown agent or deployment)."""


class DocumentError(ValueError):
    """The file cannot be read or edited safely; nothing is written."""


class EngineError(SettingsError):
    """Bad input to the engine: unknown event, setting, value, deployment or context key."""


class TaskFailed(Exception):
    """A task fails with this message; ``extra`` goes into the failed result (only what is ours to show)."""

    def __init__(self, msg: str, **extra) -> None:
        super().__init__(msg)
        self.extra = extra
