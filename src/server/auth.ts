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

/**
 * Resolves the key to one of the shops this instance serves. Known hashes are remembered (keys are
 * never revoked while the server runs), so the hot path costs no database round trip.
 */
export function authenticate(store: Store, shops: ReadonlyMap<string, ShopRuntime>): RequestHandler {
  const known = new Map<string, string>();
  return async (req, _res, next) => {
    const match = BEARER.exec(req.headers.authorization ?? '');
    if (!match) throw new HttpError('unauthorized', '缺少 API 密钥（Authorization: Bearer <密钥>）');
    const hash = hashApiKey(match[1]!);
    const shopId = known.get(hash) ?? (await store.shopForKeyHash(hash));
    const shop = shopId === undefined ? undefined : shops.get(shopId);
    if (shopId === undefined || !shop) throw new HttpError('unauthorized', 'API 密钥无效');
    known.set(hash, shopId);
    shopOfRequest.set(req, shop);
    next();
  };
}
