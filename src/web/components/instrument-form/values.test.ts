import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { instrumentInput, instrumentUpdate } from '../../../shared/api/instruments';
import type { InstrumentDetail } from '../../api/types';
import { initialValues, rulesFrom, toPayload, type Values } from './values';

const values = (overrides: Partial<Values> = {}): Values => ({
  nameZh: ' 激光共聚焦显微镜 ',
  classCode: '010101',
  originalValueYuan: 1_234_567.89,
  status: 'normal',
  shareMode: 'external',
  purpose: 'general',
  bookingRules: rulesFrom({}),
  ...overrides,
});

const detail = {
  id: '00000000-0000-4000-8000-000000000001',
  nameZh: '激光共聚焦显微镜',
  nameEn: null,
  classCode: '010101',
  originalValueFen: 123_456_789,
  purchaseDate: '2021-03-15',
  manufacturer: null,
  country: 'DEU',
  model: null,
  status: 'normal',
  shareMode: 'external',
  purpose: 'general',
  specs: null,
  functions: null,
  serviceContent: null,
  feePerHourFen: 30_000,
  feePerSampleFen: null,
  feeNotes: null,
  openRules: null,
  location: null,
  regionCode: '330602',
  contactName: '刘老师',
  contactPhoneMasked: '138****8000',
  contactEmail: 'lab@sx-univ.edu.cn',
  bookingRules: {},
} as unknown as InstrumentDetail;

describe('instrument form values', () => {
  it('an edit starts from the instrument: 元 from fen, the published email, and an empty (masked) phone', () => {
    const v = initialValues(detail, []);
    expect(v).toMatchObject({
      originalValueYuan: 1_234_567.89,
      feePerHourYuan: 300,
      contactName: '刘老师',
      contactEmail: 'lab@sx-univ.edu.cn',
    });
    expect(v.contactPhone).toBeUndefined();
    expect(v.purchaseDate?.format('YYYY-MM-DD')).toBe('2021-03-15');
  });

  it('a new listing sends fen, trimmed text and omits what is empty; the server schema accepts it', () => {
    const body = toPayload(
      values({ contactEmail: ' lab@sx-univ.edu.cn ', contactPhone: '', purchaseDate: dayjs('2021-03-15') }),
      false,
      {},
    );
    expect(body).toMatchObject({
      nameZh: '激光共聚焦显微镜',
      originalValueFen: 123_456_789,
      purchaseDate: '2021-03-15',
      contactEmail: 'lab@sx-univ.edu.cn',
    });
    expect(body.contactPhone).toBeUndefined();
    expect(body.nameEn).toBeUndefined();
    const parsed = instrumentInput.safeParse({ ...body, organisationId: detail.id, assetNo: 'ZC-1' });
    expect(parsed.success).toBe(true);
  });

  it('an edit clears an emptied email with null but keeps the phone it could not show', () => {
    const body = toPayload(values({ contactEmail: '  ', contactPhone: undefined }), true, {});
    expect(body.contactEmail).toBeNull();
    expect(body.nameEn).toBeNull();
    expect('contactPhone' in body && body.contactPhone === undefined).toBe(true);
    expect(instrumentUpdate.safeParse(body).success).toBe(true);
    expect(toPayload(values({ contactPhone: ' 0575-88123456 ' }), true, {}).contactPhone).toBe('0575-88123456');
  });

  it('the server schema refuses a bad email the form would send', () => {
    const body = toPayload(values({ contactEmail: 'lab@' }), true, {});
    const parsed = instrumentUpdate.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['contactEmail']);
  });
});
