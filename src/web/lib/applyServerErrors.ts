import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

type NamePath = (string | number)[];

/**
 * Puts a refusal next to the field it is about: a known code goes to its field, and validation
 * details (`[{ path, message }]` or `{ issues: [...] }`) go to theirs. Returns true if any field got it.
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  byCode: Record<string, NamePath>,
  prefix: NamePath = [],
): boolean {
  if (!(error instanceof ApiError)) return false;
  const fields: { name: NamePath; errors: string[] }[] = [];
  const target = byCode[error.code];
  if (target) fields.push({ name: target, errors: [error.message] });
  const d = error.details as unknown;
  const issues = Array.isArray(d)
    ? d
    : Array.isArray((d as { issues?: unknown })?.issues)
      ? (d as { issues: unknown[] }).issues
      : [];
  for (const issue of issues) {
    const i = issue as { path?: unknown; message?: unknown; instancePath?: unknown };
    let path: NamePath | null = null;
    if (Array.isArray(i.path)) path = i.path as NamePath;
    else if (typeof i.path === 'string') path = i.path.split('.').filter(Boolean);
    else if (typeof i.instancePath === 'string') path = i.instancePath.split('/').filter(Boolean);
    // Fastify reports `body.organisation.name`; the form knows `organisation.name`.
    if (path && ['body', 'querystring', 'params'].includes(String(path[0]))) path = path.slice(1);
    if (path?.length && typeof i.message === 'string') {
      fields.push({ name: [...prefix, ...path], errors: [i.message] });
    }
  }
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}
