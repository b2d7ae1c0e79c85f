# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fleet reports rendered for people: Markdown and a self-contained HTML page (inline style and script, no network).

PRIVATE to this collection. Pure Python. The report model (what a drift report or a change review holds) is
_report.py; this module only shows it. Every text taken from a report is escaped.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from typing import Any, Dict, List, Optional

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._errors import SettingsError
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._settings import describe, same_value
from ansible_collections.jumpcloud.adi.plugins.plugin_utils._report import not_predicted_words, plain_words

NOT_PREDICTED = "outcomes not predicted: a file could not be read, or holds a value the agent does not allow (see Findings)"


def _text(value: Any) -> str:
    """A catalog value as a report shows it (a string as it is, anything else as JSON, None as absent)."""
    if value is None:
        return "absent"
    return json.dumps(value) if not isinstance(value, str) else value


def render(report: Dict[str, Any], fmt: str) -> str:
    if not isinstance(report, dict) or report.get("kind") not in ("drift", "review"):
        raise SettingsError("expected a report from jumpcloud.adi.drift_report or jumpcloud.adi.review_report")
    if fmt not in ("json", "markdown", "html"):
        raise SettingsError("format %s is not one of json, markdown, html" % describe(fmt))
    try:
        if fmt == "json":
            return json.dumps(report, indent=2, sort_keys=True) + "\n"
        return _markdown(report) if fmt == "markdown" else _html(report)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError) as exc:
        # a report changed after drift_report or review_report built it: say so, never a raw Python error
        field = " (no field %s)" % describe(exc.args[0]) if isinstance(exc, KeyError) and exc.args else ""
        raise SettingsError("the %s report is not as jumpcloud.adi.%s_report returns it%s: render the filter's "
                            "result as it is" % (report["kind"], report["kind"], field)) from None


# Markdown renderers pass raw HTML through, and brackets make links and images: in text taken from a report
# (host names, paths, messages, titles: admin-controlled), HTML's specials become entities and Markdown's link,
# code, emphasis and table specials are escaped (a host named dc_01_x or *dc* shows as named, not in italics); a
# backslash is doubled where it would escape what follows.
_MD_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_MD_SPECIAL = re.compile(r"([\[\]`|*_])")


def _md(value: Any) -> str:
    text = _MD_BACKSLASH.sub(r"\\\\", str(value).replace("\r", " ").replace("\n", " "))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_code(value: Any) -> str:
    """A code span holding any text: a fence of more backticks than the text has in a row (CommonMark)."""
    text = str(value).replace("\r", " ").replace("\n", " ").replace("|", "\\|")
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return fence + pad + text + pad + fence


MATRIX_HOSTS = 100  # up to this many hosts the HTML also has a host x setting table; beyond, configurations say it
CLASS_COLUMNS = 12  # configurations shown side by side (the rest are listed with their hosts)
HOST_NAMES = 10  # hosts named per configuration or finding line (all are in the host table)


def _names(hosts: List[str]) -> str:
    more = len(hosts) - HOST_NAMES
    return ", ".join(hosts[:HOST_NAMES]) + (", and %d more" % more if more > 0 else "")


def _class_line(c: Dict[str, Any]) -> str:
    n = len(c["hosts"])
    return "%s configuration %s: %s" % ("1 host has" if n == 1 else "%d hosts share" % n, c["label"], _names(c["hosts"]))


def _setting_rows(report: Dict[str, Any]):
    """(agent, setting) of every catalog setting of the deployment's agents, with its JSON path."""
    return [(a, s.name, s.json_path) for a in catalog.DEPLOYMENT_AGENTS[report["deployment"]]
            for s in catalog.settings_of(a)]


def _cell(values: Optional[Dict[str, Any]], setting: str) -> str:
    """The effective value and, unless it comes from the file, where it comes from."""
    if values is None:
        return "no file"
    value, source = values[setting]
    text = _text(value)
    return text if source == "file" else "%s (%s)" % (text, source.replace("_", " "))


