/**
 * Personal data masking (等保 3): phone and ID numbers never leave the server in full. Masking keeps
 * enough to recognise one's own number (prefix and last four) and nothing more.
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length < 8) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** 18-digit resident ID: keep region prefix (3) and last 4 (birth date is personal data too). */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  const s = id.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  if (!local || !domain) return '***';
  return `${local.slice(0, 1)}***@${domain}`;
}
