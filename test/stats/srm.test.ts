import { describe, it } from 'vitest';
import { srm } from '../../worker/stats';
import { expectClose } from './close';
import python from './fixtures/srm.json';
import r from './fixtures/r.json';

describe('SRM chi-square', () => {
  it.each(python.map((c) => [`${c.observed.join(':')} vs ${c.weights?.join(':') ?? 'equal'}`, c] as const))(
    'mpmath: %s',
    (_, c) => {
      expectClose(srm(c.observed, c.weights ?? undefined), c.expected);
    },
  );
  it.each(r.chisqTest.map((c) => [`${c.observed.join(':')} vs ${c.weights.join(':')}`, c] as const))(
    'R chisq.test: %s',
    (_, c) => {
      const got = srm(c.observed, c.weights);
      expectClose(
        { chiSquare: got.chiSquare, df: got.df, pValue: got.pValue },
        { chiSquare: c.chiSquare, df: c.df, pValue: c.pValue },
      );
    },
  );
});
