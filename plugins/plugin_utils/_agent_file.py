# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One agent's configuration file: its settings as found, and idempotent, surgical changes to them.

PRIVATE to this collection. Pure Python: no Ansible objects.
"""

from __future__ import annotations

import copy
import json
import ntpath
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import DocumentError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._document import Document, Member, Node, article
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import (
    ParsedSettings, parse_settings, same_value, shown,
)
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._effective import effective
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._lint import lint


@dataclass
class Plan:
    """What applying a set of settings to a file does."""

    before: "AgentFile"
    after: "AgentFile"
    changes: List[Dict[str, Any]] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before.doc.raw != self.after.doc.raw


class AgentFile:
    """An agent's file, parsed, with its settings section located."""

    def __init__(self, agent: str, raw: bytes, path: str) -> None:
        self.agent = agent
        self.path = path
        self.doc = Document(raw, path)
        if self.doc.root.kind != "object":
            raise DocumentError("%s: the top level is a JSON %s; an agent configuration file holds an object"
                                % (path, "array" if self.doc.root.kind == "array" else "value"))
        self.section = self._section()
        self._refuse_other_agent()
        self._refuse_duplicates()
        # the section's data, parsed once (lint, effective values and the parsed settings all start from it)
        self.section_data = self.doc.value_of(self.section) if self.section is not None else {}
        self.parsed: ParsedSettings = parse_settings(agent, self.section_data, file=True)

    def _section(self) -> Optional[Node]:
        node = self.doc.root
        for name in catalog.SECTIONS[self.agent]:
            hits = [m for m in node.members if catalog.fold(m.key) == catalog.fold(name)]
            if len(hits) > 1:
                raise DocumentError("%s holds %s twice (%s); keep one" % (
                    self.path, name, " and ".join('"%s" at line %d' % (m.key, self.doc.line_of(m.key_start))
                                                  for m in hits)))
            if not hits:
                return None
            if hits[0].value.kind != "object":
                raise DocumentError("%s: %s must be a JSON object, found %s at line %d" % (
                    self.path, name, article(hits[0].value.kind), self.doc.line_of(hits[0].value)))
            node = hits[0].value
        return node

    def _refuse_other_agent(self) -> None:
        """A file that holds the other agent's settings is the wrong file: refuse it before anything else."""
        other = "sync" if self.agent == "import" else "import"
        if self.agent == "sync":
            hits = [m for m in self.doc.root.members if catalog.fold(m.key) in (catalog.fold(n) for n in catalog.SECTIONS["import"])]
        else:
            own = {catalog.fold(k) for s in catalog.settings_of("import") for k in s.all_keys}
            hits = [m for m in self.doc.root.members
                    if catalog.find("sync", m.key) is not None and m.key in catalog.find("sync", m.key).all_keys
                    and catalog.fold(m.key) not in own]
        if hits:
            raise DocumentError(
                "%s holds %s at line %d, which belongs in the %s's file (%s), not the %s's (%s): is the path right?"
                % (self.path, hits[0].key, self.doc.line_of(hits[0].key_start), catalog.AGENT_TITLES[other],
                   ntpath.basename(catalog.DEFAULT_PATHS[other]), catalog.AGENT_TITLES[self.agent],
                   ntpath.basename(catalog.DEFAULT_PATHS[self.agent])))

    def _refuse_duplicates(self) -> None:
        """Two spellings of one setting (any case, any alias, at any depth the catalog reads) are an error."""
        if self.section is None:
            return
        problems: List[str] = []

        def check(obj: Node, identity: Callable[[str], Optional[str]]) -> Dict[str, List[Member]]:
            groups: Dict[str, List[Member]] = defaultdict(list)
            for m in obj.members:
                ident = identity(m.key)
                if ident is not None:
                    groups[ident].append(m)
            for ident, members in groups.items():
                if len(members) > 1:
                    problems.append("%s (%s)" % (ident, " and ".join(
                        "%s at line %d" % (json.dumps(m.key, ensure_ascii=False), self.doc.line_of(m.key_start))
                        for m in members)))
            return groups

        def setting_of(key: str) -> Optional[str]:
            s = catalog.find_key(self.agent, key)
            if s is not None:
                return s.json_path
            parents = {".".join(catalog.SECTIONS[self.agent] + x.parent[:1]) for x in catalog.settings_of(self.agent)
                       if x.parent and catalog.fold(x.parent[0]) == catalog.fold(key)}
            return parents.pop() if parents else None

        for ident, members in check(self.section, setting_of).items():
            for m in members:
                if m.value.kind != "object":
                    continue
                s = catalog.find_key(self.agent, m.key)
                if s is None:  # a parent object: its members are settings
                    check(m.value, setting_of)
                elif s.object_member:
                    member = s.object_member
                    check(m.value, lambda key, s=s, member=member: (
                        s.json_path + "." + member if catalog.fold(key) == catalog.fold(member) else None))
        if problems:
            raise DocumentError("%s holds one setting more than once: %s; keep one spelling"
                                % (self.path, "; ".join(problems)))

    # ----------------------------------------------------------- queries
    def settings(self) -> Dict[str, Any]:
        """Catalog settings found in the file, by module option name (values as written; an invalid one described)."""
        return {name: shown(f.setting, f.value) for name, f in self.parsed.found.items()}

    def masked_text(self) -> str:
        """The file's text with only the catalog settings' values shown (an invalid one described)."""
        keep: Dict[int, Optional[str]] = {}
        for name, f in self.parsed.found.items():
            node = self.value_node(name)
            if node is None:
                continue
            value = shown(f.setting, f.value)
            same = type(value) is type(f.value) and value == f.value
            keep[node.start] = None if same else json.dumps(value, ensure_ascii=False)
        return self.doc.masked_text(keep)

    def value_node(self, name: str) -> Optional[Node]:
        """Where the value of a found setting sits in the text."""
        f = self.parsed.found.get(name)
        if f is None or self.section is None:
            return None
        node = self.section
        for part in f.path.split(".")[:-1] if f.setting.parent else []:
            node = self.doc.member(node, part).value
        member = self.doc.member(node, f.key)
        if f.shape == "object":
            return self.doc.member(member.value, f.setting.object_member).value
        return member.value

    def findings(self, deployment: str = "two_way") -> List[Dict[str, Any]]:
        """Lint findings, each error and warning placed in the file (path, line)."""
        # copies: the messages get the file's line, the parsed settings' own findings stay as they are
        out = [dict(f) for f in lint(self.agent, self.parsed, deployment, file=True)]
        for f in out:
            s = catalog.find(self.agent, f["setting"]) if f.get("setting") else None
            node = self.value_node(s.name) if s is not None else None
            if node is not None:
                f["line"] = self.doc.line_of(node)
                f["message"] = "%s (%s, line %d)" % (f["message"], self.path, f["line"])
        if self.section is None and self.agent == "import":
            out.insert(0, {"severity": "warning", "code": "missing_section", "setting": None, "agent": self.agent,
                           "message": "%s has no MainLoop section: the import agent uses its defaults" % self.path})
        return out

    def effective(self, deployment: str = "two_way") -> Dict[str, Dict[str, Any]]:
        eff = effective(self.agent, self.parsed, deployment, file=True)
        return {v["setting"]: v for v in eff.values()}

    # ----------------------------------------------------------- changes
    def plan(self, desired: Dict[str, Any], unset: List[str]) -> Plan:
        """Apply ``desired`` (option name -> value) and remove ``unset`` settings; returns the plan.

        Values equal but for case are left as written. New keys take the documented name (and,
        for UserFieldMapping, the object shape); existing keys keep the file's spelling and shape.
        """
        by = catalog.by_name(self.agent)
        current = self
        changes = []
        warnings = []
        for name in sorted(desired, key=lambda n: list(by).index(n)):
            s = by[name]
            value = catalog.canonical_choice(s, desired[name])
            f = current.parsed.found.get(name)
            if f is not None and same_value(s, f.value, value):
                continue
            before = shown(s, f.value) if f is not None else None
            current = current._derive(current._set(s, value))
            changes.append({"setting": name, "key": s.json_path, "before": before, "after": shown(s, value)})
            if s.name == "user_field_mapping":
                warnings.append("UserFieldMapping changes from %s to %s: the usernames of imported JumpCloud "
                                "users change with it" % (before if before is not None else "absent", value))
        for name in unset:
            s = by[name]
            f = current.parsed.found.get(name)
            if f is None:
                continue
            current = current._derive(current._unset(s))
            changes.append({"setting": name, "key": s.json_path, "before": shown(s, f.value), "after": None})
        plan = Plan(self, current, changes, warnings)
        if plan.changed:
            _verify(plan, desired, unset)
        if bool(changes) != plan.changed:
            raise DocumentError("internal error: the edit of %s %s; nothing was written" % (
                self.path, "lists changes but leaves the file as it was" if changes else "changes bytes no setting names"))
        return plan

    def _derive(self, text: str) -> "AgentFile":
        return AgentFile(self.agent, self.doc.render(text), self.path)

    def _set(self, s: catalog.Setting, value: Any) -> str:
        doc = self.doc
        f = self.parsed.found.get(s.name)
        if f is not None:
            return doc.replace(self.value_node(s.name), value)
        if self.section is None:
            # a missing section is created, holding the new setting
            return doc.insert(doc.root, catalog.SECTIONS[self.agent][0], _wrap(s, value))
        holder = self.section
        for depth, part in enumerate(s.parent):
            m = doc.member(holder, part)
            if m is None:
                return doc.insert(holder, part, _wrap(s, value, depth + 1))
            if m.value.kind != "object":
                raise DocumentError("%s: %s must be a JSON object (line %d)" % (self.path, part, doc.line_of(m.value)))
            holder = m.value
        if s.object_member:
            # the object shape may be there without its member (only members we do not know): add the member
            present = [m for m in holder.members if catalog.fold(m.key) in {catalog.fold(k) for k in s.all_keys}]
            if present and present[0].value.kind == "object":
                return doc.insert(present[0].value, s.object_member, value)
            return doc.insert(holder, s.key, {s.object_member: value})
        return doc.insert(holder, s.key, value)

    def _unset(self, s: catalog.Setting) -> str:
        """Remove the setting; in the object shape only its member, so members we do not know stay."""
        doc = self.doc
        f = self.parsed.found[s.name]
        chain = [self.section]
        for part in s.parent:
            chain.append(doc.member(chain[-1], part).value)
        key = f.key
        if f.shape == "object":
            chain.append(doc.member(chain[-1], f.key).value)
            key = doc.member(chain[-1], s.object_member).key
        holder = chain[-1]
        index = [m.key for m in holder.members].index(key)
        # remove an enclosing object that would be left empty
        while len(holder.members) == 1 and len(chain) > 1:
            chain.pop()
            parent = chain[-1]
            index = [m.value.start for m in parent.members].index(holder.start)
            holder = parent
        return doc.remove(holder, index)


