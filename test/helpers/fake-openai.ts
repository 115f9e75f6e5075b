import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Response } from 'express';

/**
 * A real OpenAI-compatible chat completions server on 127.0.0.1 for the rephraser's tests.
 * Each test scripts the answers in order; the server records every request it received, so a
 * test can check what would have left the machine (masking) and what the retry prompt said.
 * `stream: true` requests get server-sent events, the others one JSON body, like the real API.
 */

export type FakeReply =
  /** A completion whose content is `text` (streamed in `chunks` pieces when the client streams). */
  | { text: string; chunks?: number; delayMs?: number }
  /** An error status with an OpenAI-style error body. */
  | { status: number; message?: string }
  /** A raw body as is, e.g. invalid JSON or a completion without choices. */
  | { raw: string; contentType?: string }
  /** Headers (when streaming, and the first chunk) then nothing: the answer never ends. */
  | { hang: true };

export interface RecordedRequest {
  /** The Authorization header as sent. */
  authorization: string | undefined;
  model: string;
  stream: boolean;
  messages: { role: string; content: string }[];
}

export interface FakeOpenAI {
  /** The base URL to give the SDK, ending in /v1. */
  baseURL: string;
  requests: RecordedRequest[];
  enqueue(...replies: FakeReply[]): void;
  /** Replies still queued (a test that scripts two answers may assert both were used). */
  pending(): number;
  /** Forgets queued replies and recorded requests (one server shared by many tests). */
  reset(): void;
  close(): Promise<void>;
}

function completionBody(model: string, text: string): object {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
  };
}

function chunkBody(model: string, content: string | undefined, finish: string | null): object {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model,
    choices: [{ index: 0, delta: content === undefined ? {} : { content }, finish_reason: finish }],
  };
}

function splitInto(text: string, parts: number): string[] {
  const chars = [...text];
  const size = Math.max(1, Math.ceil(chars.length / Math.max(1, parts)));
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendText(res: Response, reply: { text: string; chunks?: number; delayMs?: number }, model: string, stream: boolean) {
  if (reply.delayMs) await sleep(reply.delayMs);
  if (!stream) {
    res.json(completionBody(model, reply.text));
    return;
  }
  res.status(200).set({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const piece of splitInto(reply.text, reply.chunks ?? 3)) res.write(`data: ${JSON.stringify(chunkBody(model, piece, null))}\n\n`);
  res.write(`data: ${JSON.stringify(chunkBody(model, undefined, 'stop'))}\n\n`);
  res.end('data: [DONE]\n\n');
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  const app = express();
  app.use(express.json({ limit: '1mb' }));

  app.post('/v1/chat/completions', async (req, res) => {
    const body = req.body as { model?: unknown; stream?: unknown; messages?: unknown };
    const model = typeof body.model === 'string' ? body.model : '';
    const stream = body.stream === true;
    const messages = Array.isArray(body.messages) ? (body.messages as { role: string; content: string }[]) : [];
    requests.push({ authorization: req.get('authorization'), model, stream, messages });
    const reply = queue.shift();
    if (reply === undefined) {
      res.status(500).json({ error: { message: 'fake-openai: no scripted reply left', type: 'server_error' } });
      return;
    }
    if ('hang' in reply) {
      if (stream) {
        res.status(200).set({ 'content-type': 'text/event-stream' });
        res.write(`data: ${JSON.stringify(chunkBody(model, '您好', null))}\n\n`);
      }
      return; // never ends; close() destroys the socket
    }
    if ('status' in reply) {
      res.status(reply.status).json({ error: { message: reply.message ?? `fake status ${reply.status}`, type: 'fake_error' } });
      return;
    }
    if ('raw' in reply) {
      res.status(200).set('content-type', reply.contentType ?? (stream ? 'text/event-stream' : 'application/json')).send(reply.raw);
      return;
    }
    await sendText(res, reply, model, stream);
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    pending: () => queue.length,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * One fake server for a whole test file: started before its tests, emptied (queue and recorded
 * requests) before each, closed after. The returned object forwards to it.
 */
export function useSharedFakeOpenAI(): FakeOpenAI {
  let current: FakeOpenAI | undefined;
  const started = (): FakeOpenAI => {
    if (current === undefined) throw new Error('fake-openai: not started yet (use it inside tests)');
    return current;
  };
  beforeAll(async () => {
    current = await startFakeOpenAI();
  });
  beforeEach(() => started().reset());
  afterAll(async () => {
    await current?.close();
  });
  return {
    get baseURL() {
      return started().baseURL;
    },
    get requests() {
      return started().requests;
    },
    enqueue: (...replies) => started().enqueue(...replies),
    pending: () => started().pending(),
    reset: () => started().reset(),
    close: () => started().close(),
  };
}
