import { lazy } from 'solid-js';

/** The money layer's pieces other screens render with one line; lazy, so first load stays under budget. */
export const CostOfLearning = lazy(() => import('./CostOfLearning'));
export const CostOfTest = lazy(() => import('./CostOfTest'));