def _host_order(report: Dict[str, Any]) -> List[str]:
    """Drifted and risky hosts first, then unreadable ones, then hosts without an agent, then the rest."""
    def rank(item):
        host, e = item
        return (0 if e["risks"] else 1, 0 if (e["drift"] or e["peer_drift"]) else 1, 0 if e["unreadable"] else 1,
                0 if e["missing"] else 1, host)
    return [h for h, _e in sorted(report["hosts"].items(), key=rank)]


def _detailed_hosts(report: Dict[str, Any]) -> List[str]:
    """Hosts that get a section of their own: drift from the baseline, risks, or a file that cannot be read.

    Drift from peers and a missing agent are shown once per configuration and in the host table, not per host.
    """
    return [h for h in _host_order(report)
            if report["hosts"][h]["drift"] or report["hosts"][h]["risks"] or report["hosts"][h]["unreadable"]]


def _host_status(e: Dict[str, Any]) -> str:
    if e["unreadable"]:
        return "unreadable"
    if e["drift"] or e["peer_drift"]:
        return "drift"
    if e["missing"]:
        return "no %s agent" % " or ".join(e["missing"])
    return "ok"


def _markdown(report: Dict[str, Any]) -> str:
    out = ["# %s" % _md(report["title"]), "", "**%s**" % _md(report["summary"]), ""]
    if report["kind"] == "drift":
        out += ["Deployment: `%s`. Baseline: %s." % (report["deployment"], ", ".join(
            "%s %s" % (a, _md_code(json.dumps(v, sort_keys=True))) for a, v in report["baseline"].items())), ""]
        out += ["| host | agent | setting (JSON path) | file | baseline / peers | found |", "|---|---|---|---|---|---|"]
        base_rows = [r for r in report["rows"] if r["kind"] == "baseline"]
        for r in base_rows:
            out.append("| %s |" % " | ".join([_md(r["host"]), _md(r["agent"]), _md_code(r["key"])] + [_md(x) for x in (
                r["file"], _text(r["baseline"]), _text(r["found"]))]))
        if not base_rows:
            out.append("| | | no drift from the baseline | | | |")
        out.append("")
        peers = sorted({r["host"] for r in report["rows"] if r["kind"] == "peers"})
        if peers:
            out += ["%d host%s differ%s from most of their peers in the domain (%s): see the configurations below."
                    % (len(peers), "" if len(peers) == 1 else "s", "s" if len(peers) == 1 else "", _md(_names(peers))), ""]
        classes = report.get("classes") or []
        if classes:
            shown = classes[:CLASS_COLUMNS]
            out += ["## Configurations", ""] + ["- %s" % _md(_class_line(c)) for c in classes] + [""]
            out += ["| setting | %s |" % " | ".join(c["label"] for c in shown), "|---|%s" % ("---|" * len(shown))]
            for agent, name, key in _setting_rows(report):
                out.append("| `%s` | %s |" % (key, " | ".join(_md(_cell(c["values"].get(agent), name)) for c in shown)))
            out.append("")
        if report.get("findings"):
            out += ["## Findings", ""]
            out += ["- %s `%s`: %s (%s)" % (f["severity"], f["code"], _md(f["message"]), _md(_names(f["hosts"])))
                    for f in report["findings"]] + [""]
        for host in _detailed_hosts(report):
            e = report["hosts"][host]
            out += ["## %s%s" % (_md(host), " - " + ", ".join(e["risks"]) if e["risks"] else ""), ""]
            for u in e["unreadable"]:
                out.append("- **unreadable**%s: %s" % (" (%s agent)" % u["agent"] if u["agent"] else "", _md(u["reason"])))
            for agent in e["missing"]:
                out.append("- %s agent file not found (%s): is the agent installed?"
                           % (agent, _md(str(e["agents"][agent]["path"]))))
            if e.get("outcomes_not_predicted"):
                out.append("- " + NOT_PREDICTED)
            for c in e["outcome_changes"]:
                out += ["- %s%s" % (_md(w), _md_tags(c["tags"]) if i == 0 else "") for i, w in enumerate(c["words"])]
            out += ["- " + _md(not_predicted_words(n)) for n in e.get("not_predicted") or []]
            out.append("")
    else:
        for group in _groups(report):
            host = group["hosts"][0]
            e = report["hosts"][host]
            if len(group["hosts"]) == 1:
                out += ["## %s%s" % (_md(host), " - " + ", ".join(e["risks"]) if e["risks"] else ""), ""]
            else:
                out += ["## %s%s" % (_md(_group_title(group)), " - " + ", ".join(e["risks"]) if e["risks"] else ""),
                        "", "Hosts: %s" % _md(", ".join(group["hosts"])), ""]
            if e.get("reason"):
                out += ["- **could not be reviewed**: %s" % _md(e["reason"]), ""]
            if e.get("outcomes_not_predicted"):
                out += ["- " + NOT_PREDICTED, ""]
            for agent, a in e["agents"].items():
                if a.get("missing") or a.get("failed"):
                    out += ["- %s agent: %s" % (agent, _md(a.get("msg") or "not found")), ""]
                    continue
                out.append("### %s agent (%s)" % (agent, _md_code(a["path"])))
                out.append("")
                if not a["changes"]:
                    out += ["No change.", ""]
                    continue
                out += ["| setting | before | after |", "|---|---|---|"]
                for c in a["changes"]:
                    out.append("| `%s` | %s | %s |" % (c["key"], _md(_text(c["before"])), _md(_text(c["after"]))))
                out.append("")
                items = []
                for i in a["impact"]:
                    words = plain_words(i["event"], i["before"], i["after"])
                    items += ["- %s%s" % (_md(w), _md_tags(i["tags"]) if n == 0 else "") for n, w in enumerate(words)]
                items += ["- %s `%s`: %s" % (f["severity"], f["code"], _md(f["message"])) for f in a["findings"]]
                out += (items + [""]) if items else []
            for f in e.get("findings") or []:
                out += ["- both agents: %s `%s`: %s" % (f["severity"], f["code"], _md(f["message"])), ""]
            for n in e.get("not_predicted") or []:
                out += ["- " + _md(not_predicted_words(n)), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _groups(report: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The review's groups of hosts that get the identical change (a report without them: one group per host)."""
    return report.get("groups") or [{"label": host, "hosts": [host]} for host in report["hosts"]]


def _group_title(group: Dict[str, Any]) -> str:
    return "Group %s: %d hosts get this change" % (group["label"], len(group["hosts"]))


def _md_tags(tags: List[str]) -> str:
    return " **%s**" % ", ".join(tags) if tags else ""


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1f2328;background:#fff}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.15rem;margin-top:2rem}
.summary{font-size:1.1rem;padding:.75rem 1rem;border-left:6px solid #0969da;background:#ddf4ff;margin:1rem 0}
.summary.bad{border-color:#cf222e;background:#ffebe9}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.85rem;display:block;overflow-x:auto;max-width:100%}
th,td{border:1px solid #d0d7de;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}th.sort{cursor:pointer}td.drift{background:#ffebe9;font-weight:600}td.ok{color:#1a7f37}
td.missing{background:#fff8c5}td.differs{background:#fff8c5}.tag{display:inline-block;background:#cf222e;color:#fff;
border-radius:1rem;padding:0 .5rem;margin:0 .2rem;font-size:.75rem;font-weight:600}.tag.AMBIGUOUS{background:#9a6700}
code{font-family:ui-monospace,SFMono-Regular,Consolas,monospace;font-size:.85em}
pre{background:#f6f8fa;padding:.75rem;overflow:auto;font-size:.8rem}.del{color:#cf222e}.add{color:#1a7f37}
.muted{color:#656d76}#filter{font-size:1rem;padding:.3rem .5rem;width:24rem;max-width:100%}
"""

# Filtering and sorting without network access: a few lines inline, no library, no CDN.
_JS = """
function adiFilter(q){q=q.toLowerCase();document.querySelectorAll('table.filterable tr.row').forEach(function(r){
r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':''});}
document.querySelectorAll('th.sort').forEach(function(th){th.addEventListener('click',function(){
var t=th.closest('table'),i=Array.prototype.indexOf.call(th.parentNode.children,th),d=th.dataset.dir==='a'?'d':'a';
th.dataset.dir=d;var rows=Array.prototype.slice.call(t.querySelectorAll('tr.row'));rows.sort(function(x,y){
var a=x.children[i].textContent,b=y.children[i].textContent,n=a-b;var c=isNaN(n)?a.localeCompare(b):n;
return d==='a'?c:-c});rows.forEach(function(r){r.parentNode.appendChild(r)});});});
"""


def _e(value: Any) -> str:
    return html.escape(_text(value))


def _tags(tags: List[str]) -> str:
    return "".join('<span class="tag %s">%s</span>' % (html.escape(t), html.escape(t)) for t in tags)


def _words_html(words: List[str], tags: List[str]) -> str:
    return "".join("<li>%s %s</li>" % (html.escape(w), _tags(tags) if n == 0 else "") for n, w in enumerate(words))


def _html(report: Dict[str, Any]) -> str:
    bad = bool(report.get("drifted_hosts") or report.get("unreadable_hosts") or report.get("failed_hosts")
               or any(e["risks"] for e in report["hosts"].values()))
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>%s</title><style>%s</style></head><body>" % (html.escape(report["title"]), _CSS),
           "<h1>%s</h1>" % html.escape(report["title"]),
           '<p class="summary%s" id="summary">%s</p>' % (" bad" if bad else "", html.escape(report["summary"]))]
    if report["kind"] == "drift":
        out.append('<p><input id="filter" type="search" placeholder="Filter hosts, configurations, statuses" '
                   'oninput="adiFilter(this.value)"></p>')
        out.append(_configurations(report))
        out.append(_host_table(report))
        if len(report["hosts"]) <= MATRIX_HOSTS:
            out.append(_drift_matrix(report))
        if report.get("findings"):
            out.append('<h2 id="findings">Findings</h2><ul>')
            out += ["<li>%s <code>%s</code>: %s <span class=\"muted\">(%s)</span></li>" % (
                html.escape(f["severity"]), html.escape(f["code"]), html.escape(f["message"]),
                html.escape(_names(f["hosts"]))) for f in report["findings"]]
            out.append("</ul>")
        for host in _detailed_hosts(report):
            e = report["hosts"][host]
            out.append('<h2 id="host-%s">%s %s</h2><ul>' % (html.escape(host), html.escape(host), _tags(e["risks"])))
            for u in e["unreadable"]:
                out.append('<li class="unreadable"><strong>unreadable</strong>%s: %s</li>' % (
                    " (%s agent)" % html.escape(u["agent"]) if u["agent"] else "", html.escape(u["reason"])))
            for agent in e["missing"]:
                out.append("<li>%s agent file not found (<code>%s</code>): is the agent installed?</li>"
                           % (agent, html.escape(str(e["agents"][agent]["path"]))))
            for r in e["drift"]:
                out.append("<li><code>%s</code> in <code>%s</code>: baseline %s, found %s</li>" % (
                    html.escape(r["key"]), html.escape(str(r["file"])), _e(r["baseline"]), _e(r["found"])))
            for r in e["peer_drift"]:
                out.append("<li><code>%s</code>: most peers in %s have %s, found %s</li>" % (
                    html.escape(r["key"]), html.escape(r["domain"]), _e(r["peers"]), _e(r["found"])))
            if e.get("outcomes_not_predicted"):
                out.append("<li>%s</li>" % html.escape(NOT_PREDICTED))
            for c in e["outcome_changes"]:
                out.append(_words_html(c["words"], c["tags"]))
            out += ["<li>%s</li>" % html.escape(not_predicted_words(n)) for n in e.get("not_predicted") or []]
            out.append("</ul>")
    else:
        for group in _groups(report):
            host = group["hosts"][0]
            e = report["hosts"][host]
            if len(group["hosts"]) == 1:
                out.append('<h2 id="host-%s">%s %s</h2>' % (html.escape(host), html.escape(host), _tags(e["risks"])))
            else:
                out.append('<h2 id="group-%s">%s %s</h2><p class="muted">Hosts: %s</p>' % (
                    html.escape(group["label"]), html.escape(_group_title(group)), _tags(e["risks"]),
                    html.escape(", ".join(group["hosts"]))))
            if e.get("reason"):
                out.append('<p class="unreadable"><strong>could not be reviewed</strong>: %s</p>' % html.escape(e["reason"]))
            if e.get("outcomes_not_predicted"):
                out.append('<p class="unreadable">%s</p>' % html.escape(NOT_PREDICTED))
            for agent, a in e["agents"].items():
                if a.get("missing") or a.get("failed"):
                    out.append('<p class="muted">%s agent: %s</p>' % (agent, html.escape(a.get("msg") or "not found")))
                    continue
                out.append("<h3>%s agent <code>%s</code></h3>" % (agent, html.escape(str(a["path"]))))
                if not a["changes"]:
                    out.append('<p class="muted">No change.</p>')
                    continue
                out.append("<table><tr><th>setting</th><th>before</th><th>after</th></tr>")
                for c in a["changes"]:
                    out.append("<tr><td><code>%s</code></td><td>%s</td><td class=\"drift\">%s</td></tr>" % (
                        html.escape(c["key"]), _e(c["before"]), _e(c["after"])))
                out.append("</table><ul>")
                for i in a["impact"]:
                    out.append(_words_html(plain_words(i["event"], i["before"], i["after"]), i["tags"]))
                out += ["<li>%s <code>%s</code>: %s</li>" % (html.escape(f["severity"]), html.escape(f["code"]),
                                                             html.escape(f["message"])) for f in a["findings"]]
                out.append("</ul>")
                if a.get("diff"):
                    if len(group["hosts"]) > 1:
                        out.append('<p class="muted">The diff on %s (the other hosts\' files differ only in what is '
                                   'masked or not ours):</p>' % html.escape(host))
                    out.append("<pre>%s</pre>" % _diff_html(a["diff"]))
            if e.get("findings"):
                items = ["<li>both agents: %s <code>%s</code>: %s</li>"
                         % (html.escape(f["severity"]), html.escape(f["code"]), html.escape(f["message"]))
                         for f in e["findings"]]
                out.append("<ul>%s</ul>" % "".join(items))
            out += ['<p class="muted">%s</p>' % html.escape(not_predicted_words(n)) for n in e.get("not_predicted") or []]
    out.append('<p class="muted">Generated by the jumpcloud.adi collection. Of the agent files, only the values of '
               'catalog settings are shown.</p>')
    out.append("<script>%s</script></body></html>" % _JS)
    return "\n".join(out) + "\n"


def _configurations(report: Dict[str, Any]) -> str:
    """Configurations side by side: every setting's effective value and where it comes from, per configuration."""
    classes = report.get("classes") or []
    if not classes:
        return ""
    shown = classes[:CLASS_COLUMNS]
    out = ['<h2 id="configurations">Configurations</h2><ul>']
    out += ["<li>%s%s</li>" % (html.escape(_class_line(c)), _tags(c["risks"])) for c in classes]
    out.append('</ul><table id="classes"><tr><th>setting</th>%s</tr>' % "".join(
        "<th>%s</th>" % html.escape(c["label"]) for c in shown))
    base = report.get("baseline") or {}
    for agent, name, key in _setting_rows(report):
        cells = [_cell(c["values"].get(agent), name) for c in shown]
        differs = len(set(cells)) > 1
        row = []
        for c, text in zip(shown, cells):
            want = (base.get(agent) or {}).get(name)
            value = (c["values"].get(agent) or {}).get(name, [None])[0]
            if c["values"].get(agent) is None:
                cls = "missing"
            else:
                cls = "drift" if want is not None and not same_value(catalog.by_name(agent)[name], value, want) else ("differs" if differs else "")
            row.append('<td%s>%s</td>' % (' class="%s"' % cls if cls else "", html.escape(text)))
        out.append("<tr><th><code>%s</code></th>%s</tr>" % (html.escape(key), "".join(row)))
    out.append("</table>")
    return "".join(out)


def _host_table(report: Dict[str, Any]) -> str:
    """Every host: its configuration and status, drifted and risky hosts first; sortable and filterable."""
    out = ['<h2 id="hosts">Hosts</h2><table id="host-table" class="filterable"><tr><th class="sort">host</th>'
           '<th class="sort">domain</th><th class="sort">configuration</th><th class="sort">status</th>'
           '<th class="sort">settings drifted</th><th class="sort">risks</th></tr>']
    for host in _host_order(report):
        e = report["hosts"][host]
        status = _host_status(e)
        out.append('<tr class="row"><td>%s</td><td>%s</td><td>%s</td><td%s>%s</td><td>%d</td><td>%s</td></tr>' % (
            html.escape(host), html.escape(e["domain"]), e.get("class", ""),
            ' class="drift"' if status in ("drift", "unreadable") else "", html.escape(status),
            len(e["drift"]) + len(e["peer_drift"]), _tags(e["risks"])))
    out.append("</table>")
    return "".join(out)


def _drift_matrix(report: Dict[str, Any]) -> str:
    """host x setting: every setting's current value (and where it comes from), drift from the baseline highlighted."""
    rows = _setting_rows(report)
    by = defaultdict(dict)
    for r in report["rows"]:
        if r["kind"] == "baseline":  # the matrix compares with the baseline; peer rows are listed per host
            by[r["host"]][(r["agent"], r["setting"])] = r
    classes = {c["label"]: c for c in report.get("classes") or []}
    out = ['<h2>Current values</h2><table id="matrix" class="filterable"><tr><th>host</th>%s</tr>' % "".join(
        "<th>%s%s</th>" % (html.escape(key), "<br><span class=\"muted\">%s</span>" % html.escape(
            _text(report["baseline"][a][n])) if n in report["baseline"].get(a, {}) else "") for a, n, key in rows)]
    for host in _host_order(report):
        e = report["hosts"][host]
        values = classes[e["class"]]["values"] if e.get("class") in classes else {}
        unreadable = {u["agent"] for u in e["unreadable"]}
        cells = []
        for a, n, _key in rows:
            if a in unreadable or None in unreadable:
                cells.append('<td class="drift">unreadable</td>')
            elif a in e["missing"]:
                cells.append('<td class="missing">no file</td>')
            elif (a, n) in by[host]:
                cells.append('<td class="drift">%s</td>' % _e(by[host][(a, n)]["found"]))
            else:
                cells.append("<td>%s</td>" % html.escape(_cell(values.get(a), n)))
        out.append('<tr class="row"><th>%s %s</th>%s</tr>' % (html.escape(host), _tags(e["risks"]), "".join(cells)))
    out.append("</table>")
    return "".join(out)


def _diff_html(diff: Dict[str, Any]) -> str:
    import difflib

    lines = difflib.unified_diff(diff["before"].splitlines(), diff["after"].splitlines(),
                                 diff.get("before_header", "before"), diff.get("after_header", "after"), lineterm="")
    out = []
    for line in lines:
        cls = "add" if line.startswith("+") and not line.startswith("+++") else (
            "del" if line.startswith("-") and not line.startswith("---") else "")
        out.append('<span class="%s">%s</span>' % (cls, html.escape(line)) if cls else html.escape(line))
    return "\n".join(out)
