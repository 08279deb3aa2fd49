import { z } from 'zod';
import { COMMENT_TARGETS } from '../../db/schema';
import { clientId, shortText, versionField } from '../http/common';
import { listQuery } from '../records/pagination';

/** Comments are plain text (rendered as text, never HTML), one screenful at most. */
export const COMMENT_MAX = 2000;
/** Authors may correct a comment for this long after posting it. */
export const EDIT_WINDOW_MS = 15 * 60_000;

const target = { targetType: z.enum(COMMENT_TARGETS), targetId: z.string().min(1).max(64) };

export const createCommentBody = z.object({ id: clientId.optional(), ...target, body: shortText(COMMENT_MAX) }).meta({
  examples: [{ targetType: 'cycle', targetId: 'cycle-id', body: '@Dana can we stop at 14 days if B leads by then?' }],
});
export const updateCommentBody = z.object({ body: shortText(COMMENT_MAX), ...versionField });
export const listCommentsQuery = z.object({ ...target, ...listQuery });
