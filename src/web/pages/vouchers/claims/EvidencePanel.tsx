import { Alert, Card, Col, Descriptions, Empty, Progress, Row, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { http } from '../../../api/client';
import type { TraceResponse } from '../../../api/types';
import { LoadError, Loading } from '../../../components/States';
import { telemetryApi } from '../../../components/telemetry/endpoints';
import { TraceChart } from '../../../components/telemetry/TraceChart';
import { pickBilingual, useI18n } from '../../../i18n';
import { formatDateTime, formatTimeRange } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import type { ClaimDetail } from '../api';
import { EvidenceTag, Money, nowrapLabels, useHours } from '../common';

/** The power trace around the booked slot, with the slot drawn over it. */
function SlotTrace({ claim }: { claim: ClaimDetail }) {
  const { t } = useI18n();
  const sensor = claim.evidenceDetail.sensor;
  const booking = claim.evidenceDetail.booking;
  const trace = useAsync(
    (signal) =>
      sensor
        ? http.get<TraceResponse>(
            telemetryApi.trace(sensor.instrumentId),
            { from: sensor.traceFrom, to: sensor.traceTo, points: 1500 },
            { signal },
          )
        : Promise.resolve(undefined),
    [sensor?.instrumentId, sensor?.traceFrom, sensor?.traceTo],
  );
  if (!sensor) return null;
  const start = booking?.start ?? sensor.from;
  const end = booking?.end ?? sensor.to;
  if (trace.error) return <LoadError error={trace.error} onRetry={trace.reload} title={t('vch.ev.traceFailed')} />;
  if (!trace.data) return <Loading what={t('vch.ev.traceLoading')} />;
  if (trace.data.readings.length === 0 && trace.data.intervals.length === 0)
    return <Empty description={t('vch.ev.traceEmpty')} />;
  return (
    <div data-testid="evidence-trace">
      <TraceChart trace={trace.data} slot={{ start, end, label: t('vch.ev.slot') }} />
      <Typography.Text type="secondary">
        {t('vch.ev.traceNote', { retention: trace.data.retentionDays })}{' '}
        <Link
          to={`/telemetry/instruments/${sensor.instrumentId}?from=${encodeURIComponent(sensor.traceFrom)}&to=${encodeURIComponent(sensor.traceTo)}`}
        >
          {t('vch.ev.openTrace')}
        </Link>
      </Typography.Text>
    </div>
  );
}

/**
 * The evidence the platform attached itself: the booked slot drawn over the sensor's power trace,
 * the sensor's working minutes inside the slot against the hours claimed, the booking and the
 * service record (or the delivered service order). An instrument without a sensor says so plainly:
 * the claim is self-reported and needs a person's judgement.
 */
export function EvidencePanel({ claim }: { claim: ClaimDetail }) {
  const { t, lang } = useI18n();
  const hours = useHours();
  const ev = claim.evidenceDetail;
  const sensor = ev.sensor;
  const share = sensor && claim.claimedMinutes > 0 ? sensor.workingMinutes / claim.claimedMinutes : null;
  return (
    <Card
      title={
        <Space wrap>
          {t('vch.ev.title')}
          <EvidenceTag evidence={claim.evidence} />
        </Space>
      }
      data-testid="evidence-panel"
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {sensor ? (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={24} md={8}>
                <Typography.Text type="secondary">{t('vch.ev.working')}</Typography.Text>
                <div style={{ fontSize: 22, fontWeight: 600 }} data-testid="evidence-working">
                  {hours(sensor.workingMinutes)}
                </div>
                <Typography.Text type="secondary">
                  {t('vch.ev.claimed', { hours: hours(claim.claimedMinutes) })}
                </Typography.Text>
              </Col>
              <Col xs={24} md={8}>
                <Typography.Text type="secondary">{t('vch.ev.share')}</Typography.Text>
                <Progress
                  percent={share === null ? 0 : Math.min(100, Math.round(share * 100))}
                  status={claim.flagged ? 'exception' : 'success'}
                  aria-label={t('vch.ev.share')}
                />
                <Typography.Text type="secondary">
                  {t('vch.ev.overlap', { pct: `${Math.round(sensor.overlapShare * 100)}%` })}
                </Typography.Text>
              </Col>
              <Col xs={24} md={8}>
                <Typography.Text type="secondary">{t('vch.ev.other')}</Typography.Text>
                <div>{t('vch.ev.on', { hours: hours(sensor.onMinutes) })}</div>
                <div>{t('vch.ev.unknown', { hours: hours(sensor.unknownMinutes) })}</div>
              </Col>
            </Row>
            <SlotTrace claim={claim} />
          </>
        ) : (
          <Alert type="warning" showIcon title={t('vch.ev.noSensor')} description={t('vch.ev.noSensorHint')} />
        )}
        <Row gutter={[16, 16]}>
          {ev.booking ? (
            <Col xs={24} xl={12}>
              <Descriptions
                title={t('vch.ev.booking')}
                bordered
                size="small"
                column={1}
                styles={nowrapLabels}
                data-testid="evidence-booking"
                items={[
                  { key: 'instrument', label: t('booking.instrument'), children: ev.booking.instrumentName },
                  {
                    key: 'slot',
                    label: t('booking.time'),
                    children: formatTimeRange(ev.booking.start, ev.booking.end),
                  },
                  { key: 'checkin', label: t('vch.ev.checkedIn'), children: formatDateTime(ev.booking.checkedInAt) },
                ]}
              />
            </Col>
          ) : null}
          {ev.serviceRecord ? (
            <Col xs={24} xl={12}>
              <Descriptions
                title={t('vch.ev.serviceRecord')}
                bordered
                size="small"
                column={1}
                styles={nowrapLabels}
                data-testid="evidence-service"
                items={[
                  { key: 'start', label: t('vch.ev.startedAt'), children: formatDateTime(ev.serviceRecord.startedAt) },
                  {
                    key: 'minutes',
                    label: t('vch.ev.minutes'),
                    children: t('vch.ev.minutesSplit', {
                      prep: ev.serviceRecord.prepMinutes,
                      measure: ev.serviceRecord.measureMinutes,
                      post: ev.serviceRecord.postMinutes,
                    }),
                  },
                  { key: 'samples', label: t('booking.samples'), children: ev.serviceRecord.samples },
                  { key: 'fee', label: t('booking.fee'), children: <Money fen={ev.serviceRecord.feeFen} /> },
                  {
                    key: 'external',
                    label: t('booking.external'),
                    children: ev.serviceRecord.external ? t('common.yes') : t('common.no'),
                  },
                ]}
              />
            </Col>
          ) : null}
          {ev.serviceOrder ? (
            <Col xs={24} xl={12}>
              <Descriptions
                title={t('vch.ev.serviceOrder')}
                bordered
                size="small"
                column={1}
                styles={nowrapLabels}
                items={[
                  { key: 'service', label: t('vch.prov.svc.name'), children: ev.serviceOrder.serviceName },
                  {
                    key: 'qty',
                    label: t('vch.ev.quantity'),
                    children: `${ev.serviceOrder.quantity} ${ev.serviceOrder.unit}`,
                  },
                  { key: 'delivered', label: t('vch.ev.deliveredOn'), children: ev.serviceOrder.deliveredOn ?? '—' },
                  { key: 'report', label: t('vch.ev.report'), children: ev.serviceOrder.report ?? '—' },
                ]}
              />
            </Col>
          ) : null}
          <Col xs={24} xl={12}>
            <Descriptions
              title={t('vch.ev.fee')}
              bordered
              size="small"
              column={1}
              styles={nowrapLabels}
              items={[
                { key: 'charged', label: t('vch.claim.fee'), children: <Money fen={claim.feeFen} /> },
                { key: 'published', label: t('vch.claim.publishedFee'), children: <Money fen={ev.publishedFeeFen} /> },
                { key: 'basis', label: t('vch.ev.feeBasis'), children: pickBilingual(ev.feeBasis, lang) },
              ]}
            />
          </Col>
        </Row>
      </Space>
    </Card>
  );
}