def _wrap(s: catalog.Setting, value: Any, depth: int = 0) -> Any:
    """The value to insert for a key that is absent, nested as the catalog says."""
    inner = {s.key: {s.object_member: value} if s.object_member else value}
    for part in reversed(s.parent[depth:]):
        inner = {part: inner}
    return inner


def _verify(plan: Plan, desired: Dict[str, Any], unset: List[str]) -> None:
    """The new text parses and holds exactly the intended settings; the rest of the data is unchanged."""
    after = plan.after
    found = {name: f.value for name, f in after.parsed.found.items()}
    for name, value in desired.items():
        if name not in found or not same_value(catalog.by_name(after.agent)[name], found[name], value):
            raise DocumentError("internal error: %s would not hold the new value of %s after the edit; nothing was "
                                "written" % (after.path, name))
    for name in unset:
        if name in found:
            raise DocumentError("internal error: %s would still hold %s after the edit; nothing was written"
                                % (after.path, name))
    if _strip(plan.before, desired, unset) != _strip(after, desired, unset):
        raise DocumentError("internal error: the edit of %s would change more than the settings; nothing was "
                            "written" % after.path)


def _strip(f: AgentFile, desired, unset) -> Any:
    """The file's data without the settings being changed (and without sections that only held them)."""
    data = copy.deepcopy(f.doc.data)
    holder = data
    for name in catalog.SECTIONS[f.agent]:
        holder = next((v for k, v in holder.items() if catalog.fold(k) == catalog.fold(name)), None)
        if holder is None:
            return _drop_empty(data)
    names = set(desired) | set(unset)
    for name in names:
        s = catalog.by_name(f.agent)[name]
        node = holder
        for part in s.parent:
            node = next((v for k, v in node.items() if catalog.fold(k) == catalog.fold(part)), {})
        keys = {catalog.fold(x) for x in s.all_keys}
        for k in [k for k in node if catalog.fold(k) in keys]:
            if s.object_member and isinstance(node[k], dict):
                # the object shape: only its member is the setting; what else it holds must stay as it was
                for m in [m for m in node[k] if catalog.fold(m) == catalog.fold(s.object_member)]:
                    del node[k][m]
            else:
                del node[k]
    return _drop_empty(data)


def _drop_empty(value):
    """The data without objects that are (or become) empty; each value is visited once."""
    if not isinstance(value, dict):
        return value
    out = {}
    for k, v in value.items():
        v = _drop_empty(v)
        if not (isinstance(v, dict) and not v):
            out[k] = v
    return out
