#!/usr/bin/python3
"""Oracle for the Bayesian credible interval of the relative lift that compare() reports (issue 8, #6).

compare() gives gbstats' flat-prior Gaussian posterior of the relative lift: mean = lift, sd = delta-method
standard error, interval = mean ± z(1 − α/2)·sd. Here the same quantity is computed independently with scipy
(norm.interval), and, for proportions, the exact interval of p_B/p_A − 1 under independent Beta(1,1) posteriors
by numerical integration (P(p_B/p_A − 1 ≤ x) = ∫ f_A(a) F_B(a(1+x)) da, solved for the quantiles with brentq), so
the test can bound how far the Gaussian reading is from the exact posterior.

Run:  /usr/bin/python3 scripts/oracle/credible_fixtures.py   (writes test/stats/fixtures/credible.json, < 10 s)
"""
import json
import math
import os

from scipy import integrate, optimize, stats

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'stats', 'fixtures', 'credible.json')


def gaussian(mA, vA, nA, mB, vB, nB, alpha):
    lift = mB / mA - 1
    var = vB / (mA ** 2 * nB) + vA * mB ** 2 / (mA ** 4 * nA)
    lo, hi = stats.norm.interval(1 - alpha, loc=lift, scale=math.sqrt(var))
    return [lo, hi]


def exact_beta(cA, nA, cB, nB, alpha):
    A = stats.beta(cA + 1, nA - cA + 1)
    B = stats.beta(cB + 1, nB - cB + 1)
    lo_a, hi_a = A.ppf(1e-12), A.isf(1e-12)

    def cdf(x):
        val, _ = integrate.quad(lambda a: A.pdf(a) * B.cdf(a * (1 + x)), lo_a, hi_a, limit=200, epsabs=1e-13)
        return val

    def quantile(q):
        return optimize.brentq(lambda x: cdf(x) - q, -0.99, 20, xtol=1e-12)

    return [quantile(alpha / 2), quantile(1 - alpha / 2)]


cases = []
for (nA, cA, nB, cB, alpha) in [
    (2000, 80, 2000, 107, 0.05),
    (6000, 300, 6000, 420, 0.05),
    (10000, 1000, 10000, 1040, 0.05),
    (50000, 1500, 50000, 1620, 0.1),
    (1000, 30, 1200, 45, 0.05),
]:
    pA, pB = cA / nA, cB / nB
    # gbstats' Bernoulli variance p(1 − p) per unit.
    vA, vB = pA * (1 - pA), pB * (1 - pB)
    cases.append({
        'metric': 'proportion', 'alpha': alpha,
        'variants': [{'name': 'A', 'units': nA, 'conversions': cA}, {'name': 'B', 'units': nB, 'conversions': cB}],
        'credibleInterval': gaussian(pA, vA, nA, pB, vB, nB, alpha),
        'exactBetaInterval': exact_beta(cA, nA, cB, nB, alpha),
    })
for (nA, mA, sA, nB, mB, sB, alpha) in [
    (6000, 2.5, 12, 6000, 2.9, 12.5, 0.05),
    (400, 50, 20, 420, 53, 22, 0.05),
]:
    cases.append({
        'metric': 'mean', 'alpha': alpha,
        'variants': [{'name': 'A', 'units': nA, 'mean': mA, 'sd': sA}, {'name': 'B', 'units': nB, 'mean': mB, 'sd': sB}],
        'credibleInterval': gaussian(mA, sA ** 2, nA, mB, sB ** 2, nB, alpha),
        'exactBetaInterval': None,
    })
with open(OUT, 'w') as fh:
    json.dump({'generatedBy': '/usr/bin/python3 scripts/oracle/credible_fixtures.py', 'cases': cases}, fh, indent=1)
print(f'wrote {len(cases)} cases to {OUT}')
