import { describe, it } from 'vitest';
import { compare } from '../../worker/stats';
import { expectClose } from './close';
import r from './fixtures/r.json';

// R's own prop.test(correct = FALSE) and t.test(var.equal = FALSE), independent of the mpmath oracle.
describe('agreement with R', () => {
  it.each(
    r.propTest.map(
      (c) =>
        [`${c.control.conversions}/${c.control.units} vs ${c.treatment.conversions}/${c.treatment.units}`, c] as const,
    ),
  )('prop.test: %s', (_, c) => {
    const got = compare({
      metric: 'proportion',
      variants: [
        { name: 'A', ...c.control },
        { name: 'B', ...c.treatment },
      ],
    }).variants[0]!;
    const z = got.test.statistic as number;
    expectClose(
      { chiSquare: z * z, pValue: got.test.pValue, ci: got.test.ciAbsolute },
      { chiSquare: c.chiSquare, pValue: c.pValue, ci: c.ci95 },
    );
  });
  it.each(r.tTest.map((c, i) => [`case ${i + 1} (${c.control.length} vs ${c.treatment.length} values)`, c] as const))(
    't.test: %s',
    (_, c) => {
      // Summarise the raw vectors both ways the API accepts: sums, and mean + sd.
      const sums = (xs: number[]) => ({
        units: xs.length,
        sum: xs.reduce((s, x) => s + x, 0),
        sumSquares: xs.reduce((s, x) => s + x * x, 0),
      });
      const meanSd = (xs: number[]) => {
        const m = xs.reduce((s, x) => s + x, 0) / xs.length;
        return {
          units: xs.length,
          mean: m,
          sd: Math.sqrt(xs.reduce((s, x) => s + (x - m) * (x - m), 0) / (xs.length - 1)),
        };
      };
      const expected = { statistic: c.statistic, df: c.df, pValue: c.pValue, ciAbsolute: c.ci95 };
      for (const summarise of [sums, meanSd]) {
        const variants = [
          { name: 'A', ...summarise(c.control) },
          { name: 'B', ...summarise(c.treatment) },
        ];
        expectClose(compare({ metric: 'mean', variants }).variants[0]!.test, expected);
        expectClose(compare({ metric: 'mean', variants, alpha: 0.1 }).variants[0]!.test.ciAbsolute, c.ci90);
      }
    },
  );
});
