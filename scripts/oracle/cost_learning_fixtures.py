#!/usr/bin/python3
"""Oracle for the cost of a learning (worker/stats/cost-learning.ts), written from the textbook forms:
Fieller's quadratic for a ratio a/b with var(a) = v11, var(b) = v22, cov = v12 (here the numerator, spend, is
exact: v11 = v12 = 0), the delta method for ROAS, and the opportunity cost n·p_w − x with its delta-method variance.
z from scipy.stats.norm. Writes test/stats/fixtures/cost-learning.json.

    /usr/bin/python3 scripts/oracle/cost_learning_fixtures.py
"""
import json
import math
from pathlib import Path

from scipy.stats import norm

OUT = Path(__file__).resolve().parents[2] / 'test' / 'stats' / 'fixtures' / 'cost-learning.json'


def fieller(a, b, v11, v22, v12, z):
    """Roots of θ²(b² − z²v22) − 2θ(ab − z²v12) + (a² − z²v11) = 0; bounded only when b² > z²v22."""
    qa = b * b - z * z * v22
    qb = -2 * (a * b - z * z * v12)
    qc = a * a - z * z * v11
    if qa <= 0:
        # Unbounded set: the lower end is the smaller root when it exists (exact numerator: a/(b + z√v22)).
        disc = qb * qb - 4 * qa * qc
        lo = a / (b + z * math.sqrt(v22))
        return [lo, None], disc
    disc = qb * qb - 4 * qa * qc
    r = sorted([(-qb - math.sqrt(disc)) / (2 * qa), (-qb + math.sqrt(disc)) / (2 * qa)])
    return r, disc


def ratio(spend, count, var, z):
    if spend is None:
        return {'estimate': None, 'ci': None}
    if count is None or count <= 0:
        return {'estimate': None, 'ci': None}
    ci, _ = fieller(spend, count, 0.0, var, 0.0, z)
    return {'estimate': spend / count, 'ci': ci}


def case(arms, winnerKey=None, alpha=0.05):
    z = norm.isf(alpha / 2)
    out_arms = []
    for a in arms:
        x, n, s = a['conversions'], a['units'], a['spend']
        cpa = ratio(s, x, None if x is None else x * (1 - x / n), z)
        cpc = ratio(s, a['clicks'], a['clicks'], z)
        if not s or a['revenue'] is None:
            roas = {'estimate': None, 'ci': None}
        else:
            est = a['revenue'] / s
            if a['revenueSd'] is None or n < 2:
                roas = {'estimate': est, 'ci': None}
            else:
                se = math.sqrt(n * a['revenueSd'] ** 2) / s
                roas = {'estimate': est, 'ci': [est - z * se, est + z * se]}
        out_arms.append({'key': a['key'], 'spend': s, 'cpa': cpa, 'cpc': cpc, 'roas': roas})
    rated = [a for a in arms if a['conversions'] is not None and a['units'] > 0]
    if winnerKey:
        w = next(a for a in arms if a["key"] == winnerKey)
    else:
        w = max(rated, key=lambda a: a['conversions'] / a['units'])
    pw = w['conversions'] / w['units']
    opp = []
    for a in arms:
        if a is w or a['conversions'] is None:
            continue
        n, x = a['units'], a['conversions']
        lost = n * pw - x
        var = n * n * pw * (1 - pw) / w['units'] + x * (1 - x / n)
        per = w['revenue'] / w['conversions'] if w['revenue'] is not None else None
        opp.append({'key': a['key'], 'conversionsLost': lost, 'ci': [lost - z * math.sqrt(var), lost + z * math.sqrt(var)],
                    'revenueLost': None if per is None else lost * per, 'spend': a['spend']})
    spends = [a['spend'] for a in arms if a['spend'] is not None]
    return {'alpha': alpha, 'totalSpend': sum(spends) if spends else None, 'arms': out_arms, 'winnerKey': w['key'],
            'opportunity': opp, 'conversionsLost': sum(max(0, o['conversionsLost']) for o in opp)}


def arm(key, units, conversions, spend, clicks=None, revenue=None, revenueSd=None):
    return {'key': key, 'name': key.upper(), 'units': units, 'conversions': conversions, 'clicks': clicks,
            'spend': spend, 'revenue': revenue, 'revenueSd': revenueSd}


CASES = [
    ('A/B with clicks and revenue', {'arms': [arm('a', 10000, 300, 5000, 10000, 36000, 40.5),
                                              arm('b', 10000, 360, 5100, 10000, 43200, 44.0)]}),
    ('decided winner is B; three arms', {'winnerKey': 'b', 'arms': [
        arm('a', 8000, 160, 4000, 8000), arm('b', 8100, 210, 4050, 8100), arm('c', 7900, 150, 3900, 7900)]}),
    ('few conversions: CPA open-ended above', {'arms': [arm('a', 500, 3, 800), arm('b', 500, 9, 820)]}),
    ('alpha 0.1, revenue without spread', {'alpha': 0.1, 'arms': [arm('a', 20000, 900, 12000, 20000, 81000),
                                                                  arm('b', 20000, 880, 11800, 20000, 80000)]}),
    ('the control wins by rate', {'arms': [arm('a', 3000, 120, 1500, 3000, 9000, 12.0),
                                           arm('b', 3000, 90, 1700, 3000, 7000, 11.0)]}),
    ('no spend on one arm', {'arms': [arm('a', 4000, 80, None), arm('b', 4000, 100, 900, 4000)]}),
    ('large arms', {'arms': [arm('a', 1_000_000, 52_000, 400_000, 1_000_000, 4_100_000, 80.0),
                             arm('b', 1_000_000, 53_100, 401_000, 1_000_000, 4_230_000, 81.0)]}),
]


def clean(x):
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, list):
        return [clean(v) for v in x]
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else x


OUT.write_text(json.dumps([{'name': n, 'input': i, 'expected': clean(case(**i))} for n, i in CASES], indent=1) + '\n')
print(f'wrote {len(CASES)} cost-of-learning cases to {OUT}')
