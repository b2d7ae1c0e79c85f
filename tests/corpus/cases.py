# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bad-input corpus: bad files and bad module options, each with the error it must produce.

Built fresh into a folder for every run (the files are generated, so odd encodings, a 10 MB file
and CRLF need not live in git). Every setting's wrong type and every invalid choice comes from
the catalog, not typed here.
"""

from __future__ import annotations

import json
import os

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog

MATERIAL = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration", "targets",
                        "setup_lab", "files")
SECRETS = ("jcapi-0123456789abcdef0123456789abcdef", "jcsync-fedcba9876543210fedcba9876543210", "S3cr3t-bind-P@ss",
           "MIIC-EXAMPLE-CERTIFICATE-BODY")


def samples():
    with open(os.path.join(MATERIAL, "jcadimportagent.config.json"), encoding="utf-8") as f:
        imp = f.read()
    with open(os.path.join(MATERIAL, "config.json"), encoding="utf-8") as f:
        syn = f.read()
    return imp, syn


def windows(text, bom=True):
    return (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", "\r\n").encode("utf-8")


def wrong_value(setting):
    """A value of the wrong JSON type for the setting."""
    return {"bool": "yes", "int": "30s", "str": 42}[setting.type]


def bad_files():
    """(id, agent, bytes, expected message fragment, the setting the run sets, or None for the default one)."""
    imp, syn = samples()
    good = windows(imp)
    cases = []
    for frac in (0.1, 0.25, 0.5, 0.75, 0.99):
        cases.append(("truncated-at-%d%%" % (frac * 100), "import", good[:int(len(good) * frac)], "not valid JSON",
                      None))
    cases += [
        ("missing-closing-brace", "import", good.rstrip()[:-1], "not valid JSON", None),
        ("trailing-comma-mainloop", "import", windows(imp.replace('"SyncAdditionalAttributes": true',
                                                                  '"SyncAdditionalAttributes": true,')),
         "has a comma after the last member of an object (line 21, column 37)", None),
        ("trailing-comma-top", "import", windows(imp.rstrip()[:-1].rstrip() + ",\n}\n"),
         "has a comma after the last member of an object", None),
        ("line-comment", "import", windows(imp.replace('"MainLoop": {', '"MainLoop": { // edited by hand')),
         "holds a comment", None),
        ("block-comment", "import", windows(imp.replace('"MainLoop": {', '/* agent */ "MainLoop": {')),
         "holds a comment", None),
        ("duplicate-key-same-case", "import", windows(imp.replace('"UserTakeoverAction": "retain",',
                                                                  '"UserTakeoverAction": "retain",\n    '
                                                                  '"UserTakeoverAction": "deactivate",')),
         'holds the key "UserTakeoverAction" twice in one object (lines 20 and 21)', None),
        ("duplicate-key-other-case", "import", windows(imp.replace('"UserTakeoverAction": "retain",',
                                                                   '"UserTakeoverAction": "retain",\n    '
                                                                   '"usertakeoveraction": "retain",')),
         'holds one setting more than once: MainLoop.UserTakeoverAction ("UserTakeoverAction" at line 20 and '
         '"usertakeoveraction" at line 21)', None),
        ("alias-and-name", "import", windows(imp.replace('"UserDissociateAction": "remove",',
                                                         '"UserDissociateAction": "remove",\n    '
                                                         '"UserDissociationAction": "remove",')),
         "holds one setting more than once: MainLoop.UserDissociationAction", None),
        ("sync-both-membership-spellings", "sync", windows(syn.replace('"group_disconnection_action"',
                                                                       '"membership_disconnection": "remove",\n    '
                                                                       '"group_disconnection_action"'), False),
         "holds one setting more than once: membership_disconnection", None),
        ("sync-invalid-dn", "sync", windows(syn.replace("CN=JumpCloud,OU=Groups", "OU=JumpCloud,OU=Groups"), False),
         "not a valid distinguished name of a group", None),
        ("empty-file", "import", b"", "is empty", None),
        ("whitespace-only", "import", b"\xef\xbb\xbf \r\n\t\r\n", "is empty", None),
        ("array-at-top", "import", b'[{"MainLoop": {}}]', "top level is a JSON array", None),
        ("string-at-top", "import", b'"MainLoop"', "top level is a JSON value", None),
        ("mainloop-not-object", "import", windows('{\n  "MainLoop": ["UserDisableAction"]\n}\n', None),
         "MainLoop must be a JSON object", None),
        ("mainloop-null", "import", windows('{\n  "MainLoop": null\n}\n'), "MainLoop must be a JSON object", None),
        ("two-mainloops", "import", windows('{\n  "MainLoop": {},\n  "mainloop": {}\n}\n'), "holds MainLoop twice", None),
        ("nan-value", "import", windows(imp.replace('"PollIntervalSeconds": 90', '"PollIntervalSeconds": NaN')),
         "NaN is not a JSON value", None),
        ("utf-16-le", "import", imp.encode("utf-16"), "encoded as UTF-16 LE", None),
        ("utf-16-be", "import", b"\xfe\xff" + imp.encode("utf-16-be"), "encoded as UTF-16 BE", None),
        ("latin-1", "import", imp.replace("Information", "Informação").encode("latin-1"), "is not valid UTF-8", None),
        # inside the objects the catalog reads, two spellings are refused as at the top (with lines and spellings)
        ("nested-duplicate-username", "import", windows(imp.replace('"username": "sAMAccountName"',
                                                                    '"username": "sAMAccountName",\n      '
                                                                    '"UserName": "userPrincipalName"')),
         'MainLoop.UserFieldMapping.username ("username" at line 17 and "UserName" at line 18)', None),
        ("nested-duplicate-polltime", "import", windows(imp.replace('"PollTimeMillis": 30000',
                                                                    '"PollTimeMillis": 30000,\n      "polltimemillis": 6')),
         'MainLoop.PasswordChangeListener.PollTimeMillis ("PollTimeMillis" at line 14 and "polltimemillis" at line 15)',
         None),
        # the other agent's file
        ("sync-file-at-import-path", "import", windows(syn, False),
         "which belongs in the AD Sync agent's file (config.json), not the AD Import agent's", None),
        ("import-file-at-sync-path", "sync", windows(imp),
         "MainLoop at line 11, which belongs in the AD Import agent's file (jcadimportagent.config.json), not the AD "
         "Sync agent's", None),
        # valid JSON nested deeper than any agent file
        ("nested-1000-levels", "import", windows(imp.replace('"MainLoop": {', '"Deep": %s1%s,\n  "MainLoop": {'
                                                             % ("[" * 1000, "]" * 1000), 1)),
         "nests JSON more than 200 levels deep (line 11, column", None),
        ("ten-megabytes", "import", windows(imp.replace('"Level": "Information"',
                                                        '"Level": "%s"' % ("x" * (10 * 1024 * 1024)))),
         "larger than the 1048576 bytes", None),
    ]
    for agent in catalog.AGENTS:
        for s in catalog.settings_of(agent):
            data = json.loads(imp if agent == "import" else syn)
            holder = data["MainLoop"] if agent == "import" else data
            for part in s.parent:
                holder = holder.setdefault(part, {})
            for k in [k for k in holder if k.lower() in [x.lower() for x in s.all_keys]]:
                del holder[k]
            holder[s.key] = wrong_value(s)
            # the run sets another setting: the bad value stays, and must stop it
            other = [x for x in catalog.settings_of(agent) if x.name != s.name and x.choices][0]
            cases.append(("wrong-type-%s-%s" % (agent, s.name), agent,
                          windows(json.dumps(data, indent=2), agent == "import"),
                          "%s: %s is a" % (s.key, json.dumps(wrong_value(s)).replace('"', "'")), other))
    return cases


def bad_options():
    """(id, agent, module args, expected message fragment) against a valid file."""
    cases = []
    for agent in catalog.AGENTS:
        for s in catalog.settings_of(agent):
            if s.choices:
                cases.append(("invalid-choice-%s" % s.name, agent, {s.name: "bogus"},
                              "value of %s must be one of: %s, got: 'bogus'" % (s.name, ", ".join(s.choices))))
                # a pasted secret is described, never echoed (the check for SECRETS in results covers it)
                cases.append(("pasted-secret-%s" % s.name, agent, {s.name: SECRETS[0]},
                              "value of %s must be one of: %s, got: a string of %d characters"
                              % (s.name, ", ".join(s.choices), len(SECRETS[0]))))
            elif s.type == "bool":
                cases.append(("wrong-type-option-%s" % s.name, agent, {s.name: "maybe"},
                              "argument '%s' is of type str and we were unable to convert to bool" % s.name))
            elif s.type == "int":
                cases.append(("wrong-type-option-%s" % s.name, agent, {s.name: "fast"},
                              "argument '%s' is of type str and we were unable to convert to int" % s.name))
                # the option's error, by its name, before the file is read
                cases.append(("not-positive-%s" % s.name, agent, {s.name: 0},
                              "%s: 0 must be a positive integer (at least 1); nothing was read or written" % s.name))
            elif s.dn:
                cases.append(("invalid-dn-option", agent, {s.name: "JumpCloud Group"},
                              "%s: a string of 15 characters is not a valid distinguished name of a group" % s.key))
        cases += [
            ("unknown-option-%s" % agent, agent, {"no_such_option": True},
             "Unsupported parameters for (jumpcloud.adi.%s_agent_config) module: no_such_option. Supported parameters "
             "include: " % agent),
            ("unknown-setting-in-settings-%s" % agent, agent, {"settings": {"UserDisableActon": "remove"}},
             "UserDisableActon is not a setting"),
            ("unset-unknown-%s" % agent, agent, {"unset": ["no_such_setting"]}, "value of unset must be one or more of"),
            ("set-and-unset-%s" % agent, agent,
             {catalog.settings_of(agent)[-1].name: _valid(catalog.settings_of(agent)[-1]),
              "unset": [catalog.settings_of(agent)[-1].name]}, "cannot both set and unset"),
            ("bad-deployment-%s" % agent, agent, {"deployment": "both"}, "value of deployment must be one of"),
            ("backup-not-bool-%s" % agent, agent, {"backup": "sometimes"},
             "argument 'backup' is of type str and we were unable to convert to bool"),
        ]
    return cases


def _valid(setting):
    if setting.choices:
        return setting.choices[0]
    return {"bool": True, "int": 1000, "str": "CN=JC,DC=example,DC=com"}[setting.type]
