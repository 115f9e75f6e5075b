import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that
 * crosses 1,000 WAL pages: it copies the pages into the database file and fsyncs both files, while
 * better-sqlite3 holds the event loop. Instead, the store turns the automatic checkpoint off and
 * asks this worker thread, on its own connection to the same file, for a PASSIVE checkpoint (it
 * never blocks a writer) after group commits, at most one at a time.
 */

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  let report = { log: -1, checkpointed: -1 };
  try {
    report = db.pragma('wal_checkpoint(PASSIVE)')[0] ?? report;
  } catch {
    // Busy or interrupted: the next request tries again; the WAL only grows meanwhile.
  }
  parentPort.postMessage({ log: report.log, checkpointed: report.checkpointed });
});
`;

export interface Checkpointer {
  /** Asks for a checkpoint unless one is running or the last ended less than `minIntervalMs` ago. */
  request(): void;
  /** Frames in the WAL at the last checkpoint, and how many of them were in the database file after it. */
  readonly last: { log: number; checkpointed: number };
  /** Checkpoints done so far. */
  readonly done: number;
  close(): Promise<void>;
}

export function createCheckpointer(path: string, options: { minIntervalMs?: number; onFailure?: (error: unknown) => void } = {}): Checkpointer {
  const minIntervalMs = options.minIntervalMs ?? 0;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver } });
  worker.unref();
  let running = false;
  let lastEnded = 0;
  let done = 0;
  let last = { log: 0, checkpointed: 0 };
  let failed: unknown;
  worker.on('message', (report: { log: number; checkpointed: number }) => {
    running = false;
    lastEnded = Date.now();
    done += 1;
    last = report;
  });
  // A checkpointer that cannot run (the file vanished) leaves the WAL to SQLite's next opener.
  worker.on('error', (error) => {
    failed = error;
    running = false;
    options.onFailure?.(error);
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    request() {
      if (running || failed !== undefined || Date.now() - lastEnded < minIntervalMs) return;
      running = true;
      worker.postMessage('checkpoint');
    },
    get done() {
      return done;
    },
    get last() {
      return last;
    },
    async close() {
      // Unref'd while it runs (it never keeps a process alive), but waited for now: without a ref
      // an otherwise idle event loop would end before the worker's exit arrives.
      worker.ref();
      if (failed === undefined) worker.postMessage('close');
      else await worker.terminate();
      await exited;
    },
  };
}
