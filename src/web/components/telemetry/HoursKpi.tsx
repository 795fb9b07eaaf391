import { FieldTimeOutlined } from '@ant-design/icons';
import { Card, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { http } from '../../api/client';
import type { Headline } from '../../api/types';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { formatHours, telemetryApi } from './endpoints';

/** The bureau's quoted figure on the workspace, one click from the full power-on hours page. */
export function HoursKpi() {
  const { t } = useI18n();
  // The bureau's year runs on Beijing time, also around New Year's Eve.
  const year = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
  const headline = useAsync((signal) => http.get<Headline>(telemetryApi.headline, { year }, { signal }), [year]);
  // The figure the bureau quotes is a whole year's, so last year's sits beside this year's so far.
  const last = useAsync((signal) => http.get<Headline>(telemetryApi.headline, { year: year - 1 }, { signal }), [year]);
  return (
    <Card
      title={
        <>
          <FieldTimeOutlined /> {t('hours.kpiTitle')}
        </>
      }
      extra={<Link to={`/telemetry/hours?year=${year}`}>{t('hours.kpiLink')}</Link>}
      style={{ height: '100%' }}
      data-testid="hours-kpi"
    >
      {headline.data ? (
        <>
          <Statistic title={t('hours.headlineShort')} value={headline.data.connectedInstruments} />
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            <Link to={`/telemetry/hours?year=${year}`}>
              {t('hours.headline', {
                n: headline.data.connectedInstruments.toLocaleString('zh-CN'),
                h: formatHours(headline.data.powerOnHours),
                year,
              })}
            </Link>
          </Typography.Paragraph>
          {last.data && last.data.connectedInstruments > 0 ? (
            <Typography.Paragraph style={{ marginTop: 4, marginBottom: 0 }} data-testid="hours-kpi-last-year">
              <Link to={`/telemetry/hours?year=${year - 1}`}>
                {t('hours.headline', {
                  n: last.data.connectedInstruments.toLocaleString('zh-CN'),
                  h: formatHours(last.data.powerOnHours),
                  year: year - 1,
                })}
              </Link>
            </Typography.Paragraph>
          ) : null}
        </>
      ) : headline.error ? (
        <Typography.Text type="secondary">{t('state.loadFailed')}</Typography.Text>
      ) : (
        <Statistic title={t('hours.headlineShort')} value="—" loading />
      )}
    </Card>
  );
}
