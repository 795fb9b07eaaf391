import { Descriptions, Steps, type StepsProps, Typography } from 'antd';
import { type OrganisationType, organisationTypeLabels } from '../../shared/roles';
import type { OrganisationDetail, OrganisationView } from '../api/types';
import { useI18n } from '../i18n';
import { formatDate } from '../lib/format';
import { OrgStatusTag, statusLabel } from './StatusTag';
import { StatusTimeline } from './StatusTimeline';

/** Summary of an organisation record. */
export function OrgSummary({ org }: { org: OrganisationView }) {
  const { t, label } = useI18n();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      items={[
        { key: 'name', label: t('org.name'), children: org.name },
        { key: 'nameEn', label: t('org.nameEn'), children: org.nameEn || '—' },
        {
          key: 'creditCode',
          label: t('org.creditCode'),
          children: (
            <Typography.Text copyable code>
              {org.creditCode}
            </Typography.Text>
          ),
        },
        { key: 'type', label: t('org.type'), children: label(organisationTypeLabels[org.type as OrganisationType]) },
        { key: 'region', label: t('org.region'), children: `${org.regionName} (${org.regionCode})` },
        { key: 'address', label: t('org.address'), children: org.address || '—' },
        { key: 'status', label: t('org.status'), children: <OrgStatusTag status={org.status} /> },
        { key: 'verifiedAt', label: t('org.verifiedAt'), children: formatDate(org.verifiedAt) },
        { key: 'createdAt', label: t('org.createdAt'), children: formatDate(org.createdAt) },
        { key: 'members', label: t('org.memberCount'), children: org.memberCount },
      ]}
    />
  );
}

type StepItem = NonNullable<StepsProps['items']>[number];

/**
 * Where the organisation stands in 注册 → 待核验 → 已核验, and who acts next. A return or a
 * suspension shows as an error on the step it interrupted.
 */
export function OrgSteps({ org }: { org: OrganisationDetail | OrganisationView }) {
  const { t } = useI18n();
  const lastReason = 'events' in org ? [...org.events].reverse().find((e) => e.toStatus === org.status)?.reason : null;
  const reasonText = lastReason ? t('org.step.reason', { reason: lastReason }) : '';
  // Every path starts with a finished registration; the status decides the second and third steps.
  const steps = (current: number, second: StepItem, third: StepItem) => (
    <Steps
      current={current}
      items={[{ title: t('org.step.registered'), content: formatDate(org.createdAt), status: 'finish' }, second, third]}
    />
  );
  const pendingDone: StepItem = { title: t('org.step.pending'), status: 'finish' };
  const verifiedWait: StepItem = { title: t('org.step.verified'), status: 'wait' };
  switch (org.status) {
    case 'registered':
      return steps(
        1,
        { title: t('org.step.pending'), content: t('org.step.pendingNext'), status: 'process' },
        verifiedWait,
      );
    case 'verified':
      return steps(2, pendingDone, {
        title: t('org.step.verified'),
        content: formatDate(org.verifiedAt),
        status: 'finish',
      });
    case 'rejected':
      return steps(
        1,
        {
          title: t('org.step.rejected'),
          content: `${t('org.step.rejectedNext')} ${reasonText}`.trim(),
          status: 'error',
        },
        verifiedWait,
      );
    case 'suspended':
      return steps(2, pendingDone, {
        title: t('org.step.suspended'),
        content: `${t('org.step.suspendedNext')} ${reasonText}`.trim(),
        status: 'error',
      });
    default:
      return null;
  }
}

const EVENT_COLOURS: Record<string, string> = {
  verified: 'green',
  rejected: 'red',
  suspended: 'gray',
  registered: 'blue',
};

/** History from the organisation's event rows: who, when, from → to, why. Newest first. */
export function OrgTimeline({ org }: { org: OrganisationDetail }) {
  const { label } = useI18n();
  return (
    <StatusTimeline
      events={org.events}
      statusText={(s) => statusLabel(s, label)}
      colours={EVENT_COLOURS}
      testId="org-event"
    />
  );
}
