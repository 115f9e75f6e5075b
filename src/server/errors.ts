import type { ErrorRequestHandler, RequestHandler } from 'express';
import { LockTimeoutError } from '../store/redis.ts';
import { StoreConflictError, UnavailableError } from '../store/types.ts';

/**
 * The API's error shape: always `{ error: { code, message } }`, the message in Chinese for the
 * shop's developers and agents, the code stable for programs.
 */
export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_body: 400,
  invalid_param: 400,
  unauthorized: 401,
  forbidden: 403,
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
  if (err instanceof UnavailableError) return new HttpError('unavailable', err.service === 'redis' ? '协调服务（Redis）暂时不可用，请稍后重试' : '数据库暂时不可用，请稍后重试');
  return undefined;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** body-parser's errors carry a `type`; these are the ones a client can cause. */
function fromBodyParser(err: unknown): HttpError | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  switch ('type' in err ? err.type : undefined) {
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
      break;
  }
  // A body that does not inflate (broken gzip/br): body-parser passes zlib's error on with status 400.
  const status = 'status' in err ? err.status : undefined;
  if (typeof status === 'number' && status >= 400 && status < 500) return new HttpError('invalid_body', '请求体无法解码（压缩数据有误）');
  return undefined;
}

/** The router cannot decode a path parameter with broken percent-encoding ("%E0%A4%A"). */
function fromRouter(err: unknown): HttpError | undefined {
  return err instanceof URIError ? new HttpError('invalid_param', '路径中的百分号编码有误') : undefined;
}

export interface ErrorReporter {
  /** Counts every error answer (metrics) and logs the unexpected ones. */
  onError(code: ErrorCode, err: unknown, req: Parameters<ErrorRequestHandler>[1]): void;
}

/** Seconds a client should wait before retrying a 503 (a database restart or failover takes about this long). */
export const RETRY_AFTER_SECONDS = 5;

export function sendError(res: Parameters<RequestHandler>[1], error: HttpError): void {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.code === 'unavailable') res.set('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(error.status).json(body);
}

/** The last middleware: every thrown or rejected error becomes the JSON shape; internals never leak. */
export function errorHandler(reporter: ErrorReporter): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known = err instanceof HttpError ? err : (fromStore(err) ?? fromRouter(err) ?? fromBodyParser(err));
    const error = known ?? new HttpError('internal', '服务器内部错误，请稍后再试');
    // A dependency being down is expected operations trouble: reported (without a stack), not a bug.
    reporter.onError(error.code, known && !(err instanceof UnavailableError) ? undefined : err, req);
    sendError(res, error);
  };
}

/** Anything no route matched. */
export const unknownRoute: RequestHandler = (_req, _res, next) => {
  next(new HttpError('not_found', '接口不存在'));
};
