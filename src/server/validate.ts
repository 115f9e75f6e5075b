import type { RequestHandler } from 'express';
import { z } from 'zod';
import { isStorableText } from '../store/types.ts';
import { describeZodIssue } from '../text/zod-issue.ts';
import { HttpError, type ErrorCode } from './errors.ts';

/**
 * zod at the edge: every body, path parameter and query string is parsed here, and a failure
 * becomes a 400 whose Chinese message names the field ("字段 text：不能为空").
 */

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type' && issue.path.length > 0 && valueAt(input, issue.path) === undefined) return '缺少此字段';
  return describeZodIssue(issue);
}

/** "字段 text：不能为空"; a problem with the whole body says so. */
export function describeZodError(error: z.ZodError, input: unknown, what: string): string {
  const issue = error.issues[0];
  if (!issue) return `${what}有误`;
  const field = issue.path.map(String).join('.');
  const detail = describeIssue(issue, input);
  return field === '' ? `${what}${detail === '应为对象' ? '应为 JSON 对象' : `：${detail}`}` : `字段 ${field}：${detail}`;
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown, code: ErrorCode, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new HttpError(code, describeZodError(parsed.error, input, what));
  return parsed.data;
}

export const parseBody = <S extends z.ZodType>(schema: S, body: unknown): z.infer<S> => parseWith(schema, body, 'invalid_body', '请求体');
export const parseQuery = <S extends z.ZodType>(schema: S, query: unknown): z.infer<S> => parseWith(schema, query, 'invalid_param', '查询参数');
export const parseParams = <S extends z.ZodType>(schema: S, params: unknown): z.infer<S> => parseWith(schema, params, 'invalid_param', '路径参数');

/** Conversation ids as marketplaces and our lock keys can use them. */
export const ConversationIdSchema = z.string().regex(/^[\w.-]{1,128}$/, 'id');
export const ConversationParamsSchema = z.object({ id: ConversationIdSchema });
export const BuyerIdSchema = z.string().regex(/^[\w.-]{1,64}$/);

/**
 * A body must be JSON: a POST with a body of another type is refused (415) instead of being
 * silently ignored by the JSON parser.
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !req.is('application/json')) {
    next(new HttpError('unsupported_media_type', '只接受 JSON 请求体（Content-Type: application/json）'));
    return;
  }
  next();
};

/** The path (`text`, `items.2.name`) of the first string — value or key — no store can keep, if any. */
export function findUnstorableText(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path.join('.') || '(整个值)';
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (!isStorableText(key)) return [...path, '(字段名)'].join('.');
    const found = findUnstorableText(inner, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * NUL characters and lone UTF-16 surrogates ("\u0000", "\ud800" in JSON) are refused in every
 * body and query string before any route sees them: PostgreSQL cannot store them, and no store
 * should keep half a character. One check here covers every text field of every route.
 */
export const rejectUnstorableText: RequestHandler = (req, _res, next) => {
  const inBody = findUnstorableText(req.body);
  const inQuery = inBody === undefined ? findUnstorableText(req.query) : undefined;
  const where = inBody ?? inQuery;
  if (where !== undefined) {
    next(new HttpError(inBody !== undefined ? 'invalid_body' : 'invalid_param', `字段 ${where}：含有不允许的字符（NUL 或不成对的 Unicode 代理项）`));
    return;
  }
  next();
};
