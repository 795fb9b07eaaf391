import { Flex, Tooltip, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { QuotaBalances } from './api';
import { useMoney } from './common';

const SEGMENTS = [
  { key: 'redeemedFen', colour: '#389e0d', label: 'vch.bal.redeemed' },
  { key: 'reservedFen', colour: '#1677ff', label: 'vch.bal.reserved' },
  { key: 'availableFen', colour: '#91caff', label: 'vch.bal.available' },
  { key: 'expiredFen', colour: '#bfbfbf', label: 'vch.bal.expired' },
  { key: 'voidedFen', colour: '#ff7875', label: 'vch.bal.voided' },
] as const;

/**
 * Where the issued amount went, as one bar: redeemed, reserved, still available, expired, voided.
 * The same figures are written out beside it, so the bar is never the only way to read them.
 */
export function BalanceBar({ balances }: { balances: QuotaBalances }) {
  const { t } = useI18n();
  const money = useMoney();
  const total = Math.max(balances.issuedFen, 1);
  const parts = SEGMENTS.filter((s) => balances[s.key] > 0);
  const summary = parts.map((s) => `${t(s.label)} ${money(balances[s.key])}`).join('，');
  return (
    <div>
      <div
        role="img"
        aria-label={summary || t('vch.bal.none')}
        style={{ display: 'flex', height: 10, borderRadius: 5, overflow: 'hidden', background: '#f0f0f0' }}
      >
        {parts.map((s) => (
          <Tooltip key={s.key} title={`${t(s.label)} ${money(balances[s.key])}`}>
            <div style={{ width: `${(balances[s.key] / total) * 100}%`, background: s.colour }} />
          </Tooltip>
        ))}
      </div>
      <Flex wrap gap="4px 12px" style={{ marginTop: 6 }}>
        {parts.map((s) => (
          <Typography.Text key={s.key} type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            <span
              aria-hidden
              style={{
                display: 'inline-block',
                width: 8,
                height: 8,
                borderRadius: 2,
                background: s.colour,
                marginInlineEnd: 4,
              }}
            />
            {t(s.label)} {money(balances[s.key])}
          </Typography.Text>
        ))}
      </Flex>
    </div>
  );
}
