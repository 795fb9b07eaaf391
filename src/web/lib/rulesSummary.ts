import type { BookingRules } from '../../shared/booking-rules';
import type { Lang, Translate } from '../i18n';

/** The main booking rules in one sentence or three: length, horizon, notice, approval. */
export function rulesSummary(rules: BookingRules, t: Translate, lang: Lang): string {
  return [
    t('book.rulesSummary', { min: rules.minMinutes, max: rules.maxMinutes, horizon: rules.horizonDays }),
    rules.advanceNoticeHours > 0 ? t('book.notice', { notice: rules.advanceNoticeHours }) : '',
    rules.requiresApproval ? t('book.needsApproval') : t('book.noApproval'),
  ]
    .filter(Boolean)
    .join(lang === 'zh' ? '' : ' ');
}
