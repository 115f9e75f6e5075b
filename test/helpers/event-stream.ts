/** A Server-Sent Events client for tests: reads the stream with fetch and parses its frames. */

export interface SseFrame {
  id?: string;
  event: string;
  data: Record<string, unknown>;
}

export interface EventStream {
  status: number;
  frames: SseFrame[];
  /** Raw text received (heartbeat comments included). */
  raw(): string;
  /** Resolves with the first frame (already received or to come) matching, or rejects after `ms`. */
  next(match: (frame: SseFrame) => boolean, ms?: number): Promise<SseFrame>;
  close(): void;
}

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const frames: SseFrame[] = [];
  const waiters = new Set<() => void>();
  let text = '';
  let buffer = '';
  const parse = (block: string): void => {
    const frame: SseFrame = { event: 'message', data: {} };
    let data: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || line === '') continue;
      const [field, ...rest] = line.split(':');
      const value = rest.join(':').replace(/^ /, '');
      if (field === 'id') frame.id = value;
      else if (field === 'event') frame.event = value;
      else if (field === 'data') data = value;
    }
    if (data === undefined) return;
    frame.data = JSON.parse(data) as Record<string, unknown>;
    frames.push(frame);
    for (const wake of waiters) wake();
  };
  if (res.ok && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += value;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            parse(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  }
  return {
    status: res.status,
    frames,
    raw: () => text,
    next(match, ms = 2000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = frames.find(match);
          if (found) {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve(found);
          }
          return found !== undefined;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(frames)}`));
        }, ms);
        waiters.add(wake);
        check();
      });
    },
    close: () => controller.abort(),
  };
}
