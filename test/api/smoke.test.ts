import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { anonymous, cookieFrom, Client } from './support/client';

describe('smoke', () => {
  it('answers health without auth and refuses the rest', async () => {
    expect((await anonymous.get('/api/health')).status).toBe(200);
    expect((await anonymous.get('/api/hypotheses')).status).toBe(401);
  });

  it('sets up once, signs in, and creates a hypothesis', async () => {
    const setup = await anonymous.post('/api/auth/setup', {
      workspace: 'Acme',
      name: 'Ada',
      email: 'ada@example.com',
      password: 'correct horse battery',
    });
    expect(setup.status, JSON.stringify(setup.body)).toBe(201);
    const ada = new Client({ cookie: cookieFrom(setup) });
    const created = await ada.post('/api/hypotheses', { title: 'Free shipping banner' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const list = await ada.get('/api/hypotheses');
    expect(list.body.items).toHaveLength(1);
    const count = await env.DB.prepare('select count(*) as n from channels').first<{ n: number }>();
    expect(count?.n).toBe(9);
    expect(
      (
        await anonymous.post('/api/auth/setup', {
          workspace: 'B',
          name: 'B',
          email: 'b@example.com',
          password: 'correct horse battery',
        })
      ).status,
    ).toBe(409);
  });
});
