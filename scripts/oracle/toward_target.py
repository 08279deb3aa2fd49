#!/usr/bin/python3
"""Oracle for worker/objectives/toward-target.ts: an objective's primary metric after its shipped tests.

estimate = baseline × Π(1 + lift_i); fraction = (estimate − baseline) / (target − baseline).
Computed here with exact rational arithmetic (fractions.Fraction), independent of the TypeScript.

Run:  /usr/bin/python3 scripts/oracle/toward_target.py   (writes test/stats/fixtures/toward-target.json)
"""
import json
import os
from fractions import Fraction as F

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'stats', 'fixtures', 'toward-target.json')

CASES = [
    # (label, baseline, target, lifts)
    ('no shipped test', 0.05, 0.06, []),
    ('one +40% win on conversion', 0.05, 0.06, [0.4]),
    ('three wins compound', 0.05, 0.06, [0.05, 0.08, 0.03]),
    ('a win and a regression', 0.031, 0.04, [0.12, -0.07]),
    ('CPA falls toward a lower target', 52.0, 45.0, [-0.06, -0.04]),
    ('ROAS overshoots', 2.4, 3.0, [0.15, 0.2]),
    ('no target', 120.0, None, [0.1]),
    ('target equals baseline', 10.0, 10.0, [0.1]),
]


def case(label, baseline, target, lifts):
    factor = F(1)
    for lift in lifts:
        factor *= 1 + F(lift)
    estimate = F(baseline) * factor
    fraction = None if target is None or target == baseline else (estimate - F(baseline)) / (F(target) - F(baseline))
    return {
        'label': label,
        'baseline': baseline,
        'target': target,
        'lifts': lifts,
        'expected': {
            'compoundedLift': float(factor - 1),
            'estimate': float(estimate),
            'fraction': None if fraction is None else float(fraction),
        },
    }


with open(OUT, 'w') as f:
    json.dump({'generatedBy': '/usr/bin/python3 scripts/oracle/toward_target.py', 'cases': [case(*c) for c in CASES]}, f, indent=2)
    f.write('\n')
print(f'wrote {len(CASES)} cases to {OUT}')
