import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Request, RequestHandler } from 'express';
import { pino, type DestinationStream, type Level } from 'pino';
import type { Logger } from './context.ts';

/**
 * Logs through pino: JSON lines on stderr (stdout stays for the CLI's own output), levels
 * (KEFU_LOG_LEVEL), a child logger per request carrying its request id, and buyer data and keys
 * redacted by path before anything is written.
 */

/**
 * Fields that may hold a buyer's phone, address or name, or a key, wherever they appear in a log
 * line's fields (top level and two levels down).
 */
const SENSITIVE = ['phone', 'mobile', 'address', 'receiverName', 'receiverPhone', 'receiverAddress', 'name', 'buyerName', 'apiKey', 'key', 'secret', 'authorization', 'text'];
export const REDACT_PATHS: readonly string[] = [
  ...SENSITIVE,
  ...SENSITIVE.map((f) => `*.${f}`),
  ...SENSITIVE.map((f) => `*.*.${f}`),
  'req.headers.authorization',
  'req.headers.cookie',
];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function wrap(base: pino.Logger): Logger {
  return {
    info: (message, fields) => base.info(fields ?? {}, message),
    warn: (message, fields) => base.warn(fields ?? {}, message),
    error: (message, fields) => base.error(fields ?? {}, message),
    child: (bindings) => wrap(base.child(bindings)),
  };
}

/** The server's logger; `destination` defaults to stderr (tests pass a stream to read it back). */
export function createLogger(options: { level?: Level | 'silent'; destination?: DestinationStream } = {}): Logger {
  const base = pino(
    {
      level: options.level ?? 'info',
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      base: { pid: process.pid },
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
  return wrap(base);
}

const requestLoggers = new WeakMap<Request, Logger>();

/** The request's child logger (with its request id), or `fallback` outside a request. */
export const loggerOf = (req: Request, fallback: Logger): Logger => requestLoggers.get(req) ?? fallback;

/** An id the client sent (a gateway's trace id) is kept when it is short and plain. */
const CLIENT_ID = /^[\w.:-]{1,64}$/;

/**
 * Gives each request an id (X-Request-Id: the client's, or a new one), echoed in the answer, and a
 * child logger; logs one line per finished request (method, path without the query, status, time).
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const sent = req.headers['x-request-id'];
    const id = typeof sent === 'string' && CLIENT_ID.test(sent) ? sent : randomUUID();
    res.setHeader('X-Request-Id', id);
    const child = logger.child?.({ reqId: id }) ?? logger;
    requestLoggers.set(req, child);
    const started = performance.now();
    res.on('finish', () => {
      child.info('request', { method: req.method, path: req.path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 });
    });
    next();
  };
}
