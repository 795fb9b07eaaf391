import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type ErrorCode, formatErrorMessage, type Lang } from '../../shared/errors.js';
import { AppError } from '../lib/errors.js';

/** Language of a response: explicit cookie choice first, then the browser's Accept-Language, Chinese by default. */
export function requestLang(req: FastifyRequest): Lang {
  const cookie = req.cookies?.kc_lang;
  if (cookie === 'en' || cookie === 'zh') return cookie;
  const accept = req.headers['accept-language'];
  if (typeof accept === 'string' && /^\s*en/i.test(accept)) return 'en';
  return 'zh';
}

export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  status: number,
  params: Record<string, unknown> = {},
  details?: unknown,
) {
  return reply.status(status).send({
    requestId: req.id,
    code,
    message: formatErrorMessage(code, requestLang(req), params),
    ...(details === undefined ? {} : { details }),
  });
}

const fastifyCodes: Partial<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_JSON',
};

/**
 * The one place errors become HTTP: coded errors pass through with their catalogue message; anything
 * else is logged with its stack and answered as INTERNAL_ERROR, so no SQL or stack reaches a client.
 */
export function registerErrorHandling(app: FastifyInstance, bodyLimit: number) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return sendError(req, reply, err.code, err.status, err.params, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: `${err.validationContext ?? ''}${v.instancePath}`.replace(/\//g, '.'),
        message: v.message,
      }));
      return sendError(req, reply, 'VALIDATION_FAILED', 400, {}, details);
    }
    if (err instanceof SyntaxError && (err as FastifyError).statusCode === 400)
      return sendError(req, reply, 'MALFORMED_JSON', 400);
    const mapped = err.code ? fastifyCodes[err.code] : undefined;
    if (mapped) {
      const status = mapped === 'BODY_TOO_LARGE' ? 413 : mapped === 'UNSUPPORTED_MEDIA_TYPE' ? 415 : 400;
      // Routes such as file imports raise their own limit; name the one that applied.
      const limit = req.routeOptions?.bodyLimit ?? bodyLimit;
      return sendError(req, reply, mapped, status, { limit: `${Math.round(limit / 1024)} KiB` });
    }
    if (isResponseSerializationError(err))
      req.log.error({ err, issues: err.cause }, 'response did not match its schema');
    else req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, 'INTERNAL_ERROR', 500);
  });

  app.setNotFoundHandler((req, reply) =>
    sendError(req, reply, 'ROUTE_NOT_FOUND', 404, { method: req.method, url: req.url.split('?')[0] }),
  );
}
