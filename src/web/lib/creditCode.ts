import { checkCreditCode, normaliseCreditCode } from '../../shared/credit-code';
import type { Translate } from '../i18n';

/** Our words for each way a credit code can be wrong, from the shared checker's reason. */
export function creditCodeProblem(input: string, t: Translate): string | null {
  const r = checkCreditCode(input);
  if (r.ok) return null;
  switch (r.reason) {
    case 'LENGTH':
      return t('creditCode.length', { n: r.code.length });
    case 'CHARSET':
      return r.expected ? t('creditCode.charsetLast', { expected: r.expected }) : t('creditCode.charset');
    case 'CHECKSUM':
      return t('creditCode.checksum', { expected: r.expected ?? '?' });
    default:
      return t('creditCode.invalid');
  }
}

export { checkCreditCode, normaliseCreditCode };
