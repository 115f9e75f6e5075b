import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http-server.ts';

// Whatever JSON a client sends to the messages endpoint, the answer is a 200 or a 4xx JSON error, never a 500.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await server.call('POST', '/api/v1/conversations/c-prop/messages', { buyerId: 'tb_buyer_anna', text: '在吗' });
});
afterAll(async () => {
  await server.close();
});

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('在吗', '学生党没钱，便宜点吧', '', ' ', '好'.repeat(2001)));
const body = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      buyerId: fc.oneof(fc.constantFrom('tb_buyer_anna', 'tb_buyer_bowen', ''), fc.string(), fc.jsonValue()),
      text: fc.oneof(anyText, fc.jsonValue()),
      mode: fc.oneof(fc.constantFrom('auto', 'assist', 'AUTO'), fc.jsonValue()),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

describe('POST /conversations/:id/messages with arbitrary JSON', () => {
  it('answers 200 or a 4xx JSON error', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('c-prop', 'c-prop-new'), async (value, id) => {
        const res = await fetch(`${server.url}/api/v1/conversations/${id}/messages`, {
          method: 'POST',
          headers: { authorization: 'Bearer kefu-demo-key', 'content-type': 'application/json' },
          body: JSON.stringify(value),
        });
        const json = (await res.json()) as { error?: { code: string; message: string } };
        if (res.status === 200) return;
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(typeof json.error?.code).toBe('string');
        expect(json.error?.message).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 150 },
    );
  });
});
