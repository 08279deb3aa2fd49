import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { TestProject } from 'vitest/node';

/**
 * A webhook receiver in the test runner's Node process (vitest globalSetup), reached by the Worker in workerd at
 * http://127.0.0.1:<port>/hooks/<name> (tests set WEBHOOKS_ALLOW_LOOPBACK=1). It checks each signature the way a
 * customer's server would, with node:crypto — independently of worker/webhooks/signature.ts — and answers with
 * the statuses a test scripted. Tests drive it over HTTP: PUT /script/<name> { secret, statuses }, GET /log/<name>.
 */
export type Received = {
  body: string;
  event: string | null;
  signature: string | null;
  receivedAt: number;
  verdict: 'ok' | 'malformed' | 'stale' | 'mismatch';
  answered: number;
};

const TOLERANCE_SECONDS = 300;

function verify(header: string | null, body: string, secret: string, nowSeconds: number): Received['verdict'] {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return 'malformed';
  const [, t, v1] = match as unknown as [string, string, string];
  if (Math.abs(nowSeconds - Number(t)) > TOLERANCE_SECONDS) return 'stale';
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex')) ? 'ok' : 'mismatch';
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text));
  });

export default async function setup(project: TestProject) {
  const scripts = new Map<string, { secret: string; statuses: number[] }>();
  const logs = new Map<string, Received[]>();
  const server = createServer(async (req, res) => {
    const [, kind, name = ''] = (req.url ?? '').split('/');
    const body = await read(req);
    if (kind === 'script' && req.method === 'PUT') {
      scripts.set(name, JSON.parse(body));
      logs.set(name, []);
      return res.writeHead(204).end();
    }
    if (kind === 'log')
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(logs.get(name) ?? []));
    if (kind !== 'hooks') return res.writeHead(404).end();
    const script = scripts.get(name) ?? { secret: '', statuses: [] };
    const answered = script.statuses.shift() ?? 200;
    const signature = req.headers['hadi-signature'];
    const header = typeof signature === 'string' ? signature : null;
    logs.set(name, [
      ...(logs.get(name) ?? []),
      {
        body,
        event: (req.headers['hadi-event'] as string | undefined) ?? null,
        signature: header,
        receivedAt: Date.now(),
        verdict: verify(header, body, script.secret, Math.floor(Date.now() / 1000)),
        answered,
      },
    ]);
    res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'thanks' : 'try later');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  project.provide('webhookReceiver', `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    webhookReceiver: string;
  }
}
