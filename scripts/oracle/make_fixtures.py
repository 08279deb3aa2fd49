#!/usr/bin/python3
"""Oracle values for the Hadi statistics engine (worker/stats), computed independently of the TypeScript.

Everything is evaluated with mpmath at 60 significant digits straight from the published formulas
(no shared code with the engine); scipy/statsmodels are used only as cross-checks that abort the run
if they disagree. R's own functions are checked separately by r_fixtures.R.

Run:  /usr/bin/python3 scripts/oracle/make_fixtures.py   (writes test/stats/fixtures/*.json)
"""
import json
import math
import os
import sys

import numpy as np
from mpmath import mp, mpf, sqrt, log, exp, loggamma, betainc, gammainc, ncdf, npdf, erfinv, findroot, quad, inf
from scipy import stats, integrate
from statsmodels.stats.multitest import multipletests

mp.dps = 60
OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'stats', 'fixtures')


def f(x):
    """mpf -> float for JSON (None stays None)."""
    return None if x is None else float(x)


def check(label, a, b, rel=1e-9, abs_=1e-300):
    a, b = float(a), float(b)
    if not (abs(a - b) <= max(rel * abs(b), abs_)):
        sys.exit(f'cross-check failed: {label}: {a!r} vs {b!r}')


# ---------------------------------------------------------------- distributions (mpmath, 60 digits)
def norm_sf(z):
    return ncdf(-mpf(z))


def norm_isf(q):
    """z with P(Z > z) = q. 2q − 1 must not round to −1, so carry as many extra digits as q has leading zeros."""
    q = mpf(q)
    with mp.workdps(mp.dps + max(0, int(-mp.log10(q)))):
        return +(-sqrt(2) * erfinv(2 * q - 1))


