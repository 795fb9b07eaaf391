import { describe, expect, it } from 'vitest';
import { classVersion, fenToYuan, isDisposedStatus, parseDate, yuanToFen } from './asset.values.js';

describe('yuanToFen: exact, by string arithmetic', () => {
  it.each([
    ['0.29', 29], // 0.29 * 100 = 28.999999999999996 in floating point
    ['1,234,567.89', 123_456_789],
    ['¥300000', 30_000_000],
    ['￥300,000.00', 30_000_000],
    ['4500000.1', 450_000_010],
    ['  12.50元 ', 1_250],
    ['RMB 1.07', 107],
    ['1.10000', 110],
    ['0', 0],
    ['90071992547409.91', 9_007_199_254_740_991],
  ])('%s yuan is %i fen', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
  });

  it('reads numeric cells through their shortest decimal form', () => {
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(1_234_567.89)).toBe(123_456_789);
    expect(yuanToFen(0.1 + 0.2)).toBeNull(); // 0.30000000000000004: more than 2 decimals, refused, not rounded
  });

  it('adds 10,000 cards of 0.29 yuan to exactly 2,900 yuan', () => {
    let total = 0;
    for (let i = 0; i < 10_000; i++) total += yuanToFen('0.29') as number;
    expect(total).toBe(290_000);
  });

  it.each(['', 'abc', '1.234', '-5', '1,2,3', '12,34.5', '=1+1', '1e5', '90071992547409.92'])('refuses %j', (s) => {
    expect(yuanToFen(s)).toBeNull();
  });

  it('fenToYuan prints two decimals exactly', () => {
    expect(fenToYuan(29)).toBe('0.29');
    expect(fenToYuan(123_456_789)).toBe('1234567.89');
    expect(fenToYuan(-150)).toBe('-1.50');
  });
});

describe('parseDate', () => {
  it.each([
    ['2021-03-15', '2021-03-15'],
    ['2021/3/5', '2021-03-05'],
    ['2021.03.05', '2021-03-05'],
    ['2021年3月5日', '2021-03-05'],
    ['20210315', '2021-03-15'],
    ['2021-03-15 00:00:00', '2021-03-15'],
    ['44270', '2021-03-15'],
  ])('%s → %s', (s, iso) => {
    expect(parseDate(s)).toBe(iso);
  });

  it('reads Excel serial numbers and date cells', () => {
    expect(parseDate(44270)).toBe('2021-03-15');
    expect(parseDate(1)).toBe('1900-01-01');
    expect(parseDate(new Date(Date.UTC(2019, 11, 31)))).toBe('2019-12-31');
  });

  it.each(['2023-02-30', '2021-13-01', '15/03/2021', 'yesterday', '0', '1899-12-31'])('refuses %j', (s) => {
    expect(parseDate(s)).toBeNull();
  });
});

describe('isDisposedStatus', () => {
  it.each(['报废', '已报废', '调出', '已调拨', '对外捐赠', '已处置', '出售'])('%s has left the books', (s) => {
    expect(isDisposedStatus(s)).toBe(true);
  });
  it.each(['在用', '闲置', '待报废', '拟处置', '出租', '', null])('%j is still held', (s) => {
    expect(isDisposedStatus(s)).toBe(false);
  });
});

it('classVersion tells GB/T 14885-2010 codes from 2022 ones', () => {
  expect(classVersion('2410101')).toBe('2010');
  expect(classVersion('A02100301')).toBe('2022');
  expect(classVersion('24-1')).toBeNull();
  expect(classVersion(null)).toBeNull();
});
