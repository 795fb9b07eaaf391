import { Tag } from 'antd';
import { type OrganisationStatus, organisationStatusLabels } from '../../shared/roles';
import { useI18n } from '../i18n';

const COLOURS: Record<OrganisationStatus, string> = {
  registered: 'gold',
  verified: 'green',
  rejected: 'red',
  suspended: 'default',
};

export function OrgStatusTag({ status }: { status: OrganisationStatus }) {
  const { label } = useI18n();
  return <Tag color={COLOURS[status]}>{label(organisationStatusLabels[status])}</Tag>;
}

export function statusLabel(status: string, label: (l: { zh: string; en: string }) => string): string {
  const l = (organisationStatusLabels as Record<string, { zh: string; en: string }>)[status];
  return l ? label(l) : status;
}
