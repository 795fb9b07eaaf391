/**
 * The one fetch wrapper. Every call goes through here so that:
 * - state-changing requests carry X-CSRF-Token (the kc_csrf cookie, double-submit);
 * - cookies travel (credentials: same-origin) and the server answers in our language (Accept-Language);
 * - error bodies `{ requestId, code, message, details }` become a thrown ApiError;
 * - a lost session (401 SESSION_EXPIRED / UNAUTHENTICATED) sends the user to sign-in with a notice.
 */
import { currentLang, currentLocale } from '../i18n/locale';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** A 401 here is an expected answer (e.g. "am I signed in?"), not a lost session. */
  allowUnauthenticated?: boolean;
  /** A file sent as the raw body (uploads), instead of a JSON `body`. */
  file?: Blob;
  /** Extra request headers, e.g. the `Idempotency-Key` of a request that moves money. */
  headers?: Record<string, string>;
}

const CSRF_COOKIE = 'kc_csrf';
const SESSION_LOST = new Set(['SESSION_EXPIRED', 'UNAUTHENTICATED']);
const CSRF_PROBLEMS = new Set(['CSRF_TOKEN_MISSING', 'CSRF_TOKEN_INVALID']);

let csrfToken: string | null = null;
let sessionLostHandler: ((code: string) => void) | null = null;

/** Remember the token from a Me response or GET /api/auth/csrf. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Installed once by the app shell (it knows how to navigate). */
export function onSessionLost(handler: ((code: string) => void) | null): void {
  sessionLostHandler = handler;
}

function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

async function csrf(forceFresh = false): Promise<string | null> {
  if (!forceFresh) {
    const fromCookie = readCookie(CSRF_COOKIE);
    if (fromCookie) return fromCookie;
    if (csrfToken) return csrfToken;
  }
  const res = await fetch('/api/auth/csrf', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Accept-Language': currentLocale() },
  });
  if (!res.ok) return readCookie(CSRF_COOKIE);
  const body = (await res.json()) as { csrfToken?: string };
  csrfToken = body.csrfToken ?? null;
  return readCookie(CSRF_COOKIE) ?? csrfToken;
}

/** `?a=1&b=x`, skipping empty values; '' when nothing is left. */
export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

function networkError(): ApiError {
  const message =
    currentLang() === 'en'
      ? 'Cannot reach the server. Check your network connection and try again.'
      : '无法连接服务器，请检查网络后重试。';
  return new ApiError(0, 'NETWORK_ERROR', message, null);
}

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; requestId?: unknown; details?: unknown };
    if (typeof body.code === 'string' && typeof body.message === 'string') {
      return new ApiError(
        res.status,
        body.code,
        body.message,
        typeof body.requestId === 'string' ? body.requestId : res.headers.get('x-request-id'),
        body.details,
      );
    }
  } catch {
    // Not JSON (a proxy error page, for instance): fall through to a generic message.
  }
  const message =
    currentLang() === 'en'
      ? `The server answered with an error (HTTP ${res.status}). Try again later.`
      : `服务器返回错误（HTTP ${res.status}），请稍后重试。`;
  return new ApiError(res.status, `HTTP_${res.status}`, message, res.headers.get('x-request-id'));
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const url = path + toQueryString(options.query);
  const send = async (freshCsrf: boolean): Promise<Response> => {
    const headers: Record<string, string> = {
      ...options.headers,
      Accept: 'application/json',
      'Accept-Language': currentLocale(),
    };
    if (options.file) headers['Content-Type'] = options.file.type || 'application/octet-stream';
    else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') {
      const token = await csrf(freshCsrf);
      if (token) headers['X-CSRF-Token'] = token;
    }
    try {
      return await fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        signal: options.signal,
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw networkError();
    }
  };

  let res = await send(false);
  if (!res.ok) {
    let error = await toApiError(res);
    if (res.status === 403 && CSRF_PROBLEMS.has(error.code)) {
      // The token rotated (new session, other tab): fetch a fresh one and try once more.
      res = await send(true);
      if (res.ok) return parse<T>(res);
      error = await toApiError(res);
    }
    if (res.status === 401 && SESSION_LOST.has(error.code) && !options.allowUnauthenticated) {
      sessionLostHandler?.(error.code);
    }
    throw error;
  }
  return parse<T>(res);
}

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'method' | 'query'>) =>
    api<T>(path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Pick<RequestOptions, 'headers'>) =>
    api<T>(path, { ...opts, method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => api<T>(path, { method: 'PUT', body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => api<T>(path, { method: 'PATCH', body: body ?? {} }),
  del: <T>(path: string) => api<T>(path, { method: 'DELETE' }),
  upload: <T>(path: string, file: Blob, query?: Query) => api<T>(path, { method: 'POST', file, query }),
};
