import { z } from 'zod';

export const email = z.email('must be an email address').max(254);
export const password = z.string().min(10, 'must be at least 10 characters').max(200);
export const personName = z.string().trim().min(1, 'required').max(120);

export const setupBody = z.object({
  workspace: z.string().trim().min(1, 'required').max(120),
  name: personName,
  email,
  password,
});
export const loginBody = z.object({
  email,
  password: z.string().min(1, 'required').max(200),
  workspaceId: z.string().max(64).optional(),
});
export const acceptInviteBody = z.object({ token: z.string().min(10).max(200), password, name: personName.optional() });
