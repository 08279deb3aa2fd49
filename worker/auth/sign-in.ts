import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { unauthorized } from '../http/errors';
import { profile } from './accounts';
import { SESSION_COOKIE, SESSION_DAYS, startSession } from './sessions';

/** Starts a session for one membership, sets the cookie, and answers with the profile /api/auth/me gives. */
export async function signIn(c: Context<AppEnv>, memberId: string) {
  const token = await startSession(c.get('db'), memberId);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_DAYS * 86_400,
  });
  const me = await profile(c.get('db'), memberId);
  if (!me) throw unauthorized();
  return me;
}
