import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, UserOutlined } from '@ant-design/icons';
import { List, Space, Tag, Typography } from 'antd';
import { type ClaimCheck, claimCheckLabels } from '../../../../shared/api/vouchers';
import { useI18n } from '../../../i18n';
import { formatYuanNumber } from '../../../lib/format';
import type { CheckResult } from '../api';

const OUTCOME = {
  pass: { icon: <CheckCircleFilled style={{ color: '#389e0d' }} />, colour: 'green' },
  fail: { icon: <CloseCircleFilled style={{ color: '#cf1322' }} />, colour: 'red' },
  flag: { icon: <ExclamationCircleFilled style={{ color: '#d46b08' }} />, colour: 'orange' },
  manual: { icon: <UserOutlined style={{ color: '#1677ff' }} />, colour: 'blue' },
} as const;

/** The compared figures in words a reviewer reads: money in 元, minutes as minutes, shares as %. */
function formatValue(
  key: string,
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
  return v;
}

/**
 * The automatic checks of a claim in the order they run: each with its outcome and, when not passed,
 * the reason in the error code's words and the figures it compared.
 */
export function CheckList({ checks, testId = 'claim-checks' }: { checks: CheckResult[]; testId?: string }) {
  const { t, label } = useI18n();
  const words = {
    minutes: t('unit.minutes'),
    yes: t('common.yes'),
    no: t('common.no'),
    yuan: (n: string) => t('money.yuan', { n }),
  };
  const valueName = (key: string) => (key in VALUE_LABELS ? t(VALUE_LABELS[key as keyof typeof VALUE_LABELS]) : key);
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={checks}
      renderItem={(c) => {
        const o = OUTCOME[c.outcome];
        const values = Object.entries(c.values);
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
                    {values.map(([k, v]) => `${valueName(k)}：${formatValue(k, v, words)}`).join(' · ')}
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

const VALUE_LABELS = {
  feeFen: 'vch.val.feeFen',
  publishedFeeFen: 'vch.val.publishedFeeFen',
  voucherFen: 'vch.val.voucherFen',
  coveredFen: 'vch.val.coveredFen',
  perClaimCapFen: 'vch.val.perClaimCapFen',
  annualCapFen: 'vch.val.annualCapFen',
  annualUsedFen: 'vch.val.annualUsedFen',
  reservedFen: 'vch.val.reservedFen',
  workingMinutes: 'vch.val.workingMinutes',
  requiredMinutes: 'vch.val.requiredMinutes',
  claimedMinutes: 'vch.val.claimedMinutes',
  minSensorShareBp: 'vch.val.minSensorShareBp',
  overlapShare: 'vch.val.overlapShare',
  coverageBp: 'vch.val.coverageBp',
} as const;
