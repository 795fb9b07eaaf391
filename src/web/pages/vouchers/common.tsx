/** Tags, words and small pieces every voucher screen shares. */
import { InputNumber, type InputNumberProps, Tag, Tooltip } from 'antd';
import {
  claimStatusLabels,
  evidenceKindLabels,
  movementKindLabels,
  programmeStatusLabels,
  providerStatusLabels,
  quotaApplicationStatusLabels,
  quotaStatusLabels,
  reservationStatusLabels,
  serviceKindLabels,
  serviceOrderStatusLabels,
  settlementStatusLabels,
} from '../../../shared/api/vouchers';
import type { Me } from '../../api/types';
import { hasRole } from '../../auth/roles';
import { StatusTimeline } from '../../components/StatusTimeline';
import { useI18n } from '../../i18n';
import { formatDate, formatYuanNumber } from '../../lib/format';
import type { VoucherEvent } from './api';

type Labels = Record<string, { zh: string; en: string }>;

/** Which vocabulary a status belongs to: the same word (e.g. 'approved') means different things. */
export const vocabularies = {
  programme: programmeStatusLabels,
  provider: providerStatusLabels,
  application: quotaApplicationStatusLabels,
  quota: quotaStatusLabels,
  reservation: reservationStatusLabels,
  serviceOrder: serviceOrderStatusLabels,
  claim: claimStatusLabels,
  settlement: settlementStatusLabels,
} satisfies Record<string, Labels>;
export type Vocabulary = keyof typeof vocabularies;

const COLOURS: Record<string, string> = {
  draft: 'default',
  active: 'green',
  closed: 'default',
  applied: 'gold',
  admitted: 'green',
  rejected: 'red',
  suspended: 'volcano',
  withdrawn: 'default',
  submitted: 'gold',
  approved: 'green',
  expired: 'default',
  voided: 'red',
  held: 'blue',
  released: 'default',
  redeemed: 'green',
  ordered: 'blue',
  delivered: 'green',
  cancelled: 'default',
  pending_review: 'gold',
  settled: 'cyan',
  open: 'gold',
  paid: 'green',
};

const TIMELINE_COLOURS: Record<string, string> = {
  active: 'green',
  admitted: 'green',
  approved: 'green',
  paid: 'green',
  settled: 'green',
  redeemed: 'green',
  rejected: 'red',
  voided: 'red',
  suspended: 'red',
  withdrawn: 'gray',
  closed: 'gray',
  released: 'gray',
  expired: 'gray',
};

export function useStatusText(vocabulary: Vocabulary) {
  const { label } = useI18n();
  const labels: Labels = vocabularies[vocabulary];
  return (status: string) => (labels[status] ? label(labels[status]) : status);
}

/** A status as a coloured tag, in the words of its own vocabulary. */
export function VoucherStatus({
  vocabulary,
  status,
  testId,
}: {
  vocabulary: Vocabulary;
  status: string;
  testId?: string;
}) {
  const text = useStatusText(vocabulary);
  return (
    <Tag color={COLOURS[status] ?? 'default'} data-testid={testId} data-status={status}>
      {text(status)}
    </Tag>
  );
}

/** A record's history (who, when, from → to, why), newest first. */
export function VoucherTimeline({
  events,
  vocabulary,
  testId,
}: {
  events: VoucherEvent[];
  vocabulary: Vocabulary;
  testId: string;
}) {
  const text = useStatusText(vocabulary);
  return <StatusTimeline events={events} statusText={text} colours={TIMELINE_COLOURS} testId={testId} />;
}

/** Fen shown as 元 with thousands separators: 1234500 → `12,345 元` (English `¥12,345`). */
export function useMoney() {
  const { t } = useI18n();
  return (fen: number | null | undefined) =>
    fen === null || fen === undefined ? '—' : t('money.yuan', { n: formatYuanNumber(fen) });
}

/** Money in a table cell or a summary, never wrapping; a negative amount gets its minus sign. */
export function Money({ fen, signed, strong }: { fen: number | null | undefined; signed?: boolean; strong?: boolean }) {
  const money = useMoney();
  if (fen === null || fen === undefined) return <>—</>;
  const text = signed && fen > 0 ? `+${money(fen)}` : fen < 0 ? `−${money(-fen)}` : money(fen);
  const style = { whiteSpace: 'nowrap' as const, fontWeight: strong ? 600 : undefined };
  return <span style={style}>{text}</span>;
}

/** Descriptions labels kept on one line (2-column summaries wrapped 发放时间 into two). */
export const nowrapLabels = { label: { whiteSpace: 'nowrap' as const } };

