import { type ErrorCode, errorCatalog, formatErrorMessage, type Lang } from '../../../shared/errors';

/**
 * A rejection reason (dead letter, refused login, device error counter) in words: the stable code
 * is also an entry of the shared error catalogue, so the text is the same the API would send.
 */
export function reasonText(code: string, lang: Lang): string {
  return code in errorCatalog ? formatErrorMessage(code as ErrorCode, lang) : code;
}
