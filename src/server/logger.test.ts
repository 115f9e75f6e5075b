import { Writable } from 'node:stream';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createLogger, requestLogging } from './logger.ts';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, lines: () => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logger', () => {
  it('writes JSON lines with level, time and message, and honours the level', () => {
    const out = capture();
    const logger = createLogger({ level: 'warn', destination: out.stream });
    logger.info('not shown');
    logger.warn?.('shown', { dependency: 'redis' });
    const [line] = out.lines();
    expect(out.lines()).toHaveLength(1);
    expect(line).toMatchObject({ level: 'warn', message: 'shown', dependency: 'redis' });
    expect(typeof line?.time).toBe('string');
  });

  it('redacts buyer phone, address, name, message text and keys by path', () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream });
    logger.error('order lookup failed', {
      phone: '13867425193',
      order: { receiverName: '林安娜', address: '浙江省杭州市西湖区文三路478号', id: '4189102557306612984' },
      deep: { buyer: { name: '王小明', phone: '13900001111' } },
      apiKey: 'kefu_secret',
      req: { headers: { authorization: 'Bearer kefu_secret' } },
    });
    const text = JSON.stringify(out.lines());
    for (const secret of ['13867425193', '林安娜', '文三路', '王小明', '13900001111', 'kefu_secret']) expect(text).not.toContain(secret);
    expect(text).toContain('4189102557306612984');
    expect(text).toContain('[redacted]');
  });

  it('gives each request an id (its own or the client’s) and a child logger', async () => {
    const out = capture();
    const app = express();
    app.use(requestLogging(createLogger({ destination: out.stream })));
    app.get('/x', (_req, res) => void res.send('ok'));
    const server = app.listen(0);
    const port = (server.address() as { port: number }).port;
    try {
      const mine = await fetch(`http://127.0.0.1:${port}/x?phone=1`, { headers: { 'x-request-id': 'gw-trace-1' } });
      const theirs = await fetch(`http://127.0.0.1:${port}/x`, { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(mine.headers.get('x-request-id')).toBe('gw-trace-1');
      expect(theirs.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      await new Promise((r) => setTimeout(r, 20));
      const lines = out.lines();
      expect(lines[0]).toMatchObject({ message: 'request', reqId: 'gw-trace-1', method: 'GET', path: '/x', status: 200 });
      expect(lines[1]?.reqId).toBe(theirs.headers.get('x-request-id'));
    } finally {
      server.close();
    }
  });
});
