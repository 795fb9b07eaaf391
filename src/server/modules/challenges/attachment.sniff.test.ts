import { describe, expect, it } from 'vitest';
import { classify } from './attachment.sniff.js';

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
const docx = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from('....[Content_Types].xml....word/document.xml'),
]);
const plainZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....payload.bin')]);
const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
const exe = Buffer.from('MZ\x90\x00\x03\x00\x00\x00');

describe('attachment type by content', () => {
  it('accepts real PDF, Office Open XML and legacy Office files', () => {
    expect(classify('方案.pdf', pdf)).toMatchObject({ ok: true, kind: 'pdf', mime: 'application/pdf' });
    expect(classify('plan.DOCX', docx)).toMatchObject({ ok: true, kind: 'docx' });
    expect(classify('budget.xls', ole)).toMatchObject({ ok: true, kind: 'xls' });
  });

  it('refuses a disguised file whose content does not match its name', () => {
    expect(classify('方案.pdf', exe)).toEqual({ ok: false, reason: 'mismatch' });
    expect(classify('plan.docx', plainZip)).toEqual({ ok: false, reason: 'mismatch' });
    expect(classify('plan.pdf', docx)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses types outside PDF and Office', () => {
    expect(classify('tool.exe', exe)).toEqual({ ok: false, reason: 'type' });
    expect(classify('noext', pdf)).toEqual({ ok: false, reason: 'type' });
  });
});
