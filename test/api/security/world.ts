import { env } from 'cloudflare:test';
import { createDb } from '../../../worker/db';
import { createWorkspace } from '../../../worker/workspaces/create';
import { anonymous, Client, cookieFrom, createTeam, login, PASSWORD, uniqueEmail, type Team } from '../support/client';
import { catalog, draftCycle, winningResults } from '../support/fixtures';

/** Roles of the authorisation matrix: the four workspace roles, nobody, and an admin of a second workspace. */
export const MATRIX_ROLES = ['anonymous', 'viewer', 'member', 'lead', 'admin', 'otherWorkspace'] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/**
 * Two workspaces with one person per role, the emails behind them (for fresh sessions), and factories for
 * fresh records to act on: every state-changing call gets its own record so rows never depend on each other.
 */
export async function createWorld() {
  const ours = await createTeam('Ours');
  const theirs = await createTeamThroughApi('Theirs', ours);
  const emails = {} as Record<MatrixRole, string>;
  const people = (await ours.admin.get('/api/members')).body.items as { id: string; email: string; role: string }[];
  for (const role of ['viewer', 'member', 'lead', 'admin'] as const)
    emails[role] = people.find((p) => p.id === ours.ids[role])!.email;
  const theirPeople = (await theirs.admin.get('/api/members')).body.items as { id: string; email: string }[];
  emails.otherWorkspace = theirPeople.find((p) => p.id === theirs.ids.admin)!.email;
  const cat = await catalog(ours.admin);

  const clientOf = (role: MatrixRole): Client =>
    role === 'anonymous' ? anonymous : role === 'otherWorkspace' ? theirs.admin : ours[role];
  /** A brand-new session for the role (for logout, which ends the session it is called with). */
  const freshClient = async (role: MatrixRole) =>
    role === 'anonymous'
      ? anonymous
      : role === 'otherWorkspace'
        ? loginInto(emails[role], theirs.workspaceId)
        : login(emails[role], PASSWORD);

  const ok = <T>(res: { status: number; body: T }, what: string) => {
    if (res.status >= 300) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const make = {
    objective: async (extra: Record<string, unknown> = {}) =>
      ok(
        await ours.lead.post('/api/objectives', { title: `Objective ${crypto.randomUUID()}`, ...extra }),
        'objective',
      ) as any,
    hypothesis: async () =>
      ok(await ours.member.post('/api/hypotheses', { title: `Idea ${crypto.randomUUID()}` }), 'hypothesis') as any,
    draft: async (overrides: Record<string, unknown> = {}) => (await draftCycle(ours, overrides)).cycle as any,
    running: async () => {
      const cycle = await make.draft();
      return ok(await ours.admin.post(`/api/cycles/${cycle.id}/launch`, {}), 'launch') as any;
    },
    withResults: async () => {
      const cycle = await make.running();
      const added = ok(
        await ours.member.post(`/api/cycles/${cycle.id}/snapshots`, winningResults(cat.metric)),
        'snapshots',
      ) as any;
      const snaps = ok(await ours.member.get(`/api/cycles/${cycle.id}/snapshots`), 'list snapshots') as any;
      return { cycle, added, snapshots: snaps.items as any[] };
    },
    closed: async () => {
      const { cycle } = await make.withResults();
      return ok(await ours.lead.post(`/api/cycles/${cycle.id}/close`, closeBody()), 'close') as any;
    },
    channel: async () =>
      ok(
        await ours.admin.post('/api/channels', {
          name: `Channel ${crypto.randomUUID().slice(0, 8)}`,
          kind: 'display',
          job: 'create_demand',
        }),
        'channel',
      ) as any,
    metric: async () =>
      ok(
        await ours.admin.post('/api/metrics', {
          name: `Metric ${crypto.randomUUID().slice(0, 8)}`,
          kind: 'proportion',
          unit: 'visitor',
          direction: 'increase',
        }),
        'metric',
      ) as any,
    invite: async (role = 'viewer') =>
      ok(
        await ours.admin.post('/api/members', { email: uniqueEmail('invitee'), name: 'Invitee', role }),
        'invite',
      ) as any,
    token: async () => ok(await ours.admin.post('/api/tokens', { name: 'Temp', role: 'viewer' }), 'token') as any,
    /** A brand-new person with `role` in the caller's workspace (ours, or theirs for otherWorkspace), signed in. */
    person: async (role: MatrixRole) => {
      const team = role === 'otherWorkspace' ? theirs : ours;
      const as = role === 'otherWorkspace' ? 'admin' : (role as 'viewer' | 'member' | 'lead' | 'admin');
      return joinAs(team.admin, as);
    },
  };

  // Shared read-only records (reads never change them).
  const shared = {
    objective: await make.objective(),
    hypothesis: await make.hypothesis(),
    running: await make.running(),
    closed: await make.closed(),
  };
  return { ours, theirs, emails, cat, clientOf, freshClient, make, shared };
}
export type World = Awaited<ReturnType<typeof createWorld>>;

/** Signs in and picks the workspace (a person who belongs to several). */
async function loginInto(email: string, workspaceId: string) {
  return new Client({
    cookie: cookieFrom(await anonymous.post('/api/auth/login', { email, password: PASSWORD, workspaceId })),
  });
}

/** Invites a new email with `role` through the API and accepts it: a signed-in person of the inviting workspace. */
async function joinAs(admin: Client, role: 'viewer' | 'member' | 'lead' | 'admin') {
  const email = uniqueEmail(role);
  const invite = await admin.post('/api/members', { email, name: `${role} person`, role });
  if (invite.status !== 201) throw new Error(`invite failed: ${JSON.stringify(invite.body)}`);
  const accepted = await anonymous.post('/api/auth/accept-invite', {
    token: invite.body.inviteToken,
    password: PASSWORD,
  });
  return { email, memberId: invite.body.member.id as string, client: new Client({ cookie: cookieFrom(accepted) }) };
}

/**
 * The second workspace of the matrix, made the way a person makes one: a viewer of ours (an agency person who
 * also runs another client) creates it through POST /api/workspaces, switches into it and invites a team
 * there. Its admin is therefore also a member of ours, acting in theirs: the sharpest isolation case.
 */
async function createTeamThroughApi(name: string, ours: Team): Promise<Team> {
  const founder = await joinAs(ours.admin, 'viewer');
  const created = await founder.client.post('/api/workspaces', { name });
  if (created.status !== 201) throw new Error(`create workspace failed: ${JSON.stringify(created.body)}`);
  const switched = await founder.client.post('/api/auth/switch', { workspaceId: created.body.id });
  if (switched.status !== 200) throw new Error(`switch failed: ${JSON.stringify(switched.body)}`);
  const admin = new Client({ cookie: cookieFrom(switched) });
  const team = { workspaceId: created.body.id, admin, ids: { admin: switched.body.memberId } } as Team;
  for (const role of ['viewer', 'member', 'lead'] as const) {
    const person = await joinAs(admin, role);
    team[role] = person.client;
    team.ids[role] = person.memberId;
  }
  return team;
}

/** A close that is valid whatever the rule's verdict (the override reason is only kept when it is one). */
export const closeBody = () => ({
  decision: 'ship',
  overrideReason: 'matrix: decided by the test',
  learning: { summary: 'The banner wins' },
});

/** Every table of the database and a digest of all its rows (to prove a rejected request changed nothing). */
export async function tableNames(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' AND name NOT LIKE 'search_index_%' ORDER BY name", // FTS5 shadow tables: some have no rowid
  ).all<{ name: string }>();
  return results.map((r) => r.name);
}

export async function dbDigest(exclude: string[] = []): Promise<string> {
  const names = (await tableNames()).filter((n) => !exclude.includes(n));
  const results = await env.DB.batch(names.map((n) => env.DB.prepare(`SELECT * FROM "${n}" ORDER BY rowid`)));
  const text = JSON.stringify(results.map((r, i) => [names[i], r.results]));
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

export { anonymous, Client, cookieFrom, createWorkspace, createDb, env, type Team };
