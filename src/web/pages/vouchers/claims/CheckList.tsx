import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, UserOutlined } from '@ant-design/icons';
import { List, Space, Tag, Typography } from 'antd';
import { type ClaimCheck, claimCheckLabels } from '../../../../shared/api/vouchers';
import { type MessageKey, useI18n } from '../../../i18n';
import { formatDate, formatYuanNumber } from '../../../lib/format';
import type { CheckResult } from '../api';
import { lastValidDay } from '../common';

const OUTCOME = {
  pass: { icon: <CheckCircleFilled style={{ color: '#389e0d' }} />, colour: 'green' },
  fail: { icon: <CloseCircleFilled style={{ color: '#cf1322' }} />, colour: 'red' },
  flag: { icon: <ExclamationCircleFilled style={{ color: '#d46b08' }} />, colour: 'orange' },
  manual: { icon: <UserOutlined style={{ color: '#1677ff' }} />, colour: 'blue' },
} as const;

/**
 * The compared figures in words a reviewer reads: money in 元, minutes as minutes, shares as %, days
 * as 2026-11-25. Only figures with a name here are shown; internal ones (ids, statuses) are not.
 */
const VALUE_LABELS = {
  feeFen: 'vch.val.feeFen',
  publishedFeeFen: 'vch.val.publishedFeeFen',
  voucherFen: 'vch.val.voucherFen',
  coveredFen: 'vch.val.coveredFen',
  perClaimCapFen: 'vch.val.perClaimCapFen',
  reservedFen: 'vch.val.reservedFen',
  annualUsedFen: 'vch.val.annualUsedFen',
  annualCapFen: 'vch.val.annualCapFen',
  claimedMinutes: 'vch.val.claimedMinutes',
  workingMinutes: 'vch.val.workingMinutes',
  requiredMinutes: 'vch.val.requiredMinutes',
  minSensorShareBp: 'vch.val.minSensorShareBp',
  overlapShare: 'vch.val.overlapShare',
  coverageBp: 'vch.val.coverageBp',
  serviceStart: 'vch.val.serviceStart',
  validFrom: 'vch.val.validFrom',
  expiresAt: 'vch.val.expiresAt',
} as const satisfies Record<string, MessageKey>;
type ValueKey = keyof typeof VALUE_LABELS;

function formatValue(
  key: ValueKey,
  v: string | number | boolean | null,
  words: { minutes: string; yes: string; no: string; yuan: (n: string) => string },
): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? words.yes : words.no;
  if (typeof v === 'number') {
    if (key.endsWith('Fen')) return words.yuan(formatYuanNumber(v));
    if (key.endsWith('Minutes')) return `${v.toLocaleString('zh-CN', { maximumFractionDigits: 1 })} ${words.minutes}`;
    if (key.endsWith('Bp')) return `${(v / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;
    if (key.endsWith('Share')) return `${(v * 100).toFixed(1)}%`;
    return v.toLocaleString('zh-CN');
  }
  // Timestamps of the validity check: the day in Shanghai (expiry is the instant after the last day).
  if (key === 'expiresAt') return lastValidDay(v);
  return /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatDate(v) : v;
}

/**
 * The automatic checks of a claim in the order they run: each with its outcome and, when not passed,
 * the reason in the error code's words and the figures it compared.
 */
export function CheckList({ checks, testId = 'claim-checks' }: { checks: CheckResult[]; testId?: string }) {
  const { t, label, lang } = useI18n();
  const sep = lang === 'en' ? ': ' : '：';
  const words = {
    minutes: t('unit.minutes'),
    yes: t('common.yes'),
    no: t('common.no'),
    yuan: (n: string) => t('money.yuan', { n }),
  };
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={checks}
      renderItem={(c) => {
        const o = OUTCOME[c.outcome];
        // In the order named here: the server stores check values as JSON, whose key order is not kept.
        const values = (Object.keys(VALUE_LABELS) as ValueKey[])
          .filter((k) => k in c.values)
          .map((k) => [k, c.values[k] ?? null] as const);
        return (
          <List.Item key={c.check} data-testid="claim-check" data-check={c.check} data-outcome={c.outcome}>
            <Space align="start" size={10} style={{ width: '100%' }}>
              <span style={{ fontSize: 16, lineHeight: '22px' }}>{o.icon}</span>
              <div style={{ minWidth: 0 }}>
                <Space wrap size={6}>
                  <Typography.Text strong>
                    {claimCheckLabels[c.check as ClaimCheck] ? label(claimCheckLabels[c.check as ClaimCheck]) : c.label}
                  </Typography.Text>
                  <Tag color={o.colour}>{t(`vch.check.${c.outcome}`)}</Tag>
                </Space>
                {c.outcome !== 'pass' && c.message ? (
                  <div data-testid="claim-check-reason">
                    <Typography.Text type={c.outcome === 'fail' ? 'danger' : 'warning'}>{c.message}</Typography.Text>
                    {c.code ? (
                      <Typography.Text type="secondary" code style={{ marginInlineStart: 6, fontSize: 12 }}>
                        {c.code}
                      </Typography.Text>
                    ) : null}
                  </div>
                ) : null}
                {values.length ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {values.map(([k, v]) => `${t(VALUE_LABELS[k])}${sep}${formatValue(k, v, words)}`).join(' · ')}
                  </Typography.Text>
                ) : null}
              </div>
            </Space>
          </List.Item>
        );
      }}
    />
  );
}
