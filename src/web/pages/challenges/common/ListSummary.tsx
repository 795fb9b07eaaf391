import { Card, Descriptions, Space, Typography } from 'antd';
import { needCategoryLabels, subsidyBaseLabels } from '../../../../shared/api/challenges';
import { useI18n } from '../../../i18n';
import { formatDateTime, formatWanNumber } from '../../../lib/format';
import { IndicatorsTable } from './indicators';
import type { ListDetail } from './types';

/** "第 2 版：50% × 技术交易额，封顶 300 万元" — the subsidy terms a list was drafted under. */
export function usePolicyText() {
  const { t, label } = useI18n();
  return (p: ListDetail['policy']) =>
    t('cbatch.policyText', {
      version: p.version,
      ratio: p.ratioBp / 100,
      base: label(subsidyBaseLabels[p.base]),
      cap: formatWanNumber(p.capFen),
    });
}

/**
 * A list's terms as everyone reads them: the summary, the goal, the assessment indicators and
 * who may apply. Every text is rendered as text (markup typed into a field is shown, never run).
 */
export function ListSummary({ list }: { list: ListDetail }) {
  const { t, label } = useI18n();
  const policyText = usePolicyText();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('clist.summary')}>
        <Descriptions
          bordered
          size="small"
          styles={{ label: { whiteSpace: 'nowrap' } }}
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'code', label: t('hall.code'), children: list.code },
            { key: 'direction', label: t('hall.direction'), children: list.directionName },
            { key: 'category', label: t('need.category'), children: label(needCategoryLabels[list.category]) },
            { key: 'region', label: t('hall.region'), children: list.regionName },
            { key: 'issuer', label: t('hall.issuer'), children: list.organisationName ?? t('hall.issuerHidden') },
            {
              key: 'investment',
              label: t('hall.investment'),
              children: t('money.wan', { n: formatWanNumber(list.enterpriseInvestmentFen) }),
            },
            { key: 'period', label: t('clist.period'), children: t('clist.months', { n: list.periodMonths }) },
            {
              key: 'window',
              label: t('clist.window'),
              children: `${formatDateTime(list.applyOpensAt)} – ${formatDateTime(list.applyClosesAt)}`,
            },
            {
              key: 'solvers',
              label: t('clist.maxSolvers'),
              children: list.maxSolvers > 1 ? t('clist.race', { n: list.maxSolvers }) : t('clist.single'),
            },
            { key: 'policy', label: t('clist.policy'), children: policyText(list.policy) },
            {
              key: 'contact',
              label: t('hall.contact'),
              span: 'filled',
              children: [list.contactName, list.contactPhone, list.contactEmail].filter(Boolean).join(' · '),
            },
          ]}
        />
      </Card>
      <Card title={t('hall.goal')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="list-goal">
          {list.goal}
        </Typography.Paragraph>
      </Card>
      <Card title={t('hall.indicators')}>
        <IndicatorsTable indicators={list.indicators} />
      </Card>
      <Card title={t('hall.eligibility')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {list.eligibility}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
