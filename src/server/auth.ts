import { createHash, randomBytes } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { KeyAccess, KeyRole, Store } from '../store/types.ts';
import { HttpError } from './errors.ts';
import type { ShopRuntime } from './shop-runtime.ts';

/**
 * API keys: `Authorization: Bearer <key>`. Only the SHA-256 hex of a key is stored, so a leaked
 * database does not leak working keys; a key reaches its own shop only.
 */

/**
 * The documented key of the built-in demo shop (registered, hashed, when the server starts). It is
 * an admin key, so every example of the README works with it; a real shop creates its own keys.
 */
export const DEMO_API_KEY = 'kefu-demo-key';

/** A key's answer is remembered this long; a revoked key stops working within it. */
export const KEY_CACHE_MS = 10_000;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key: 32 bytes of entropy, URL-safe, with a recognisable prefix. */
export function generateApiKey(): string {
  return `kefu_${randomBytes(32).toString('base64url')}`;
}

const shopOfRequest = new WeakMap<Request, ShopRuntime>();
const accessOfRequest = new WeakMap<Request, KeyAccess>();

/** The shop the request's key belongs to (set by `authenticate`). */
export function shopOf(req: Request): ShopRuntime {
  const shop = shopOfRequest.get(req);
  if (!shop) throw new Error('route mounted without authenticate()');
  return shop;
}

/** The request key's role (and agent name for an agent key). */
export function accessOf(req: Request): KeyAccess {
  const access = accessOfRequest.get(req);
  if (!access) throw new Error('route mounted without authenticate()');
  return access;
}

/**
 * The agent name a request acts as: it must be one of the shop's agents (shop.agents), and an
 * agent key may act only as the agent it was created for. Admin keys may act as any of them.
 */
export function checkAgentName(req: Request, agent: string): string {
  const { shop } = shopOf(req);
  if (!shop.agents.includes(agent)) throw new HttpError('invalid_body', `字段 agent：${agent} 不是本店的客服（${shop.agents.join('、')}）`);
  const access = accessOf(req);
  if (access.role === 'agent' && access.agent !== agent) throw new HttpError('forbidden', `此密钥属于客服 ${access.agent ?? '?'}，不能以 ${agent} 的身份操作`);
  return agent;
}

const ROLE_ZH: Record<KeyRole, string> = { gateway: '渠道网关', agent: '客服', admin: '管理员' };

/**
 * Which roles may call which route under /api/v1 (method, path relative to /api/v1). The first
 * matching rule decides; a route no rule names is for admin keys only, so a route added later is
 * closed to lesser keys until someone decides otherwise here.
 */
export const ACCESS_RULES: readonly { method?: string; path: RegExp; roles: readonly KeyRole[] }[] = [
  { method: 'POST', path: /^\/conversations\/[^/]+\/messages\/?$/, roles: ['gateway', 'admin'] },
  { path: /^\/conversations(\/|$)/, roles: ['agent', 'admin'] },
  { path: /^\/agents(\/|$)/, roles: ['agent', 'admin'] },
  { path: /^\/inbox(\/|$)/, roles: ['agent', 'admin'] },
  { path: /^\/(lint|classify|scripts)\/?$/, roles: ['gateway', 'agent', 'admin'] },
  { path: /^\/notebooks(\/|$)/, roles: ['admin'] },
  // Trainees practise with an agent key; trainers (admin) see everyone's sessions.
  { path: /^\/training(\/|$)/, roles: ['agent', 'admin'] },
];

export function rolesFor(method: string, path: string): readonly KeyRole[] {
  const rule = ACCESS_RULES.find((r) => (r.method === undefined || r.method === method) && r.path.test(path));
  return rule?.roles ?? ['admin'];
}

/** 403 for a key whose role may not call the route (after `authenticate`). */
export const authorize: RequestHandler = (req, _res, next) => {
  const { role } = accessOf(req);
  const allowed = rolesFor(req.method === 'HEAD' ? 'GET' : req.method, req.path);
  if (!allowed.includes(role)) {
    next(new HttpError('forbidden', `${ROLE_ZH[role]}密钥无权调用此接口（需要：${allowed.map((r) => ROLE_ZH[r]).join('或')}密钥）`));
    return;
  }
  next();
};

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
 * Resolves the key to one of the shops this instance serves, with its role. Known hashes are
 * remembered for KEY_CACHE_MS, so the hot path costs no database round trip and a revoked key
 * stops working soon after.
 *
 * Lookups finish in the order requests arrived: a turn takes its place in the conversation's
 * queue right after authentication, so a slow lookup must not let a later request overtake it.
 */
export function authenticate(store: Store, shops: ReadonlyMap<string, ShopRuntime>, clock: () => number = Date.now): RequestHandler {
  const known = new Map<string, { shopId: string; access: KeyAccess; until: number }>();
  let inOrder: Promise<unknown> = Promise.resolve();
  let waiting = 0;

  const fresh = (hash: string): boolean => (known.get(hash)?.until ?? 0) > clock();
  const lookup = async (hash: string): Promise<void> => {
    const key = await store.apiKeyByHash(hash);
    if (key === undefined) known.delete(hash);
    else known.set(hash, { shopId: key.shopId, access: { role: key.role, ...(key.agent !== undefined ? { agent: key.agent } : {}) }, until: clock() + KEY_CACHE_MS });
  };

  return async (req, _res, next) => {
    const key = BEARER.exec(req.headers.authorization ?? '')?.[1] ?? streamKey(req);
    if (key === undefined) throw new HttpError('unauthorized', '缺少 API 密钥（Authorization: Bearer <密钥>）');
    const hash = hashApiKey(key);
    if (!fresh(hash) || waiting > 0) {
      waiting++;
      const looked = fresh(hash) ? Promise.resolve() : lookup(hash);
      const turn = inOrder.then(() => looked);
      inOrder = turn.then(
        () => void waiting--,
        () => void waiting--,
      );
      await turn;
    }
    const entry = known.get(hash);
    const shop = entry === undefined ? undefined : shops.get(entry.shopId);
    if (!entry || !shop) throw new HttpError('unauthorized', 'API 密钥无效或已吊销');
    shopOfRequest.set(req, shop);
    accessOfRequest.set(req, entry.access);
    next();
  };
}
