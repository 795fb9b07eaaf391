import { Tag } from 'antd';
import {
  applicationStatusLabels,
  contractStatusLabels,
  milestoneStatusLabels,
  trancheStatusLabels,
} from '../../../../shared/api/challenge-applications';
import { ApiError } from '../../../api/client';
import { useI18n } from '../../../i18n';
import { formatYuanNumber } from '../../../lib/format';

export type { ApplicationStatus } from '../../../../shared/api/challenge-applications';

const colours: Record<string, string> = {
  submitted: 'processing',
  needs_fix: 'warning',
  passed: 'success',
  rejected: 'error',
  withdrawn: 'default',
  selected: 'green',
  not_selected: 'default',
  eliminated: 'volcano',
  signed: 'processing',
  registered: 'success',
  changed: 'gold',
  cancelled: 'default',
  planned: 'default',
  reported: 'processing',
  confirmed: 'blue',
  failed: 'error',
  pending: 'processing',
  paid: 'success',
  recovered: 'purple',
};

type Kind = 'application' | 'contract' | 'milestone' | 'tranche';
const byKind: Record<Kind, Record<string, { zh: string; en: string }>> = {
  application: applicationStatusLabels,
  contract: contractStatusLabels,
  milestone: milestoneStatusLabels,
  tranche: trancheStatusLabels,
};
// Statuses share names across kinds ("passed" is 形式审查通过 for an application, 考核通过 for a
// milestone): without a kind, the application's wording wins.
const labels: Record<string, { zh: string; en: string }> = {
  ...trancheStatusLabels,
  ...milestoneStatusLabels,
  ...contractStatusLabels,
  ...applicationStatusLabels,
};

/** One tag for every status of the applications side, in the current language. */
export function ChalStatus({ status, kind }: { status: string; kind?: Kind }) {
  const { label } = useI18n();
  const l = (kind ? byKind[kind] : labels)[status];
  return <Tag color={colours[status] ?? 'default'}>{l ? label(l) : status}</Tag>;
}

export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '—' : `${formatYuanNumber(fen)} 元`;

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === 'kc_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * Uploads one file as the raw request body, reporting progress (0–100). The server checks the type
 * from the bytes; its coded error comes back as an ApiError like every other call.
 */
export async function uploadFile(url: string, file: File, onProgress: (pct: number) => void): Promise<unknown> {
  let token = csrfToken();
  if (!token) {
    await fetch('/api/auth/csrf', { credentials: 'same-origin' });
    token = csrfToken();
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${url}?filename=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: { code?: string; message?: string; requestId?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else
        reject(
          new ApiError(
            xhr.status,
            body.code ?? `HTTP_${xhr.status}`,
            body.message ?? `HTTP ${xhr.status}`,
            body.requestId ?? null,
          ),
        );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Network error', null));
    xhr.send(file);
  });
}

/** Status words for timelines and selects. */
export function useChalStatusText() {
  const { label } = useI18n();
  return (s: string) => (labels[s] ? label(labels[s] as { zh: string; en: string }) : s);
}

export const timelineColours: Record<string, string> = {
  passed: 'green',
  selected: 'green',
  registered: 'green',
  paid: 'green',
  rejected: 'red',
  failed: 'red',
  cancelled: 'gray',
  withdrawn: 'gray',
  needs_fix: 'orange',
};
