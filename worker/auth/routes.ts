import { and, eq, isNull, sql } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import { deleteCookie } from 'hono/cookie';
import { members, users } from '../../db/schema';
import { auditInsert } from '../audit/record';
import type { AppEnv } from '../env';
import { ApiError, conflict, notFound, unauthorized } from '../http/errors';
import { idParam } from '../http/common';
import { valid } from '../http/validate';
import { expectOneChange, runAtomic, StaleWrite } from '../records/batch';
import { activeMembership, memberships, openInvites } from '../workspaces/queries';
import { switchBody } from '../workspaces/schemas';
import { createWorkspace } from '../workspaces/create';
import { dummyHash, inviteByToken, memberForLogin, profile } from './accounts';
import { hashPassword, verifyPassword } from './crypto';
import { authenticate } from './middleware';
import { checkRateLimit } from './rate-limit';
import { acceptInviteBody, loginBody, setupBody } from './schemas';
import { endSession, notAMember, SESSION_COOKIE } from './sessions';
import { personOf } from './person';
import { signIn } from './sign-in';

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
    // Only the invite that created the account may set its password. Any other invite, from any workspace, to an
    // existing or still-pending account joins by proving the account's own password: an admin who sees their
    // invite token can neither reset a password nor set one first. The answer is the same whether the account
    // has no password yet or another one, so it tells the inviting workspace nothing more.
    const { passwordHash, passwordSalt, passwordIterations } = invite.user;
    if (passwordHash || !invite.member.inviteSetsPassword) {
      await checkRateLimit(db, `login:email:${invite.user.email}`);
      const ok = await verifyPassword(
        body.password,
        passwordHash
          ? { hash: passwordHash, salt: passwordSalt ?? '', iterations: passwordIterations ?? 0 }
          : await dummyHash(),
      );
      if (!ok || !passwordHash)
        throw new ApiError(
          401,
          'invalid_credentials',
          'This invitation is for an existing Hadi account: enter that account’s own password to join (or sign in and accept it under Workspaces)',
        );
    }
    const pw = passwordHash ? null : await hashPassword(body.password);
    const actor = { id: invite.member.id, type: 'member' as const, workspaceId: invite.member.workspaceId };
    const accepted = runAtomic(db, [
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
              .where(and(eq(users.id, invite.user.id), isNull(users.passwordHash))),
            expectOneChange(db), // two racing acceptances of the same link: the first sets the password, once
          ]
        : []),
      db
        .update(members)
        .set({ status: 'active', inviteTokenHash: null, inviteExpiresAt: null, version: invite.member.version + 1 })
        .where(and(eq(members.id, invite.member.id), eq(members.status, 'invited'))),
      expectOneChange(db),
      auditInsert(db, actor, {
        action: 'accept_invite',
        entity: 'member',
        entityId: invite.member.id,
        before: { status: 'invited' },
        after: { status: 'active' },
      }),
    ]);
    await accepted.catch((err: unknown) => {
      if (err instanceof StaleWrite) throw new ApiError(404, 'not_found', 'This invite link was already used');
      throw err;
    });
    return c.json(await signIn(c, invite.member.id));
  })
  .post('/logout', describeRoute({ summary: 'Sign out (ends this session)' }), authenticate, async (c) => {
    const hash = c.get('sessionHash');
    if (hash) await endSession(c.get('db'), hash);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.json({ ok: true });
  })
  .get('/me', describeRoute({ summary: 'The caller: member, role, workspace' }), authenticate, async (c) => {
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
  })
  /** Moves this browser's session into another workspace of the same person; 403 for any other workspace. */
  .post('/switch', authenticate, valid('json', switchBody), async (c) => {
    const db = c.get('db');
    const actor = personOf(c.get('actor'));
    const target = await activeMembership(db, actor.userId, c.req.valid('json').workspaceId);
    if (!target) throw notAMember();
    const old = c.get('sessionHash');
    const me = await signIn(c, target.id);
    if (old) await endSession(db, old);
    return c.json({ ...me, tokenId: null });
  })
  /** Invitations waiting for the signed-in person (from workspaces that invited an account that already existed). */
  .get('/invites', describeRoute({ summary: 'Open invitations to other workspaces' }), authenticate, async (c) => {
    const actor = personOf(c.get('actor'));
    return c.json({ items: await openInvites(c.get('db'), actor.userId) });
  })
  /** Accepts one: the person is signed in with their own password, so joining needs nothing else. */
  .post('/invites/:id/accept', authenticate, valid('param', idParam), async (c) => {
    const db = c.get('db');
    const actor = personOf(c.get('actor'));
    const invite = (await openInvites(db, actor.userId)).find((i) => i.id === c.req.valid('param').id);
    if (!invite) throw notFound('Invitation');
    try {
      await runAtomic(db, [
        db
          .update(members)
          .set({ status: 'active', inviteTokenHash: null, inviteExpiresAt: null, version: invite.version + 1 })
          .where(and(eq(members.id, invite.id), eq(members.userId, actor.userId), eq(members.status, 'invited'))),
        expectOneChange(db),
        auditInsert(
          db,
          { id: invite.id, type: 'member', workspaceId: invite.workspaceId },
          {
            action: 'accept_invite',
            entity: 'member',
            entityId: invite.id,
            before: { status: 'invited' },
            after: { status: 'active' },
          },
        ),
      ]);
    } catch (err) {
      if (err instanceof StaleWrite) throw notFound('Invitation');
      throw err;
    }
    const joined = (await memberships(db, actor.userId)).find((w) => w.id === invite.workspaceId);
    return c.json(joined!);
  });
