#!/usr/bin/python3
"""Oracle for the funnel model (worker/funnel/model.ts), written independently from the issue's contract
with mpmath at 50 digits. Writes test/stats/fixtures/funnel.json.

    /usr/bin/python3 scripts/oracle/funnel_fixtures.py
"""
import json
import random
from pathlib import Path

import mpmath as mp

mp.mp.dps = 50
OUT = Path(__file__).resolve().parents[2] / 'test' / 'stats' / 'fixtures' / 'funnel.json'


def metrics(traffic, spend, rates, value, margin):
    volumes = [traffic]
    for r in rates:
        volumes.append(volumes[-1] * r)
    conv = volumes[-1]
    revenue = conv * value
    return {
        'volumes': volumes,
        'conversions': conv,
        'revenue': revenue,
        'cpa': spend / conv if conv > 0 else None,
        'roas': revenue / spend if spend > 0 else None,
        'profit': revenue * margin - spend,
    }


def move(x, ch):
    x = x * (1 + mp.mpf(ch['relative'])) if 'relative' in ch else x
    return x + mp.mpf(ch.get('absolute', 0))


def scenario(inp):
    """Contract: spend changes first (traffic × k^elasticity), traffic changes on top, then the rest."""
    f = lambda k: mp.mpf(inp[k])
    traffic, spend, value = f('traffic'), f('spend'), f('value')
    margin = mp.mpf(inp.get('margin', 1))
    e = mp.mpf(inp.get('elasticity', 1))
    names = [s['name'] for s in inp['stages']]
    rates = [mp.mpf(s['rate']) for s in inp['stages']]
    changes = inp.get('changes', [])
    new_spend = spend
    for ch in changes:
        if ch['target'] == 'spend':
            new_spend = move(new_spend, ch)
    new_traffic = traffic * (new_spend / spend) ** e if spend > 0 else traffic
    new_value, new_margin, new_rates = value, margin, list(rates)
    for i, ch in enumerate(changes):
        t = ch['target']
        if t == 'traffic':
            new_traffic = move(new_traffic, ch)
        elif t == 'value':
            new_value = move(new_value, ch)
        elif t == 'margin':
            new_margin = move(new_margin, ch)
        elif t in names:
            j = names.index(t)
            new_rates[j] = move(new_rates[j], ch)
            if not (0 <= new_rates[j] <= 1):
                return {'error': f'changes.{i}.' + ('relative' if 'relative' in ch else 'absolute')}
    b = metrics(traffic, spend, rates, value, margin)
    s = metrics(new_traffic, new_spend, new_rates, new_value, new_margin)
    rel = lambda k: None if b[k] is None or s[k] is None or b[k] == 0 else s[k] / b[k] - 1
    return {'baseline': b, 'scenario': s, 'delta': {k: rel(k) for k in ['conversions', 'revenue', 'cpa', 'roas', 'profit']}}


def to_json(x):
    if isinstance(x, dict):
        return {k: to_json(v) for k, v in x.items()}
    if isinstance(x, list):
        return [to_json(v) for v in x]
    if isinstance(x, mp.mpf):
        return float(x)
    return x


ISSUE = {
    'traffic': 100000, 'spend': 50000,
    'stages': [{'name': 'lead', 'rate': 0.03}, {'name': 'qualified', 'rate': 0.4}, {'name': 'sale', 'rate': 0.25}],
    'value': 1200, 'margin': 0.6, 'elasticity': 0.7,
    'changes': [{'target': 'traffic', 'relative': 0.25}, {'target': 'lead', 'absolute': 0.012}],
}
CASES = [
    ('the issue example', ISSUE),
    ('no changes', {**ISSUE, 'changes': []}),
    ('defaults: margin 1, elasticity 1', {'traffic': 20000, 'spend': 8000, 'stages': [{'name': 'signup', 'rate': 0.05}],
                                          'value': 90, 'changes': [{'target': 'spend', 'relative': 0.5}]}),
    ('spend then traffic on top, saturating', {**ISSUE, 'elasticity': 0.5, 'changes': [
        {'target': 'traffic', 'relative': 0.1}, {'target': 'spend', 'relative': 0.44}]}),
    ('every rate −15%', {**ISSUE, 'changes': [{'target': s['name'], 'relative': -0.15} for s in ISSUE['stages']]}),
    ('CPC +20%: spend up at equal traffic', {**ISSUE, 'elasticity': 0, 'changes': [{'target': 'spend', 'relative': 0.2}]}),
    ('two relative changes on one stage compound', {**ISSUE, 'changes': [
        {'target': 'sale', 'relative': 0.1}, {'target': 'sale', 'relative': 0.2}]}),
    ('value and margin', {**ISSUE, 'changes': [{'target': 'value', 'absolute': -200}, {'target': 'margin', 'relative': -0.5}]}),
    ('zero conversions: cpa null, deltas null', {**ISSUE, 'stages': [{'name': 'lead', 'rate': 0}],
                                                 'changes': [{'target': 'lead', 'absolute': 0.01}]}),
    ('zero spend: roas null', {**ISSUE, 'spend': 0, 'changes': [{'target': 'spend', 'absolute': 1000}]}),
    ('a stage to zero', {**ISSUE, 'changes': [{'target': 'qualified', 'relative': -1}]}),
    ('a rate pushed above 1', {**ISSUE, 'changes': [{'target': 'traffic', 'relative': 0.1}, {'target': 'sale', 'absolute': 0.8}]}),
    ('a rate pushed below 0', {**ISSUE, 'changes': [{'target': 'lead', 'absolute': -0.05}]}),
]

rng = random.Random(11)
for n in range(25):
    k = rng.randint(1, 5)
    stages = [{'name': f's{j}', 'rate': round(rng.uniform(0.01, 0.9), 4)} for j in range(k)]
    targets = ['traffic', 'spend', 'value'] + [s['name'] for s in stages]
    changes = []
    for _ in range(rng.randint(0, 4)):
        t = rng.choice(targets)
        changes.append({'target': t, 'relative': round(rng.uniform(-0.3, 0.3), 3)} if rng.random() < 0.7 or t not in [s['name'] for s in stages]
                       else {'target': t, 'absolute': round(rng.uniform(-0.005, 0.005), 4)})
    CASES.append((f'random {n}', {
        'traffic': rng.randint(100, 10**7), 'spend': round(rng.uniform(0, 10**6), 2), 'stages': stages,
        'value': round(rng.uniform(1, 5000), 2), 'margin': round(rng.uniform(0.05, 1), 3),
        'elasticity': round(rng.uniform(0, 1.5), 3), 'changes': changes}))

OUT.write_text(json.dumps([{'name': n, 'input': i, 'expected': to_json(scenario(i))} for n, i in CASES], indent=1) + '\n')
print(f'wrote {len(CASES)} funnel cases to {OUT}')
