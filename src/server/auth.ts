import { createHash, randomBytes } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Store } from '../store/types.ts';
import { HttpError } from './errors.ts';
import type { ShopRuntime } from './shop-runtime.ts';

/**
 * API keys: `Authorization: Bearer <key>`. Only the SHA-256 hex of a key is stored, so a leaked
 * database does not leak working keys; a key reaches its own shop only.
 */

/** The documented key of the built-in demo shop (registered, hashed, when the server starts). */
export const DEMO_API_KEY = 'kefu-demo-key';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key: 32 bytes of entropy, URL-safe, with a recognisable prefix. */
export function generateApiKey(): string {
  return `kefu_${randomBytes(32).toString('base64url')}`;
}

const shopOfRequest = new WeakMap<Request, ShopRuntime>();

/** The shop the request's key belongs to (set by `authenticate`). */
export function shopOf(req: Request): ShopRuntime {
  const shop = shopOfRequest.get(req);
  if (!shop) throw new Error('route mounted without authenticate()');
  return shop;
}

const BEARER = /^Bearer\s+(\S{1,512})\s*$/i;
const KEY = /^\S{1,512}$/;

/** The cookie the agent page sets for the event stream (EventSource cannot send headers). */
export const STREAM_KEY_COOKIE = 'kefu_key';

/**
 * The key of a request to the event stream given as `?key=` or as the `kefu_key` cookie. Only
 * that read-only stream takes a key this way: everything else needs the header, so a cookie can
 * never make another site's form change anything.
 */
export function streamKey(req: Request): string | undefined {
  if (req.method !== 'GET' || req.path !== '/events') return undefined;
  const fromQuery = typeof req.query.key === 'string' ? req.query.key : undefined;
  const cookie = (req.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === STREAM_KEY_COOKIE)?.[1];
  const key = fromQuery ?? (cookie === undefined ? undefined : decodeURIComponent(cookie));
  return key !== undefined && KEY.test(key) ? key : undefined;
}

/**
 * Resolves the key to one of the shops this instance serves. Known hashes are remembered (keys are
 * never revoked while the server runs), so the hot path costs no database round trip.
 *
 * Lookups finish in the order requests arrived: a turn takes its place in the conversation's
 * queue right after authentication, so a slow lookup must not let a later request overtake it.
 */
export function authenticate(store: Store, shops: ReadonlyMap<string, ShopRuntime>): RequestHandler {
  const known = new Map<string, string>();
  let inOrder: Promise<unknown> = Promise.resolve();
  let waiting = 0;

  const resolveShop = (hash: string): ShopRuntime => {
    const shopId = known.get(hash);
    const shop = shopId === undefined ? undefined : shops.get(shopId);
    if (!shop) throw new HttpError('unauthorized', 'API 密钥无效');
    return shop;
  };

  return async (req, _res, next) => {
    const key = BEARER.exec(req.headers.authorization ?? '')?.[1] ?? streamKey(req);
    if (key === undefined) throw new HttpError('unauthorized', '缺少 API 密钥（Authorization: Bearer <密钥>）');
    const hash = hashApiKey(key);
    if (!known.has(hash) || waiting > 0) {
      waiting++;
      const lookup = known.has(hash) ? Promise.resolve() : store.shopForKeyHash(hash).then((id) => void (id !== undefined && known.set(hash, id)));
      const turn = inOrder.then(() => lookup);
      inOrder = turn.then(
        () => void waiting--,
        () => void waiting--,
      );
      await turn;
    }
    shopOfRequest.set(req, resolveShop(hash));
    next();
  };
}
