import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createApp } from '../src/server/app.ts';
import { DEMO_API_KEY, hashApiKey } from '../src/server/auth.ts';
import { silentLogger } from '../src/server/context.ts';
import { openCoordination } from '../src/server/coordination.ts';
import { createLiveFeed, withLiveEvents } from '../src/server/live.ts';
import { createPresence } from '../src/server/presence.ts';
import { createMetrics } from '../src/server/metrics.ts';
import { shopsById } from '../src/server/shop-runtime.ts';
import { loadScripts } from '../src/dialogue/scripts.ts';
import { defaultClassifier } from '../src/nlu/default-classifier.ts';
import { loadDemoOrderProvider } from '../src/orders/demo-provider.ts';
import { loadDemoShop } from '../src/shop/load.ts';
import { openStore } from '../src/store/open.ts';
import { PostgresStore } from '../src/store/postgres.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';
import { minimalBotApp } from './minimal-bot.ts';

/**
 * A server for the HTTP bench, in its own process so the load generator does not share its CPU:
 *   bare                      express hello-world (the baseline)
 *   kefu sqlite:<file>        the kefu app as `kefu serve` builds it, on SQLite
 *   kefu postgres://… schema  the same on a PostgreSQL schema (dropped by the bench afterwards)
 *   peer <file>               the minimal NLP.js + SQLite bot (bench/minimal-bot.ts)
 * Prints `PORT <n>` once listening; on SIGTERM prints `GROUPS {"groups":…,"turns":…}` (kefu's
 * group commits) and exits.
 */
const [mode, url, schema] = process.argv.slice(2);

/** The store's group-commit counters, printed on SIGTERM (turns per group, i.e. per fsync). */
let groupCommits: (() => { groups: number; turns: number }) | undefined;

async function kefuApp(): Promise<express.Express> {
  if (!url) throw new Error('kefu target needs a database url');
  const store: Store = schema ? new PostgresStore(url, { schema }) : await openStore(url);
  if (store instanceof SqliteStore || store instanceof PostgresStore) groupCommits = () => store.groupCommits;
  await store.migrate();
  const shop = loadDemoShop();
  await store.putApiKey(shop.id, hashApiKey(DEMO_API_KEY), 'bench');
  const runtime = { shop, scripts: loadScripts(), orders: loadDemoOrderProvider(shop), classifier: defaultClassifier({ cacheDir: 'data/cache' }) };
  const { lock, bus } = await openCoordination(undefined);
  const clock = () => new Date();
  // The bench measures the turn as served, live updates included.
  const live = await createLiveFeed(bus);
  return createApp({ store: withLiveEvents(store, live), live, lock, shops: shopsById([runtime]), clock, metrics: createMetrics(), logger: silentLogger, presence: await createPresence(bus, clock) });
}

function bareApp(): express.Express {
  const app = express();
  app.get('/', (_req, res) => {
    res.send('Hello World!');
  });
  return app;
}

const app = mode === 'bare' ? bareApp() : mode === 'peer' ? await minimalBotApp(url ?? 'peer.db') : await kefuApp();
const server = createServer(app);
server.listen(0, '127.0.0.1', () => process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => {
  if (groupCommits) process.stdout.write(`GROUPS ${JSON.stringify(groupCommits())}\n`);
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
