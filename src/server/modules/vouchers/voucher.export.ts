import type { FastifyReply } from 'fastify';
import {
  claimStatusLabels,
  evidenceKindLabels,
  movementKindLabels,
  serviceKindLabels,
  settlementStatusLabels,
} from '../../../shared/api/vouchers.js';
import { sendCsv } from '../../http/csv.js';
import { sendXlsx } from '../../http/xlsx.js';

type Lang = 'zh' | 'en';
type Cell = string | number | null;

/** Shanghai wall-clock time, what the finance office reads and sorts by in Excel. */
const local = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16) : null;
/** Yuan as a number with two decimals (finance systems import amounts in yuan). */
const yuan = (fen: number) => Math.round(fen) / 100;

export async function sendTable(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  name: string,
  sheet: string,
  header: string[],
  rows: Cell[][],
) {
  if (format === 'csv') return sendCsv(reply, `${name}.csv`, header, rows);
  return sendXlsx(reply, `${name}.xlsx`, sheet, header, rows);
}

export interface ClaimLine {
  id: string;
  programmeName: string;
  providerName: string;
  enterpriseName: string;
  subjectName: string;
  serviceKind: keyof typeof serviceKindLabels;
  serviceStart: string;
  feeFen: number;
  publishedFeeFen: number;
  voucherFen: number;
  claimedMinutes: number;
  evidence: keyof typeof evidenceKindLabels;
  workingMinutes: number | null;
  flagged: boolean;
  status: keyof typeof claimStatusLabels;
  filedAt: string;
  decidedAt: string | null;
}

export const claimHeader = {
  zh: [
    '兑付编号',
    '项目',
    '服务机构',
    '企业',
    '服务内容',
    '服务类型',
    '服务时间',
    '收费（元）',
    '公布收费（元）',
    '兑付金额（元）',
    '企业自付（元）',
    '申请机时（分钟）',
    '佐证方式',
    '传感器工作机时（分钟）',
    '机时存疑',
    '状态',
    '提交时间',
    '审核时间',
  ],
  en: [
    'Claim id',
    'Programme',
    'Provider',
    'Enterprise',
    'Service',
    'Kind',
    'Service time',
    'Fee (yuan)',
    'Published fee (yuan)',
    'Voucher (yuan)',
    'Own share (yuan)',
    'Claimed minutes',
    'Evidence',
    'Sensor working minutes',
    'Usage flagged',
    'Status',
    'Filed',
    'Decided',
  ],
};

export function claimCells(c: ClaimLine, lang: Lang): Cell[] {
  return [
    c.id,
    c.programmeName,
    c.providerName,
    c.enterpriseName,
    c.subjectName,
    serviceKindLabels[c.serviceKind][lang],
    local(c.serviceStart),
    yuan(c.feeFen),
    yuan(c.publishedFeeFen),
    yuan(c.voucherFen),
    yuan(c.feeFen - c.voucherFen),
    c.claimedMinutes,
    evidenceKindLabels[c.evidence][lang],
    c.workingMinutes,
    c.flagged ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no',
    claimStatusLabels[c.status][lang],
    local(c.filedAt),
    local(c.decidedAt),
  ];
}

export const settlementHeader = {
  zh: ['批次编号', '项目', '服务机构', '月份', '状态', '兑付笔数', '合计（元）', '拨付时间', '凭证号'],
  en: ['Batch id', 'Programme', 'Provider', 'Month', 'Status', 'Claims', 'Total (yuan)', 'Paid at', 'Payment ref'],
};
export function settlementCells(
  b: {
    id: string;
    programmeName: string;
    providerName: string;
    month: string;
    status: keyof typeof settlementStatusLabels;
    claimCount: number;
    totalFen: number;
    paidAt: string | null;
    paymentRef: string | null;
  },
  lang: Lang,
): Cell[] {
  return [
    b.id,
    b.programmeName,
    b.providerName,
    b.month,
    settlementStatusLabels[b.status][lang],
    b.claimCount,
    yuan(b.totalFen),
    local(b.paidAt),
    b.paymentRef,
  ];
}

export const movementHeader = {
  zh: ['序号', '时间', '类型', '可用变动（元）', '冻结变动（元）', '可用余额（元）', '冻结余额（元）', '说明'],
  en: [
    'No.',
    'Time',
    'Kind',
    'Available change (yuan)',
    'Reserved change (yuan)',
    'Available after (yuan)',
    'Reserved after (yuan)',
    'Memo',
  ],
};
export function movementCells(
  m: {
    id: number;
    at: string;
    kind: keyof typeof movementKindLabels;
    availableDeltaFen: number;
    reservedDeltaFen: number;
    availableAfterFen: number;
    reservedAfterFen: number;
    memo: string | null;
  },
  lang: Lang,
): Cell[] {
  return [
    m.id,
    local(m.at),
    movementKindLabels[m.kind][lang],
    yuan(m.availableDeltaFen),
    yuan(m.reservedDeltaFen),
    yuan(m.availableAfterFen),
    yuan(m.reservedAfterFen),
    m.memo,
  ];
}

export const figureHeader = {
  zh: [
    '分组',
    '名称',
    '发放（元）',
    '冻结（元）',
    '兑付（元）',
    '结算（元）',
    '作废（元）',
    '过期（元）',
    '传感器佐证兑付（元）',
    '自报兑付（元）',
    '传感器佐证占比',
  ],
  en: [
    'Key',
    'Name',
    'Issued (yuan)',
    'Reserved (yuan)',
    'Redeemed (yuan)',
    'Settled (yuan)',
    'Voided (yuan)',
    'Expired (yuan)',
    'Sensor-backed redeemed (yuan)',
    'Self-reported redeemed (yuan)',
    'Sensor share',
  ],
};
export function figureCells(r: {
  key: string;
  name: string;
  issuedFen: number;
  reservedFen: number;
  redeemedFen: number;
  settledFen: number;
  voidedFen: number;
  expiredFen: number;
  sensorRedeemedFen: number;
  selfReportedRedeemedFen: number;
  sensorShare: number;
}): Cell[] {
  return [
    r.key,
    r.name,
    yuan(r.issuedFen),
    yuan(r.reservedFen),
    yuan(r.redeemedFen),
    yuan(r.settledFen),
    yuan(r.voidedFen),
    yuan(r.expiredFen),
    yuan(r.sensorRedeemedFen),
    yuan(r.selfReportedRedeemedFen),
    r.sensorShare,
  ];
}
