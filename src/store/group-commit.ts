/**
 * Group commit: work items submitted while a flush is running, or in the same event-loop pass,
 * are flushed together (one transaction, one fsync or one round trip for all of them). Each
 * submitter gets its own outcome, and only once the flush that carried its item has finished,
 * i.e. once its write is durable: an answer is never released before its commit.
 *
 * Flushes run one at a time by default, in submission order, so items of one batch never overtake
 * those of the batch before; `concurrency` > 1 lets several run at once (for a database serving
 * many connections, when no two items in flight depend on each other's order).
 */

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Writes a batch; one outcome per item, in order. A throw fails every item of the batch. */
export type FlushBatch<I, O> = (items: readonly I[]) => Promise<readonly Outcome<O>[]>;

export interface GroupCommitter<I, O> {
  submit(item: I): Promise<O>;
  /** Groups flushed and items in them so far (turns per group = items / groups). */
  readonly stats: { groups: number; items: number };
  /** Resolves once everything submitted so far is flushed. */
  drain(): Promise<void>;
}

export interface GroupCommitOptions {
  /** The most items in one flush (the rest wait for the next one). Default 64. */
  maxBatch?: number;
  /** How many flushes may run at once. Default 1. */
  concurrency?: number;
  /** How a flush is scheduled after the current event-loop pass. Default setImmediate. */
  schedule?: (run: () => void) => void;
}

interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export function createGroupCommitter<I, O>(flush: FlushBatch<I, O>, options: GroupCommitOptions = {}): GroupCommitter<I, O> {
  const maxBatch = options.maxBatch ?? 64;
  const concurrency = options.concurrency ?? 1;
  const schedule = options.schedule ?? ((run: () => void) => void setImmediate(run));
  let queue: Pending<I, O>[] = [];
  let scheduled = false;
  const running = new Set<Promise<void>>();
  const stats = { groups: 0, items: 0 };

  const kick = (): void => {
    if (scheduled || running.size >= concurrency || queue.length === 0) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      const flushing: Promise<void> = runOnce().finally(() => {
        running.delete(flushing);
        kick();
      });
      running.add(flushing);
      kick();
    });
  };

  const runOnce = async (): Promise<void> => {
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    stats.groups += 1;
    stats.items += batch.length;
    let outcomes: readonly Outcome<O>[];
    try {
      outcomes = await flush(batch.map((p) => p.item));
      if (outcomes.length !== batch.length) throw new Error(`group commit: ${outcomes.length} outcomes for ${batch.length} items`);
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
    });
  };

  return {
    stats,
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        kick();
      });
    },
    async drain() {
      while (running.size > 0 || queue.length > 0 || scheduled) {
        if (running.size > 0) await Promise.all(running);
        else await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
  };
}
