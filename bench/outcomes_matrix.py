# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jumpcloud.adi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: the outcome engine over every combination of every setting's values x every event x context.

    make bench            (or: PYTHONPATH=.tmp/collections python bench/outcomes_matrix.py)

For each deployment and each of its events, every value of every setting the event reads
(each choice, true/false, and absent) is combined with every value of every context flag the
event reads. engine.INPUTS declares what an event reads; a property test
(test_only_declared_inputs_change_an_outcome) checks that nothing else changes an outcome, so
this matrix covers every distinct outcome of the full cartesian product of all settings, which
is also printed (it is far too large to enumerate by brute force). Prints figures; asserts nothing.
"""

from __future__ import annotations

import itertools
import platform
import statistics
import sys
import time

from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _catalog as catalog
from ansible_collections.jumpcloud.adi.plugins.plugin_utils import _outcomes as engine

ABSENT = object()


def values_of(setting):
    if setting.type == "bool":
        vals = [True, False]
    elif setting.choices:
        vals = list(setting.choices)
    elif setting.type == "int":
        vals = [30000]
    else:
        vals = ["CN=JumpCloud,OU=Groups,DC=example,DC=com"]
    return [ABSENT] + vals


def combos(agent, names):
    by = catalog.by_name(agent)
    for values in itertools.product(*(values_of(by[n]) for n in names)):
        yield {n: v for n, v in zip(names, values) if v is not ABSENT}


def run_matrix():
    count = ambiguous = 0
    for deployment in catalog.DEPLOYMENTS:
        for event in engine.events_of(deployment):
            imp_in, syn_in, ctx_in = engine.INPUTS[event]
            contexts = [dict(zip(ctx_in, flags)) for flags in itertools.product((True, False), repeat=len(ctx_in))]
            for imp in combos("import", imp_in):
                for syn in combos("sync", syn_in):
                    eng = engine.Engine(imp, syn, deployment)
                    for ctx in contexts:
                        r = eng.predict(event, ctx)
                        count += 1
                        ambiguous += r["ambiguous"]
    return count, ambiguous


def run_brute_force():
    """Every combination of ALL settings of the event's own agent (not only those it reads) x its contexts."""
    count = 0
    for deployment in catalog.DEPLOYMENTS:
        for agent in catalog.DEPLOYMENT_AGENTS[deployment]:
            names = [s.name for s in catalog.settings_of(agent)]
            events = [e for e in engine.events_of(deployment) if engine.EVENTS[e][0] == agent]
            for settings in combos(agent, names):
                eng = engine.Engine(*((settings, {}) if agent == "import" else ({}, settings)), deployment)
                for event in events:
                    ctx_in = engine.INPUTS[event][2]
                    for flags in itertools.product((True, False), repeat=len(ctx_in)):
                        eng.predict(event, dict(zip(ctx_in, flags)))
                        count += 1
    return count


def full_cartesian():
    total = 0
    for deployment in catalog.DEPLOYMENTS:
        settings = 1
        for agent in catalog.DEPLOYMENT_AGENTS[deployment]:
            for s in catalog.settings_of(agent):
                settings *= len(values_of(s))
        total += settings * len(engine.events_of(deployment)) * 2 ** len(engine.CONTEXT_DEFAULTS)
    return total


def main(repeat=5):
    times = []
    for _run in range(repeat):
        start = time.perf_counter()
        count, ambiguous = run_matrix()
        times.append(time.perf_counter() - start)
    print("machine: %s, Python %s, %s" % (platform.machine(), platform.python_version(), platform.platform()))
    print("outcome matrix: %d predictions (%d ambiguous), every value incl. absent of every setting each event "
          "reads x every context flag it reads x 3 deployments" % (count, ambiguous))
    print("stands for the full cartesian product of %d (all %d settings x %d events x 2^%d contexts)"
          % (full_cartesian(), len(catalog.SETTINGS), len(engine.EVENTS), len(engine.CONTEXT_DEFAULTS)))
    print("time: median %.3f s, min %.3f s, max %.3f s over %d runs (target: under 1 s)"
          % (statistics.median(times), min(times), max(times), repeat))
    print("per prediction: %.1f us (median run)" % (statistics.median(times) / count * 1e6))
    start = time.perf_counter()
    brute = run_brute_force()
    elapsed = time.perf_counter() - start
    print("brute force over every combination of ALL of the event's agent's settings (incl. absent) x its context "
          "flags: %d predictions in %.2f s (%.1f us each)" % (brute, elapsed, elapsed / brute * 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
