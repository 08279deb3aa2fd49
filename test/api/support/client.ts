import { env, SELF } from 'cloudflare:test';
import type { Role } from '../../../db/schema';
import { createDb } from '../../../worker/db';
import { createWorkspace } from '../../../worker/workspaces/create';

export const ORIGIN = 'https://hadi.test';

export type ApiResponse<T = any> = { status: number; body: T; headers: Headers };

/** A signed-in caller of the real Worker: a session cookie or a bearer token. */
export class Client {
  constructor(readonly auth: { cookie?: string; token?: string } = {}) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const h = new Headers(headers);
    if (this.auth.cookie) h.set('cookie', this.auth.cookie);
    if (this.auth.token) h.set('authorization', `Bearer ${this.auth.token}`);
    if (body !== undefined && !h.has('content-type')) h.set('content-type', 'application/json');
    const res = await SELF.fetch(`${ORIGIN}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* non-JSON bodies stay text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body: unknown = {}) {
    return this.request<T>('POST', path, body);
  }
  patch<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body, headers);
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }
}

export const anonymous = new Client();

export function cookieFrom(res: ApiResponse): string {
  const setCookie = res.headers.get('set-cookie') ?? '';
  const match = setCookie.match(/hadi_session=([^;]+)/);
  if (!match) throw new Error(`no session cookie (status ${res.status}: ${JSON.stringify(res.body)})`);
  return `hadi_session=${match[1]}`;
}

export async function login(email: string, password: string) {
  const res = await anonymous.post('/api/auth/login', { email, password });
  return new Client({ cookie: cookieFrom(res) });
}

let counter = 0;
export const PASSWORD = 'correct horse battery';
export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${++counter}@example.com`;

export type Team = Record<Role, Client> & { workspaceId: string; ids: Record<Role, string> };

/**
 * A fresh workspace with one signed-in person per role. The admin comes from the domain function
 * (setup only works once per database); everyone else joins through the real invite flow.
 */
export async function createTeam(name = 'Acme'): Promise<Team> {
  const adminEmail = uniqueEmail('admin');
  const { workspaceId, memberId } = await createWorkspace(createDb(env.DB), {
    workspace: name,
    name: 'Ada Admin',
    email: adminEmail,
    password: PASSWORD,
  });
  const admin = await login(adminEmail, PASSWORD);
  const team = { workspaceId, admin, ids: { admin: memberId } } as Team;
  for (const role of ['viewer', 'member', 'lead'] as const) {
    const invite = await admin.post('/api/members', { email: uniqueEmail(role), name: `${role} person`, role });
    if (invite.status !== 201) throw new Error(`invite failed: ${JSON.stringify(invite.body)}`);
    const accepted = await anonymous.post('/api/auth/accept-invite', {
      token: invite.body.inviteToken,
      password: PASSWORD,
    });
    team[role] = new Client({ cookie: cookieFrom(accepted) });
    team.ids[role] = invite.body.member.id;
  }
  return team;
}
