/** The money layer's pure core, shared by the Worker and the PWA (works offline): no Hono, no D1. */
export * from './model';
export * from './expected-value';
export * from './objective';
export * from './stress';
