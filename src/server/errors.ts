import type { ErrorRequestHandler, RequestHandler } from 'express';
import { LockTimeoutError } from '../store/redis.ts';
import { StoreConflictError } from '../store/types.ts';

/**
 * The API's error shape: always `{ error: { code, message } }`, the message in Chinese for the
 * shop's developers and agents, the code stable for programs.
 */
export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_body: 400,
  invalid_param: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = '对话不存在'): HttpError => new HttpError('not_found', what);

/** The client may retry both: another instance changed the conversation meanwhile, or holds it too long. */
function fromStore(err: unknown): HttpError | undefined {
  if (err instanceof StoreConflictError) return new HttpError('conflict', '对话刚被其他请求更新，请重试');
  if (err instanceof LockTimeoutError) return new HttpError('conflict', '对话正忙，请稍后再试');
  return undefined;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** body-parser's errors carry a `type`; these are the ones a client can cause. */
function fromBodyParser(err: unknown): HttpError | undefined {
  if (err === null || typeof err !== 'object' || !('type' in err)) return undefined;
  switch (err.type) {
    case 'entity.parse.failed':
      return new HttpError('invalid_json', '请求体不是有效的 JSON');
    case 'entity.too.large':
      return new HttpError('payload_too_large', '请求体过大（上限 64KB）');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError('unsupported_media_type', '请求体编码不受支持，请使用 UTF-8 的 JSON');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new HttpError('invalid_body', '请求体不完整');
    default:
      return undefined;
  }
}

export interface ErrorReporter {
  /** Counts every error answer (metrics) and logs the unexpected ones. */
  onError(code: ErrorCode, err: unknown): void;
}

export function sendError(res: Parameters<RequestHandler>[1], error: HttpError): void {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  res.status(error.status).json(body);
}

/** The last middleware: every thrown or rejected error becomes the JSON shape; internals never leak. */
export function errorHandler(reporter: ErrorReporter): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known = err instanceof HttpError ? err : fromStore(err) ?? fromBodyParser(err);
    const error = known ?? new HttpError('internal', '服务器内部错误，请稍后再试');
    reporter.onError(error.code, known ? undefined : err);
    sendError(res, error);
  };
}

/** Anything no route matched. */
export const unknownRoute: RequestHandler = (_req, _res, next) => {
  next(new HttpError('not_found', '接口不存在'));
};
