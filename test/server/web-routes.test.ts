import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRouter } from '../../src/server/web-routes.ts';

let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.use(webRouter());
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: '接口不存在' } });
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('webRouter', () => {
  const pages: [string, string, string][] = [
    ['/', 'text/html; charset=utf-8', '<a href="/agent.html">客服工作台</a>'],
    ['/agent.html', 'text/html; charset=utf-8', '<h1>客服工作台</h1>'],
    ['/notebooks.html', 'text/html; charset=utf-8', '问题记录'],
    ['/agent.js', 'text/javascript; charset=utf-8', "from './api.js'"],
    ['/notebooks.js', 'text/javascript; charset=utf-8', "from './api.js'"],
    ['/api.js', 'text/javascript; charset=utf-8', 'kefu-demo-key'],
    ['/style.css', 'text/css; charset=utf-8', '.agent-layout'],
  ];
  for (const [path, type, content] of pages) {
    it(`serves ${path} as ${type}`, async () => {
      const res = await fetch(url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      // Pages are revalidated by their ETag (the API's JSON answers carry none).
      expect(res.headers.get('etag')).not.toBeNull();
      expect(await res.text()).toContain(content);
    });
  }

  it('serves nothing outside web/ and passes unknown paths on', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/missing.html']) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('application/json');
    }
  });

  it('the pages load nothing from another host', async () => {
    for (const page of ['/index.html', '/agent.html', '/notebooks.html']) {
      const html = await (await fetch(url + page)).text();
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(html).not.toMatch(/<script>(?!<)/);
    }
  });
});
