import { eq, sql } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { members, users } from '../../db/schema';
import { auditInsert } from '../audit/record';
import type { AppEnv } from '../env';
import { ApiError, conflict, unauthorized } from '../http/errors';
import { valid } from '../http/validate';
import { runAtomic, StaleWrite } from '../records/batch';
import { createWorkspace } from '../workspaces/create';
import { inviteByToken, memberForLogin, profile } from './accounts';
import { hashPassword, verifyPassword } from './crypto';
import { authenticate } from './middleware';
import { checkRateLimit } from './rate-limit';
import { acceptInviteBody, loginBody, setupBody } from './schemas';
import { endSession, SESSION_COOKIE, SESSION_DAYS, startSession } from './sessions';

async function signIn(c: Context<AppEnv>, memberId: string) {
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

const clientKey = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip') ?? 'local';

export const authRoutes = new Hono<AppEnv>()
  .post('/setup', valid('json', setupBody), async (c) => {
    const db = c.get('db');
    const [existing] = await db.select({ n: sql<number>`count(*)` }).from(users);
    if ((existing?.n ?? 0) > 0) throw conflict('Hadi is already set up; sign in instead', undefined, 'already_set_up');
    try {
      const { memberId } = await createWorkspace(db, c.req.valid('json'), { onlyIfNoUsers: true });
      return c.json(await signIn(c, memberId), 201);
    } catch (err) {
      if (!(err instanceof StaleWrite)) throw err;
      throw conflict('Hadi is already set up; sign in instead', undefined, 'already_set_up');
    }
  })
  .post('/login', valid('json', loginBody), async (c) => {
    const { email, password, workspaceId } = c.req.valid('json');
    const db = c.get('db');
    await checkRateLimit(db, `login:email:${email.toLowerCase()}`);
    await checkRateLimit(db, `login:ip:${clientKey(c)}`, { attempts: 50, windowSeconds: 15 * 60 });
    const member = await memberForLogin(db, email, password, workspaceId);
    if (!member) throw new ApiError(401, 'invalid_credentials', 'Email or password is wrong');
    return c.json(await signIn(c, member.id));
  })
  .post('/accept-invite', valid('json', acceptInviteBody), async (c) => {
    const db = c.get('db');
    const body = c.req.valid('json');
    await checkRateLimit(db, `invite:ip:${clientKey(c)}`, { attempts: 30, windowSeconds: 15 * 60 });
    const invite = await inviteByToken(db, body.token);
    if (!invite)
      throw new ApiError(404, 'not_found', 'This invite link is invalid or has expired; ask an admin for a new one');
    // An invite must never reset the password of an existing account (the inviting admin sees the invite token):
    // a person who already has a password joins by proving it, and their account is left as it is.
    const { passwordHash, passwordSalt, passwordIterations } = invite.user;
    if (
      passwordHash &&
      !(await verifyPassword(body.password, {
        hash: passwordHash,
        salt: passwordSalt ?? '',
        iterations: passwordIterations ?? 0,
      }))
    ) {
      throw new ApiError(
        401,
        'invalid_credentials',
        'You already have a Hadi account: enter its current password to join this workspace',
      );
    }
    const pw = passwordHash ? null : await hashPassword(body.password);
    const actor = { id: invite.member.id, type: 'member' as const, workspaceId: invite.member.workspaceId };
    await runAtomic(db, [
      ...(pw
        ? [
            db
              .update(users)
              .set({
                passwordHash: pw.hash,
                passwordSalt: pw.salt,
                passwordIterations: pw.iterations,
                ...(body.name && { name: body.name }),
              })
              .where(eq(users.id, invite.user.id)),
          ]
        : []),
      db
        .update(members)
        .set({ status: 'active', inviteTokenHash: null, inviteExpiresAt: null, version: invite.member.version + 1 })
        .where(eq(members.id, invite.member.id)),
      auditInsert(db, actor, {
        action: 'accept_invite',
        entity: 'member',
        entityId: invite.member.id,
        before: { status: 'invited' },
        after: { status: 'active' },
      }),
    ]);
    return c.json(await signIn(c, invite.member.id));
  })
  .post('/logout', authenticate, async (c) => {
    const hash = c.get('sessionHash');
    if (hash) await endSession(c.get('db'), hash);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.json({ ok: true });
  })
  .get('/me', authenticate, async (c) => {
    const actor = c.get('actor');
    if (actor.type === 'token')
      return c.json({
        memberId: null,
        role: actor.role,
        userId: null,
        name: actor.name,
        email: null,
        workspaceId: actor.workspaceId,
        workspace: null,
        currency: null,
        timeZone: null,
        tokenId: actor.id,
      });
    const me = await profile(c.get('db'), actor.id);
    if (!me) throw unauthorized();
    return c.json({ ...me, tokenId: null });
  });
