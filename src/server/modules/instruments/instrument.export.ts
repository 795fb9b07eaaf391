import type { FastifyReply } from 'fastify';
import { instrumentStatusLabels, purposeLabels, shareModeLabels } from '../../../shared/api/instruments.js';
import { organisationTypeLabels } from '../../../shared/roles.js';
import { sendCsv } from '../../http/csv.js';
import { sendXlsx } from '../../http/xlsx.js';
import type { presentSummary } from './instrument.service.js';

type Row = ReturnType<typeof presentSummary>;

const headers = {
  zh: [
    '仪器名称',
    '英文名称',
    '分类代码',
    '分类',
    '所属单位',
    '单位类型',
    '所在地区',
    '原值（元）',
    '生产厂家',
    '型号',
    '状态',
    '共享方式',
    '用途',
    '机时收费（元/小时）',
    '测样收费（元/样）',
    '仪器页面',
  ],
  en: [
    'Instrument',
    'English name',
    'Class code',
    'Class',
    'Owner',
    'Owner type',
    'Region',
    'Original value (yuan)',
    'Manufacturer',
    'Model',
    'Status',
    'Share mode',
    'Purpose',
    'Fee per hour (yuan)',
    'Fee per sample (yuan)',
    'Page',
  ],
};

const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

/** The filtered catalogue as CSV (formula-safe, with a BOM for Excel) or XLSX. */
export function sendCatalogue(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  rows: Row[],
  lang: 'zh' | 'en',
  publicUrl: string,
) {
  const data = rows.map((i) => [
    i.nameZh,
    i.nameEn,
    i.classCode,
    i.className,
    i.ownerName,
    organisationTypeLabels[i.ownerType][lang],
    i.regionName,
    yuan(i.originalValueFen),
    i.manufacturer,
    i.model,
    instrumentStatusLabels[i.status][lang],
    shareModeLabels[i.shareMode][lang],
    purposeLabels[i.purpose][lang],
    yuan(i.feePerHourFen),
    yuan(i.feePerSampleFen),
    `${publicUrl}/instruments/${i.id}`,
  ]);
  const name = lang === 'zh' ? '仪器目录' : 'instrument-catalogue';
  return format === 'csv'
    ? sendCsv(reply, `${name}.csv`, headers[lang], data)
    : sendXlsx(reply, `${name}.xlsx`, lang === 'zh' ? '仪器' : 'Instruments', headers[lang], data);
}
