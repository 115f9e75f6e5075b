import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TurnAnswer } from '../../src/server/turn.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { spawnServe } from '../helpers/serve-process.ts';

// kill -9 while turns of many conversations are being group-committed: every answered turn is on
// disk whole (buyer message, reply, receipt, events, version), and no turn is there in part.

const dir = mkdtempSync(join(tmpdir(), 'kefu-group-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SHOP = 'nuanyang-flagship';
const CLIENTS = 16;
const TEXTS = ['在吗', '这件羊毛大衣有M码吗', '包邮吗', '什么时候发货', '能开发票吗', '谢谢'];

interface Acknowledged {
  conversationId: string;
  clientMessageId: string;
  answer: TurnAnswer;
}

describe('kill -9 during group commits under concurrent load', () => {
  it.each(['full', 'normal'] as const)('loses no answered turn and leaves no half-written one (SQLite synchronous=%s)', async (synchronous) => {
    const file = join(dir, `kefu-${synchronous}.db`);
    const server = await spawnServe(['--db', `sqlite:${file}?synchronous=${synchronous}`], { KEFU_DATA_DIR: dir });
    const headers = { authorization: 'Bearer kefu-demo-key', 'content-type': 'application/json' };
    const acknowledged: Acknowledged[] = [];
    let stop = false;
    // Each client is one buyer's chat: one message at a time, like a real channel.
    const client = async (n: number): Promise<void> => {
      const conversationId = `c-kill-${n}`;
      for (let i = 0; !stop; i++) {
        const clientMessageId = `m-${n}-${i}`;
        const body = JSON.stringify({ buyerId: 'tb_buyer_anna', text: TEXTS[(n + i) % TEXTS.length], clientMessageId });
        let res: Response;
        try {
          res = await fetch(`${server.url}/api/v1/conversations/${conversationId}/messages`, { method: 'POST', headers, body });
        } catch {
          return; // the server is gone
        }
        if (res.status !== 200) throw new Error(`turn answered ${res.status}: ${await res.text()}`);
        const answer = (await res.json()) as TurnAnswer;
        acknowledged.push({ conversationId, clientMessageId, answer });
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
    // Kill while the clients keep every connection busy (a group commit is nearly always open).
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGKILL');
    stop = true;
    await server.exit;
    await Promise.all(clients);
    const answeredBeforeKill = acknowledged.length;

    const store = new SqliteStore(file);
    await store.migrate();
    try {
      // Every acknowledged turn is there, whole, where its answer said.
      for (const { conversationId, clientMessageId, answer } of acknowledged) {
        const buyer = await store.messageByClientId(SHOP, conversationId, clientMessageId);
        expect(buyer?.seq).toBe(answer.seq.buyer);
        const receipt = await store.turnReceipt(SHOP, conversationId, clientMessageId);
        expect(receipt?.replySeqs).toEqual(answer.seq.replies);
        const [reply] = await store.messages(SHOP, conversationId, { afterSeq: answer.seq.buyer, limit: 1 });
        expect(reply?.text).toBe(answer.replies[0]?.text);
      }
      // No half-written turn: every stored buyer message has its receipt and its reply right after
      // it, the conversation's version counts the turns, one turn event per turn.
      let turns = 0;
      for (let n = 0; n < CLIENTS; n++) {
        const conversationId = `c-kill-${n}`;
        const messages = await store.messages(SHOP, conversationId);
        const buyers = messages.filter((m) => m.role === 'buyer');
        for (const buyer of buyers) {
          const receipt = await store.turnReceipt(SHOP, conversationId, buyer.clientMessageId ?? '');
          expect(receipt, `${conversationId} seq ${buyer.seq}`).toBeDefined();
          expect(receipt?.replySeqs).toEqual([buyer.seq + 1]);
          expect(messages.find((m) => m.seq === buyer.seq + 1)?.role).toBe('bot');
        }
        expect(messages.length).toBe(2 * buyers.length);
        expect((await store.getConversation(SHOP, conversationId))?.version ?? 0).toBe(buyers.length);
        expect(await store.events(SHOP, { conversationId, kinds: ['turn'] })).toHaveLength(buyers.length);
        turns += buyers.length;
      }
      // Turns in flight at the kill may have been committed without their answer reaching us.
      expect(turns).toBeGreaterThanOrEqual(answeredBeforeKill);
    } finally {
      await store.close();
    }
  }, 120_000);
});
