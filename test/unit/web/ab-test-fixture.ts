import type { Cycle, Metric } from '../../../web/src/api';

/** An A/B test on conversion rate, as the test screen's components receive it. */
export const conversion = { id: 'm-conv', name: 'Conversion rate', kind: 'proportion', unit: 'visitor' } as Metric;
export const abTest = {
  id: 'c-1',
  variants: [
    { key: 'control', name: 'Control', weight: 1 },
    { key: 'treatment', name: 'Treatment', weight: 1 },
  ],
  decisionRule: { primaryMetricId: conversion.id },
  secondaryMetricIds: [],
} as unknown as Cycle;