/**
 * A voucher's last valid day. The server's `expiresAt` is the instant validity ends, midnight after
 * the last day in Shanghai, so the day shown is the one just before it.
 */
export const lastValidDay = (expiresAt: string) => formatDate(new Date(Date.parse(expiresAt) - 1));

/** Basis points as a percentage: 5000 → 50%. */
export const formatBp = (bp: number) => `${(bp / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;

export function ServiceKindTags({ kinds }: { kinds: readonly (keyof typeof serviceKindLabels)[] }) {
  const { label } = useI18n();
  return (
    <>
      {kinds.map((k) => (
        <Tag key={k}>{label(serviceKindLabels[k])}</Tag>
      ))}
    </>
  );
}

export function EvidenceTag({ evidence }: { evidence: keyof typeof evidenceKindLabels }) {
  const { label } = useI18n();
  return (
    <Tag color={evidence === 'sensor' ? 'blue' : 'orange'} data-testid="claim-evidence">
      {label(evidenceKindLabels[evidence])}
    </Tag>
  );
}

/** A claim the automatic checks marked for a closer look. */
export function FlagTag({ flagged }: { flagged: boolean }) {
  const { t } = useI18n();
  if (!flagged) return null;
  return (
    <Tooltip title={t('vch.claim.flaggedHint')}>
      <Tag color="red" data-testid="claim-flagged">
        {t('vch.claim.flagged')}
      </Tag>
    </Tooltip>
  );
}

export function useMovementText() {
  const { label } = useI18n();
  return (kind: keyof typeof movementKindLabels) => label(movementKindLabels[kind]);
}

/** Minutes as hours with one decimal: 135 → `2.3 小时`. */
export function useHours() {
  const { t } = useI18n();
  return (minutes: number | null | undefined) =>
    minutes === null || minutes === undefined
      ? '—'
      : `${(minutes / 60).toLocaleString('zh-CN', { maximumFractionDigits: 1 })} ${t('unit.hours')}`;
}

// ------------------------------------------------------------------ who sees which screens

/** Bureau staff who run programmes and review (the server decides region by region). */
export const isVoucherOfficer = (me: Me | null | undefined) => hasRole(me, 'bureau_officer', 'bureau_admin');
/** Who reads the ledger side: officers, finance and auditors. */
export const isVoucherReader = (me: Me | null | undefined) =>
  hasRole(me, 'bureau_officer', 'bureau_admin', 'finance_officer', 'auditor');
export const isFinance = (me: Me | null | undefined) => hasRole(me, 'finance_officer');
/** Enterprises hold wallets: their members, and whoever holds the enterprise role. */
export const hasWallet = (me: Me | null | undefined) =>
  hasRole(me, 'enterprise_user') || !!me?.memberships.some((m) => m.organisation.type === 'enterprise');
/**
 * Service providers: universities, institutes and service organisations that offer instruments or
 * services, acting through their administrators and instrument managers. An enterprise that also
 * provides services does so through an instrument manager, so plain enterprise staff see no
 * provider screens.
 */
export const isProviderSide = (me: Me | null | undefined) =>
  hasRole(me, 'instrument_manager') ||
  !!me?.memberships.some((m) => m.isAdmin && !['government', 'enterprise'].includes(m.organisation.type));

/** The organisations this user may act for on the provider side. */
export function providerOrganisations(me: Me) {
  return me.memberships
    .filter(
      (m) =>
        m.organisation.type !== 'government' &&
        (m.isAdmin || me.roles.some((g) => g.role === 'instrument_manager' && g.organisationId === m.organisation.id)),
    )
    .map((m) => m.organisation);
}

/** The organisations whose wallet this user may open. */
export function walletOrganisations(me: Me) {
  return me.memberships.filter((m) => m.organisation.type !== 'government').map((m) => m.organisation);
}

/** An amount in 元 typed with thousands separators (12,345.67), two decimals at most. */
export function YuanInput(props: Omit<InputNumberProps<number>, 'formatter' | 'parser' | 'precision'>) {
  const { t } = useI18n();
  return (
    <InputNumber<number>
      style={{ width: '100%' }}
      min={0}
      {...props}
      precision={2}
      suffix={t('money.unitYuan')}
      formatter={(v) => {
        if (v === undefined || v === null || `${v}` === '') return '';
        const [int, dec] = `${v}`.split('.');
        return `${(int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${dec !== undefined ? `.${dec}` : ''}`;
      }}
      parser={(v) => Number((v ?? '').replace(/,/g, ''))}
    />
  );
}
