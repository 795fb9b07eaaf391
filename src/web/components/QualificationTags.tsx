import { Tag, Tooltip } from 'antd';
import type { QualificationLevel, QualificationState } from '../../shared/api/bookings.qualifications';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { formatDate } from '../lib/format';

const STATE_COLOURS: Record<QualificationState, string> = {
  active: 'green',
  expiring: 'orange',
  expired: 'default',
  revoked: 'red',
};

/** A record's state; an expiring one says how many days are left. */
export function QualificationStateTag({ state, validUntil }: { state: QualificationState; validUntil: string }) {
  const { t } = useI18n();
  const days = Math.ceil((Date.parse(validUntil) - Date.now()) / 86_400_000);
  const tag = (
    <Tag color={STATE_COLOURS[state]} data-testid="qualification-state">
      {t(`training.state.${state}` as MessageKey)}
    </Tag>
  );
  return state === 'expiring' ? (
    <Tooltip title={`${formatDate(validUntil)} · ${t('training.expiresIn', { n: days })}`}>{tag}</Tooltip>
  ) : (
    tag
  );
}

export function useLevelLabel() {
  const { t } = useI18n();
  return (level: QualificationLevel) => t(`training.level.${level}` as MessageKey);
}
