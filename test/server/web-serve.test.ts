import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/server/context.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { webAppOptions } from '../../src/server/web-app.ts';

// The web parts through `startServer` (what `kefu serve` runs), on the SQLite store it opens.
describe('startServer with webAppOptions', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-web-serve-'));
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: 'sqlite::memory:', dataDir, logger: silentLogger, app: webAppOptions });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the pages at the root and the notebooks behind the demo key', async () => {
    const home = await fetch(`${server.url}/`);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain('客服工作台');
    const auth = { authorization: `Bearer ${server.demoKey}` };
    const turn = await fetch(`${server.url}/api/v1/conversations/s1/messages`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ buyerId: 'tb_buyer_anna', text: '在吗' }),
    });
    expect(turn.status).toBe(200);
    const inbox = (await (await fetch(`${server.url}/api/v1/inbox`, { headers: auth })).json()) as { conversations: { id: string }[] };
    expect(inbox.conversations.map((c) => c.id)).toEqual(['s1']);
    const stats = await fetch(`${server.url}/api/v1/notebooks/stats?format=csv`, { headers: auth });
    expect(stats.status).toBe(200);
    expect(stats.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await fetch(`${server.url}/api/v1/notebooks/handover`)).status).toBe(401);
  });
});
