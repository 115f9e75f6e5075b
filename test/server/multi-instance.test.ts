import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { TurnAnswer } from '../../src/server/turn.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import { createRedisLock } from '../../src/store/redis.ts';
import type { ConversationLock } from '../../src/store/types.ts';
import { startTestServer, type TestServer } from '../helpers/http-server.ts';
import { postgresAvailable, redisAvailable, dropSchemas, TEST_DATABASE_URL, TEST_REDIS_URL } from '../helpers/services.ts';

// Two server instances on one PostgreSQL schema with a Redis lock serve the same conversation.

const services = (await postgresAvailable()) && (await redisAvailable());
const schema = `kefu_srv_${randomBytes(6).toString('hex')}`;
const prefix = `kefu:test:${randomBytes(6).toString('hex')}:`;

afterAll(async () => {
  if (!services) return;
  await dropSchemas([schema]);
});

async function instance(): Promise<TestServer> {
  const redis = new Redis(TEST_REDIS_URL);
  const shared = createRedisLock(redis, { prefix });
  const lock: ConversationLock = {
    run: (key, task) => shared.run(key, task),
    async close() {
      await shared.close();
      await redis.quit();
    },
  };
  const store = new PostgresStore(TEST_DATABASE_URL, { schema });
  return startTestServer({ store, lock });
}

describe.skipIf(!services)('two instances on PostgreSQL + Redis', () => {
  it('serve one conversation without interleaving turns: seq gapless, buyer/bot alternate', async () => {
    const a = await instance();
    const b = await instance();
    try {
      const texts = Array.from({ length: 30 }, (_, i) => `第${i + 1}个问题：羊毛大衣有M码吗`);
      const answers = await Promise.all(
        texts.map(async (text, i) => {
          const res = await (i % 2 === 0 ? a : b).call('POST', '/api/v1/conversations/c-shared/messages', { buyerId: 'tb_buyer_anna', text });
          expect(res.status).toBe(200);
          return res.body as TurnAnswer;
        }),
      );
      const messages = await a.store.messages('nuanyang-flagship', 'c-shared');
      expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      expect(messages.map((m) => m.role)).toEqual(texts.flatMap(() => ['buyer', 'bot']));
      answers.forEach((answer, i) => {
        expect(messages[answer.seq.buyer - 1]?.text).toBe(texts[i]);
        expect(answer.seq.replies).toEqual([answer.seq.buyer + 1]);
      });
      expect((await b.store.getConversation('nuanyang-flagship', 'c-shared'))?.version).toBe(30);
      // The state each instance committed is the one the other continued from.
      const view = await b.call('GET', '/api/v1/conversations/c-shared?buyerId=tb_buyer_anna');
      expect((view.body as { state: { turns: number } }).state.turns).toBe(30);
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);
});
