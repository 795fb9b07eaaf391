/**
 * What an uploaded file really is, from its first bytes and (for Office Open XML) its zip directory,
 * never from its name alone. A file whose content does not match its extension is refused: an
 * executable renamed to .pdf is not a PDF.
 */

export const attachmentKinds = ['pdf', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const attachmentMime: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => buf[i] === b);
}

/** The family the content belongs to: pdf, ooxml (a zip with Office parts), ole (legacy Office). */
export function sniff(buf: Uint8Array): 'pdf' | 'ooxml' | 'ole' | null {
  if (buf.length >= 5 && Buffer.from(buf.subarray(0, 5)).toString('latin1') === '%PDF-') return 'pdf';
  if (startsWith(buf, OLE)) return 'ole';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    // Office files name [Content_Types].xml in their zip entries; other zips (and jars, apks) do not.
    const text = Buffer.from(buf.subarray(0, Math.min(buf.length, 1 << 20))).toString('latin1');
    if (text.includes('[Content_Types].xml')) return 'ooxml';
  }
  return null;
}

export type SniffResult = { ok: true; kind: AttachmentKind; mime: string } | { ok: false; reason: 'type' | 'mismatch' };

export function classify(fileName: string, buf: Uint8Array): SniffResult {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (!(attachmentKinds as readonly string[]).includes(ext)) return { ok: false, reason: 'type' };
  const kind = ext as AttachmentKind;
  const family = sniff(buf);
  const expected = kind === 'pdf' ? 'pdf' : kind.endsWith('x') ? 'ooxml' : 'ole';
  if (family !== expected) return { ok: false, reason: 'mismatch' };
  return { ok: true, kind, mime: attachmentMime[kind] };
}
