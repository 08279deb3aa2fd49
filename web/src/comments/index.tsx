import { lazy } from 'solid-js';

/** The comment thread, loaded only when a screen shows it (keeps it out of the first-load bundle). */
export const Comments = lazy(() => import('./CommentThread'));