def t_sf(t, df):
    t, df = mpf(t), mpf(df)
    if t < 0:
        return 1 - t_sf(-t, df)
    if t == 0:
        return mpf(1) / 2
    if t <= 2:  # near the centre the complementary form converges; sf > 0.02 so 60 digits absorb the subtraction
        return (1 - betainc(mpf(1) / 2, df / 2, 0, t * t / (df + t * t), regularized=True)) / 2
    return betainc(df / 2, mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2


def t_isf(q, df):
    q = mpf(q)
    guess = mpf(stats.t.isf(float(q), float(df)))
    return findroot(lambda t: log(t_sf(t, df)) - log(q), guess, tol=mpf(10) ** -50)


def chi2_sf(x, k):
    return gammainc(mpf(k) / 2, mpf(x) / 2, inf, regularized=True)


def distributions():
    zs = [0, 0.1, 0.5, 1, 1.5, 1.959963984540054, 2.5, 2.99, 3, 3.01, 4, 5, 6, 8, 10, 12.5, 15, 20, 25, 30, 35, 37.5, -0.5, -2, -3.5, -8]
    qs = [0.4, 0.25, 0.1, 0.05, 0.025, 0.005, 1e-3, 1e-5, 1e-10, 1e-20, 1e-50, 1e-90, 1e-200, 1e-300, 0.6, 0.975, 0.999]
    tcases = []
    for df in [1, 1.5, 2, 2.7, 3, 5, 10, 29.4, 58.3, 100, 1000, 12345.6, 1e5, 2e6, 2e7]:
        for t in [0, 0.05, 0.5, 1, 1.5, 1.96, 2.5, 3, 5, 10, 20, 40, 100, -1.2]:
            if not (t == 100 and df >= 1e5):  # ~1e-2000: mpmath's hypergeometric series gives up; both underflow anyway
                tcases.append([t, df])
    tq = []
    for df in [1, 1.2, 2, 3.3, 5, 10, 58.1, 1000, 1e5, 2e7]:
        for q in [0.4, 0.05, 0.025, 0.005, 0.0005, 1e-6, 1e-10]:
            tq.append([q, df])
    chis = [[0.5, 1], [3.84, 1], [10.83, 1], [100, 1], [400, 1], [0, 2], [1, 2], [13.8, 2], [1000, 2], [0.5, 3], [7.81, 3], [16.27, 3], [50, 3],
            [2000, 3], [50, 19], [5, 19], [30.14, 19], [1e5, 4], [0.001, 5], [120.25, 3]]
    out = {
        'normalSf': [[z, f(norm_sf(z))] for z in zs],
        'normalQuantileUpper': [[q, f(norm_isf(q))] for q in qs],
        'tSf': [[t, df, f(t_sf(t, df))] for t, df in tcases],
        'tQuantileUpper': [[q, df, f(t_isf(q, df))] for q, df in tq],
        'chiSquareSf': [[x, k, f(chi2_sf(x, k))] for x, k in chis],
    }
    for t, df, v in out['tSf']:
        check(f'scipy t.sf({t},{df})', stats.t.sf(t, df), v, rel=1e-6 if df < 1e6 else 1e-3)
    for x, k, v in out['chiSquareSf']:
        check(f'scipy chi2.sf({x},{k})', stats.chi2.sf(x, k), v, rel=1e-9)
    return out


# ---------------------------------------------------------------- exact Bayesian for Beta posteriors
def lbeta(a, b):
    return loggamma(a) + loggamma(b) - loggamma(a + b)


def p_greater(a, b, c, d):
    """P(X > Y) for X ~ Beta(a,b), Y ~ Beta(c,d), integer a: Evan Miller's closed-form sum over i < a of
    t_i = B(c+i, b+d) / ((b+i) B(1+i, b) B(c, d)), at 60 digits.

    The terms are unimodal in i (t_{i+1}/t_i − 1 has the sign of cb − c − b − d − (d+1)i), so instead of
    all a terms (10⁶ at 10⁷ units, ~minutes in pure-Python mpmath) we start at the largest term, taken
    directly from log-gammas, and walk both ways with the exact term ratio until a term drops below
    1e-75 of the running total. Small sums (a ≤ 5000) are still taken in full, from i = 0."""
    def ratio(i):  # t_{i+1} / t_i
        return mpf(c + i) * (b + i) / ((c + b + d + i) * (1 + i))
    if a <= 5000:
        term = exp(lbeta(c, b + d) - lbeta(c, d))
        total = mpf(0)
        for i in range(int(a)):
            total += term
            term *= ratio(i)
        return total
    mode = int(min(max(0, mp.ceil((mpf(c) * b - c - b - d) / (d + 1))), a - 1))
    peak = exp(lbeta(c + mode, b + d) - log(b + mode) - lbeta(1 + mode, b) - lbeta(c, d))
    total, term, i = peak, peak, mode
    while i + 1 < a:  # upwards
        term *= ratio(i)
        i += 1
        total += term
        if term < total * mpf(10) ** -75:
            break
    term, i = peak, mode
    while i > 0:  # downwards
        term /= ratio(i - 1)
        i -= 1
        total += term
        if term < total * mpf(10) ** -75:
            break
    return total


def p_greater_quad(a, b, c, d):
    """The same probability by quadrature over Y's density (cross-check for small posteriors)."""
    m = mpf(c) / (c + d)
    sd = sqrt(mpf(c) * d / ((c + d) ** 2 * (c + d + 1)))
    pts = sorted({mpf(0), mpf(1), *[m + k * sd for k in range(-40, 41, 5) if 0 < m + k * sd < 1]})
    dens = lambda y: exp((c - 1) * log(y) + (d - 1) * log(1 - y) - lbeta(c, d))
    return quad(lambda y: dens(y) * betainc(a, b, y, 1, regularized=True), pts)


def bayes_exact(ua, xa, ub, xb, cross='auto'):
    """Beta(1,1) priors. Returns chance P(pB > pA), E[(pA−pB)+] (loss choosing B), E[(pB−pA)+] (loss choosing A)."""
    aA, bA, aB, bB = xa + 1, ua - xa + 1, xb + 1, ub - xb + 1
    mA, mB = mpf(aA) / (aA + bA), mpf(aB) / (aB + bB)
    chance = p_greater(aB, bB, aA, bA)
    # E[(pB − pA)+] = E[pB 1{pB>pA}] − E[pA 1{pB>pA}]; size-biasing a Beta adds one to its first parameter.
    loss_control = mB * p_greater(aB + 1, bB, aA, bA) - mA * p_greater(aB, bB, aA + 1, bA)
    # E[(pA − pB)+] taken directly (not as loss_control − (mB − mA), which cancels to noise when it is ~1e-90).
    loss_treatment = mA * p_greater(aA + 1, bA, aB, bB) - mB * p_greater(aA, bA, aB + 1, bB)
    check('loss identity', loss_control - loss_treatment, mB - mA, rel=1e-40, abs_=1e-50)
    small = max(aA, bA, aB, bB) < 2000
    if cross == 'auto':
        # reflection: P(X > Y) = P(1−Y > 1−X), a different sum (over d instead of a)
        check('reflected sum', p_greater(bA, aA, bB, aB), chance, rel=1e-40)
        if small:
            check('quadrature', p_greater_quad(aB, bB, aA, bA), chance, rel=1e-30)
            lq = quad(lambda x: exp((aA - 1) * log(x) + (bA - 1) * log(1 - x) - lbeta(aA, bA)) *
                      (mB * betainc(aB + 1, bB, x, 1, regularized=True) - x * betainc(aB, bB, x, 1, regularized=True)), [0, mA, 1])
            check('loss quadrature', lq, loss_control, rel=1e-25)
        else:
            # double-precision quadrature with scipy (Boost's ibeta) as a coarse independent check
            sa = math.sqrt(aA * bA / ((aA + bA) ** 2 * (aA + bA + 1)))
            lo, hi = max(0.0, float(mA) - 40 * sa), min(1.0, float(mA) + 40 * sa)
            v, _ = integrate.quad(lambda x: stats.beta.pdf(x, aA, bA) * stats.beta.sf(x, aB, bB), lo, hi, points=[float(mA)], limit=200, epsabs=0, epsrel=1e-12)
            check('scipy quadrature', v, chance, rel=1e-7, abs_=1e-12)
    return chance, loss_treatment, loss_control


def bayesian():
    cases = [(10, 1, 12, 3), (100, 0, 100, 0), (100, 0, 100, 2), (50, 50, 60, 60), (1, 0, 1, 1), (1000, 100, 1000, 120),
             (1000, 120, 1000, 100), (10000, 500, 10000, 500), (20000, 1000, 20000, 1200), (5000, 4990, 5000, 4999),
             (1000000, 50000, 1000000, 50500), (1000000, 100000, 1000000, 108600), (1000000, 500000, 1000000, 499000)]
    out = []
    for ua, xa, ub, xb in cases:
        chance, lt, lc = bayes_exact(ua, xa, ub, xb)
        out.append({'control': {'units': ua, 'conversions': xa}, 'treatment': {'units': ub, 'conversions': xb},
                    'chanceToBeatControl': f(chance), 'expectedLossTreatment': f(lt), 'expectedLossControl': f(lc)})
    return out


# ---------------------------------------------------------------- compare(): the whole comparison
def arm(v, metric):
    n = v['units']
    if metric == 'proportion':
        if n == 0:
            return {'n': 0, 'mean': None, 'var': None, 'x': 0}
        p = mpf(v['conversions']) / n
        return {'n': n, 'mean': p, 'var': p * (1 - p), 'x': v['conversions']}
    if n == 0:
        return {'n': 0, 'mean': None, 'var': None}
    if 'mean' in v:
        m, var = mpf(v['mean']), (mpf(v['sd']) ** 2 if n >= 2 else None)
    else:
        m = mpf(v['sum']) / n
        var = (mpf(v['sumSquares']) - mpf(v['sum']) ** 2 / n) / (n - 1) if n >= 2 else None
    return {'n': n, 'mean': m, 'var': var}


def welch_df(va, na, vb, nb):
    return (vb / nb + va / na) ** 2 / (vb ** 2 / (nb ** 2 * (nb - 1)) + va ** 2 / (na ** 2 * (na - 1)))


def t_test(est, se, df, alpha):
    stat = est / se
    crit = t_isf(alpha / 2, df)
    return stat, 2 * t_sf(abs(stat), df), [est - crit * se, est + crit * se]


def relative(A, B, alpha, tuning):
    """gbstats frequentist relative lift: delta method without covariance, Student t with Welch df."""
    if A['mean'] is None or B['mean'] is None or A['var'] is None or B['var'] is None or A['mean'] == 0 or A['n'] < 2 or B['n'] < 2:
        return None, None
    mA, mB, vA, vB, nA, nB = A['mean'], B['mean'], A['var'], B['var'], A['n'], B['n']
    var = vB / (mA ** 2 * nB) + vA * mB ** 2 / (mA ** 4 * nA)
    if var == 0:
        return None, None
    se = sqrt(var)
    rel = (mB - mA) / mA
    df = welch_df(vA, nA, vB, nB)
    _, p, ci = t_test(rel, se, df, alpha)
    # gbstats SequentialTwoSidedTTest (Howard et al. 2021 asymptotic confidence sequence), n = both arms.
    n = mpf(nA + nB)
    rho = sqrt((-2 * log(alpha) + log(-2 * log(alpha) + 1)) / tuning)
    s2 = var * n
    half = sqrt(s2) * sqrt(2 * (n * rho ** 2 + 1) * log(sqrt(n * rho ** 2 + 1) / alpha) / (n * rho) ** 2)
    st2 = rel ** 2 * n / var
    tr2p1 = n * rho ** 2 + 1
    evalue = exp(rho ** 2 * st2 / (2 * tr2p1)) / sqrt(tr2p1)
    seq = {'ci': [rel - half, rel + half], 'pValue': min(mpf(1), 1 / evalue)}
    return {'stddev': se, 'ci': ci, 'pValue': p}, seq


def gaussian_bayes(rel_result, rel):
    if rel_result is None:
        return None
    mu, sigma = rel, rel_result['stddev']
    z = mu / sigma
    return {'chanceToBeatControl': ncdf(z),
            'expectedLossTreatment': sigma * npdf(z) - mu * ncdf(-z),
            'expectedLossControl': sigma * npdf(z) + mu * ncdf(z)}


def holm(ps):
    idx = [i for i, p in enumerate(ps) if p is not None]
    m = len(idx)
    order = sorted(idx, key=lambda i: ps[i])
    out, running = [None] * len(ps), mpf(0)
    for rank, i in enumerate(order):
        running = max(running, min(mpf(1), (m - rank) * ps[i]))
        out[i] = running
    return out


def bh(ps):
    idx = [i for i, p in enumerate(ps) if p is not None]
    m = len(idx)
    order = sorted(idx, key=lambda i: ps[i], reverse=True)
    out, running = [None] * len(ps), mpf(1)
    for k, i in enumerate(order):
        rank = m - k
        running = min(running, min(mpf(1), ps[i] * m / rank))
        out[i] = running
    return out


def srm(observed, weights=None):
    k = len(observed)
    weights = weights or [1] * k
    total = sum(observed)
    if total == 0:
        return {'chiSquare': None, 'df': k - 1, 'pValue': None, 'mismatch': False}
    wsum = sum(mpf(w) for w in weights)
    chi = sum((mpf(o) - total * mpf(w) / wsum) ** 2 / (total * mpf(w) / wsum) for o, w in zip(observed, weights))
    p = chi2_sf(chi, k - 1)
    sp = stats.chisquare(observed, [total * w / float(wsum) for w in weights])
    check('scipy chisquare', sp.statistic, chi, rel=1e-9, abs_=1e-20)  # chi = 0 exactly vs scipy's 1e-31
    return {'chiSquare': chi, 'df': k - 1, 'pValue': p, 'mismatch': bool(p < mpf('0.001'))}


def compare(inp):
    metric = inp['metric']
    alpha = mpf(inp.get('alpha', 0.05))
    tuning = mpf(inp.get('sequentialTuning', 5000))
    correction = inp.get('correction', 'holm')
    arms = [arm(v, metric) for v in inp['variants']]
    A = arms[0]
    out_vars, pvals = [], []
    for v, B in zip(inp['variants'][1:], arms[1:]):
        r = {'name': v['name'], 'units': v['units'], 'estimate': B['mean'], 'absoluteLift': None, 'relativeLift': None,
             'test': {'statistic': None, 'df': None, 'pValue': None, 'adjustedPValue': None, 'ciAbsolute': None},
             'relative': None, 'sequential': None, 'bayesian': None}
        if A['mean'] is not None and B['mean'] is not None:
            diff = B['mean'] - A['mean']
            r['absoluteLift'] = diff
            r['relativeLift'] = diff / A['mean'] if A['mean'] != 0 else None
            if metric == 'proportion':
                nA, nB = A['n'], B['n']
                pooled = mpf(A['x'] + B['x']) / (nA + nB)
                se0 = sqrt(pooled * (1 - pooled) * (mpf(1) / nA + mpf(1) / nB))
                if se0 > 0:
                    z = diff / se0
                    r['test']['statistic'] = z
                    r['test']['pValue'] = 2 * norm_sf(abs(z))
                se1 = sqrt(A['var'] / nA + B['var'] / nB)
                if se1 > 0:
                    crit = norm_isf(alpha / 2)
                    r['test']['ciAbsolute'] = [diff - crit * se1, diff + crit * se1]
                chance, lt, lc = bayes_exact(nA, A['x'], nB, B['x'], cross='auto')
                r['bayesian'] = {'chanceToBeatControl': chance, 'expectedLossTreatment': lt, 'expectedLossControl': lc}
            elif A['var'] is not None and B['var'] is not None:
                se = sqrt(A['var'] / A['n'] + B['var'] / B['n'])
                if se > 0:
                    df = welch_df(A['var'], A['n'], B['var'], B['n'])
                    stat, p, ci = t_test(diff, se, df, alpha)
                    r['test'].update({'statistic': stat, 'df': df, 'pValue': p, 'ciAbsolute': ci})
            rel, seq = relative(A, B, alpha, tuning)
            r['relative'], r['sequential'] = rel, seq
            if metric == 'mean':
                r['bayesian'] = gaussian_bayes(rel, r['relativeLift'])
        pvals.append(r['test']['pValue'])
        out_vars.append(r)
    adjusted = pvals if correction == 'none' else holm(pvals) if correction == 'holm' else bh(pvals)
    for r, p in zip(out_vars, adjusted):
        r['test']['adjustedPValue'] = p
    return {'control': {'name': inp['variants'][0]['name'], 'units': A['n'], 'estimate': A['mean']},
            'variants': out_vars, 'srm': srm([v['units'] for v in inp['variants']], inp.get('weights'))}


def to_json(x):
    if isinstance(x, dict):
        return {k: to_json(v) for k, v in x.items()}
    if isinstance(x, list):
        return [to_json(v) for v in x]
    if isinstance(x, bool) or x is None or isinstance(x, (int, str)):
        return x
    return float(x)


P = lambda name, units, conversions: {'name': name, 'units': units, 'conversions': conversions}
M = lambda name, units, mean, sd: {'name': name, 'units': units, 'mean': mean, 'sd': sd}
COMPARE_CASES = [
    ('proportion: typical', {'metric': 'proportion', 'variants': [P('control', 1000, 100), P('B', 1000, 120)]}),
    ('proportion: tiny counts', {'metric': 'proportion', 'variants': [P('control', 10, 1), P('B', 12, 3)]}),
    ('proportion: treatment has zero conversions', {'metric': 'proportion', 'variants': [P('control', 500, 10), P('B', 500, 0)]}),
    ('proportion: control has zero conversions', {'metric': 'proportion', 'variants': [P('control', 500, 0), P('B', 500, 5)]}),
    ('proportion: both arms at 0%', {'metric': 'proportion', 'variants': [P('control', 100, 0), P('B', 100, 0)]}),
    ('proportion: both arms at 100%', {'metric': 'proportion', 'variants': [P('control', 50, 50), P('B', 60, 60)]}),
    ('proportion: control at 100%', {'metric': 'proportion', 'variants': [P('control', 20, 20), P('B', 20, 15)]}),
    ('proportion: identical arms', {'metric': 'proportion', 'variants': [P('control', 10000, 500), P('B', 10000, 500)]}),
    ('proportion: one unit each', {'metric': 'proportion', 'variants': [P('control', 1, 0), P('B', 1, 1)]}),
    ('proportion: treatment with zero units', {'metric': 'proportion', 'variants': [P('control', 1000, 100), P('B', 0, 0)]}),
    ('proportion: 10^7 units', {'metric': 'proportion', 'variants': [P('control', 10000000, 1000000), P('B', 10000000, 1002000)]}),
    ('proportion: 10^7 units, unequal arms', {'metric': 'proportion', 'variants': [P('control', 10000000, 500000), P('B', 9000000, 450000)], 'weights': [10, 9]}),
    ('proportion: extreme tail p ~ 1e-89', {'metric': 'proportion', 'variants': [P('control', 1000000, 100000), P('B', 1000000, 108600)]}),
    ('proportion: extreme tail p ~ 1e-190', {'metric': 'proportion', 'variants': [P('control', 10000000, 1000000), P('B', 10000000, 1040000)]}),
    ('proportion: 10^6 per arm, small lift', {'metric': 'proportion', 'variants': [P('control', 1000000, 50000), P('B', 1000000, 50500)]}),
    ('proportion: alpha 0.1, tuning 1000, no correction', {'metric': 'proportion', 'alpha': 0.1, 'sequentialTuning': 1000, 'correction': 'none',
                                                            'variants': [P('control', 2000, 300), P('B', 2100, 350)]}),
    ('proportion: 3 arms, Holm', {'metric': 'proportion', 'correction': 'holm',
                                   'variants': [P('control', 5000, 400), P('B', 5000, 460), P('C', 5000, 430)]}),
    ('proportion: 4 arms, BH, split mismatch', {'metric': 'proportion', 'correction': 'bh', 'weights': [1, 1, 1, 1],
                                                'variants': [P('A', 10000, 500), P('B', 10000, 560), P('C', 9000, 470), P('D', 10500, 530)]}),
    ('proportion: 4 arms, Holm, one empty arm', {'metric': 'proportion', 'correction': 'holm',
                                                 'variants': [P('A', 3000, 90), P('B', 3000, 120), P('C', 0, 0), P('D', 3000, 60)]}),
    ('proportion: planned 1:3 split', {'metric': 'proportion', 'weights': [1, 3], 'variants': [P('control', 2000, 100), P('B', 6000, 330)]}),
    ('mean: typical (mean and sd)', {'metric': 'mean', 'variants': [M('control', 1000, 2.5, 12), M('B', 1000, 2.8, 13.5)]}),
    ('mean: sums and sums of squares', {'metric': 'mean', 'variants': [{'name': 'control', 'units': 50, 'sum': 512.5, 'sumSquares': 8000},
                                                                        {'name': 'B', 'units': 60, 'sum': 700, 'sumSquares': 11000}]}),
    ('mean: two and three units', {'metric': 'mean', 'variants': [M('control', 2, 10, 2), M('B', 3, 14, 5)]}),
    ('mean: no variation anywhere', {'metric': 'mean', 'variants': [M('control', 100, 5, 0), M('B', 100, 5, 0)]}),
    ('mean: control without variation', {'metric': 'mean', 'variants': [M('control', 100, 5, 0), M('B', 100, 6, 2)]}),
    ('mean: control mean 0', {'metric': 'mean', 'variants': [M('control', 200, 0, 3), M('B', 200, 0.5, 3)]}),
    ('mean: single-unit control', {'metric': 'mean', 'variants': [M('control', 1, 5, 0), M('B', 50, 6, 2)]}),
    ('mean: treatment with zero units', {'metric': 'mean', 'variants': [M('control', 100, 5, 1), M('B', 0, 0, 0)]}),
    ('mean: 10^7 units', {'metric': 'mean', 'variants': [M('control', 10000000, 50.2, 80), M('B', 10000000, 50.3, 81)]}),
    ('mean: extreme tail p ~ 1e-100', {'metric': 'mean', 'variants': [M('control', 200, 10, 1), M('B', 200, 13, 1)]}),
    ('mean: negative control mean', {'metric': 'mean', 'variants': [M('control', 500, -2, 10), M('B', 500, -1.5, 10)]}),
    ('mean: 3 arms, BH, alpha 0.1', {'metric': 'mean', 'correction': 'bh', 'alpha': 0.1,
                                      'variants': [M('control', 800, 31.2, 40.5), M('B', 820, 35.9, 44.1), M('C', 790, 29.0, 39.7)]}),
    ('mean: unequal variances and sizes', {'metric': 'mean', 'correction': 'none',
                                           'variants': [M('control', 40, 120.5, 15.2), M('B', 400, 126.25, 60.8)]}),
]


# ---------------------------------------------------------------- cost metrics (delta method, normal)
def cost_arm(formula, v):
    spend, n = mpf(v['spend']), v['units']
    if formula == 'cpc':
        if n == 0:
            return None, None
        est = spend / n
        return est, est ** 2 / n  # clicks ~ Poisson, spend fixed
    if formula == 'cpa':
        x = v['conversions']
        if x == 0:
            return None, None
        est = spend / x
        return est, est ** 2 * (1 - mpf(x) / n) / x  # conversions ~ Binomial(units, p), spend fixed
    if spend == 0:
        return None, None
    est = mpf(v['revenue']) / spend
    if v.get('revenueSd') is None or n < 2:
        return est, None
    return est, n * mpf(v['revenueSd']) ** 2 / spend ** 2  # revenue = sum of per-unit values


def cost_compare(inp):
    alpha = mpf(inp.get('alpha', 0.05))
    z = norm_isf(alpha / 2)
    arms = [cost_arm(inp['formula'], v) for v in inp['variants']]
    ci = lambda e, var: None if e is None or var is None or var == 0 else [e - z * sqrt(var), e + z * sqrt(var)]
    (eA, vA) = arms[0]
    out = {'control': {'estimate': eA, 'ci': ci(eA, vA)}, 'variants': []}
    for (eB, vB) in arms[1:]:
        r = {'estimate': eB, 'ci': ci(eB, vB), 'absoluteLift': None, 'relativeLift': None, 'ciAbsolute': None, 'pValue': None, 'relative': None}
        if eA is not None and eB is not None:
            r['absoluteLift'] = eB - eA
            r['relativeLift'] = eB / eA - 1 if eA != 0 else None
            if vA is not None and vB is not None and vA + vB > 0:
                se = sqrt(vA + vB)
                r['ciAbsolute'] = [eB - eA - z * se, eB - eA + z * se]
                r['pValue'] = 2 * norm_sf(abs(eB - eA) / se)
                var_rel = vB / eA ** 2 + eB ** 2 * vA / eA ** 4
                rel = eB / eA - 1
                sr = sqrt(var_rel)
                r['relative'] = {'stddev': sr, 'ci': [rel - z * sr, rel + z * sr], 'pValue': 2 * norm_sf(abs(rel) / sr)}
        out['variants'].append(r)
    return out


C = lambda name, units, spend, **kw: {'name': name, 'units': units, 'spend': spend, **kw}
COST_CASES = [
    ('cpa: typical', {'formula': 'cpa', 'variants': [C('control', 5000, 2500.0, conversions=100), C('B', 5000, 2500.0, conversions=125)]}),
    ('cpa: CPA 12% worse', {'formula': 'cpa', 'alpha': 0.1, 'variants': [C('control', 20000, 10000.0, conversions=400), C('B', 20000, 11200.0, conversions=400)]}),
    ('cpa: zero conversions in treatment', {'formula': 'cpa', 'variants': [C('control', 300, 150.0, conversions=3), C('B', 300, 150.0, conversions=0)]}),
    ('cpa: every unit converts', {'formula': 'cpa', 'variants': [C('control', 40, 80.0, conversions=40), C('B', 40, 60.0, conversions=40)]}),
    ('cpc: typical', {'formula': 'cpc', 'variants': [C('control', 1200, 960.0), C('B', 1300, 975.0), C('C', 1100, 990.0)]}),
    ('roas: with revenue sd', {'formula': 'roas', 'variants': [C('control', 400, 1000.0, revenue=3400.0, revenueSd=25.0), C('B', 420, 1000.0, revenue=3900.0, revenueSd=27.5)]}),
    ('roas: without revenue sd', {'formula': 'roas', 'variants': [C('control', 400, 1000.0, revenue=3400.0), C('B', 420, 1000.0, revenue=3900.0)]}),
]


# ---------------------------------------------------------------- sample size (means) and corrections
def sample_size_mean(baseline, sd, mde, alpha, power, variants, daily):
    delta = abs(mpf(baseline) * mde)
    n = 2 * mpf(sd) ** 2 * (norm_isf(mpf(alpha) / 2) + norm_isf(1 - mpf(power))) ** 2 / delta ** 2
    per = int(mp.ceil(n))
    total = per * variants
    return {'perVariant': per, 'total': total, 'days': None if daily is None else int(mp.ceil(mpf(total) / daily)), 'exact': f(n)}


MEAN_SIZE_CASES = [(50, 80, 0.02, 0.05, 0.8, 2, 10000), (3.2, 12.5, 0.05, 0.05, 0.9, 3, None), (120, 40, 0.1, 0.01, 0.8, 2, 150),
                   (10, 5, -0.05, 0.1, 0.95, 4, 2500), (1, 1, 1, 0.05, 0.8, 2, 1)]

ADJUST_CASES = [[0.01, 0.04, 0.03, 0.005], [0.5], [0.04, 0.04, 0.04], [1e-30, 0.2, 0.049, 0.051, 0.9], [0.02, 0.02, 0.03, 0.5, 0.001, 0.001]]


def main():
    os.makedirs(OUT, exist_ok=True)
    write = lambda name, data: json.dump(data, open(os.path.join(OUT, name), 'w'), indent=1, allow_nan=False)
    write('distributions.json', distributions())
    write('bayesian.json', bayesian())
    write('compare.json', [{'name': n, 'input': i, 'expected': to_json(compare(i))} for n, i in COMPARE_CASES])
    write('cost.json', [{'name': n, 'input': i, 'expected': to_json(cost_compare(i))} for n, i in COST_CASES])
    write('sample-size-mean.json', [{'input': {'metric': 'mean', 'baselineMean': b, 'sd': s, 'relativeMde': m, 'alpha': a, 'power': p, 'variants': k,
                                               **({} if d is None else {'dailyUnits': d})}, 'expected': sample_size_mean(b, s, m, a, p, k, d)}
                                    for b, s, m, a, p, k, d in MEAN_SIZE_CASES])
    adjust = []
    for ps in ADJUST_CASES:
        mp_ps = [mpf(p) for p in ps]
        h, b = holm(mp_ps), bh(mp_ps)
        for mine, method in ((h, 'holm'), (b, 'fdr_bh')):
            for x, y in zip(multipletests(ps, method=method)[1], mine):
                check('statsmodels ' + method, x, y, rel=1e-12)
        adjust.append({'p': ps, 'holm': to_json(h), 'bh': to_json(b)})
    write('corrections.json', adjust)
    srm_cases = [([5000, 5000], None), ([5100, 4900], None), ([1000, 1000, 1200], None), ([2000, 6000], [1, 3]), ([2100, 5900], [1, 3]),
                 ([10000, 10000, 9000, 10500], None), ([0, 0], None), ([1, 0], None), ([100000, 101500], [50, 50]), ([20, 30, 50], [0.2, 0.3, 0.5])]
    write('srm.json', [{'observed': o, 'weights': w, 'expected': to_json(srm(o, w))} for o, w in srm_cases])


if __name__ == '__main__':
    main()
