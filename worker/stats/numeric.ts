// Tolerances shared by the series and continued fractions of the special functions.

/** Relative change at which a series or continued fraction has converged (just above double precision). */
export const EPS = 1e-16;
/** Stands in for a zero denominator in the modified Lentz method. */
export const TINY = 1e-300;
/** A safety cap; convergence takes far fewer steps for every argument the engine uses. */
export const MAX_ITERATIONS = 100_000;
