import { App, Button, Card, Descriptions, Empty, Flex, InputNumber, Space, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { http } from '../../api/client';
import type { CalibrationResponse, LevelsUpdateResult } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { ActionError, Loading } from '../States';
import { formatHours, telemetryApi } from './endpoints';
import { saveLevels } from './LevelsEditor';

/**
 * Proposes levels from recent readings: the histogram (log-spaced bins) with its valleys marked, the
 * proposed thresholds beside the current ones and the hours each would give; the manager approves.
 */
export function CalibrationHelper({
  instrumentId,
  canManage,
  onApproved,
}: {
  instrumentId: string;
  canManage: boolean;
  onApproved: (next: LevelsUpdateResult) => void;
}) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [days, setDays] = useState(7);
  const [result, setResult] = useState<CalibrationResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await http.get<CalibrationResponse>(telemetryApi.calibration(instrumentId), { days }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const approve = (r: CalibrationResponse) => {
    if (!r.proposed) return;
    const proposed = r.proposed;
    const from = r.from.slice(0, 10);
    modal.confirm({
      title: t('calib.approve'),
      content: t('calib.approveConfirm', { from: formatDate(r.from) }),
      onOk: async () => {
        try {
          const res = await saveLevels(instrumentId, { ...proposed, source: 'calibration', reprocessFrom: from });
          message.success(t('calib.approved', { v: res.current.version }));
          onApproved(res);
        } catch (e) {
          setError(e);
        }
      },
    });
  };
  const bins = result?.histogram ?? [];
  const option = {
    animation: false,
    grid: { left: 60, right: 24, top: 24, bottom: 60 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      name: 'W',
      data: bins.map((b) => `${Math.round(b.fromW)}–${Math.round(b.toW)}`),
      axisLabel: { rotate: 45, hideOverlap: true },
    },
    yAxis: { type: 'log', name: t('calib.count'), min: 1 },
    toolbox: { feature: { saveAsImage: { title: '' } } },
    series: [
      {
        type: 'bar',
        name: t('calib.count'),
        data: bins.map((b) => ({
          value: Math.max(b.count, 1),
          itemStyle: { color: b.valley ? '#cf1322' : '#1677ff' },
        })),
        markPoint: {
          symbol: 'pin',
          symbolSize: 36,
          data: bins.flatMap((b, i) =>
            b.valley
              ? [{ coord: [i, Math.max(b.count, 1)], value: t('calib.valley'), itemStyle: { color: '#cf1322' } }]
              : [],
          ),
          label: { fontSize: 10 },
        },
      },
    ],
  };
  return (
    <Card title={t('calib.title')} data-testid="calibration">
      <Typography.Paragraph type="secondary">{t('calib.lead')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="calib-days">{t('calib.days')}</label>
        <InputNumber id="calib-days" min={1} max={30} value={days} onChange={(v) => setDays(v ?? 7)} />
        <Button onClick={run} loading={busy} type="primary" ghost data-testid="calib-run">
          {t('calib.run')}
        </Button>
      </Space>
      <ActionError error={error} onClose={() => setError(null)} />
      {busy && !result ? <Loading /> : null}
      {result ? (
        result.readings === 0 ? (
          <Empty description={t('calib.noReadings')} />
        ) : (
          <>
            <Typography.Text type="secondary">
              {t('calib.readings', {
                n: result.readings.toLocaleString('zh-CN'),
                from: formatDate(result.from),
                to: formatDate(result.to),
              })}
            </Typography.Text>
            <ReactECharts option={option} style={{ height: 300 }} notMerge />
            {result.proposed ? (
              <Flex gap={16} wrap>
                {(
                  [
                    ['calib.current', result.current, result.preview?.current],
                    ['calib.proposed', result.proposed, result.preview?.proposed],
                  ] as const
                ).map(([key, lv, hours]) => (
                  <Descriptions key={key} title={t(key)} size="small" column={1} bordered style={{ minWidth: 260 }}>
                    <Descriptions.Item label={t('levels.idleW')}>{lv.idleW}</Descriptions.Item>
                    <Descriptions.Item label={t('levels.workingW')}>{lv.workingW}</Descriptions.Item>
                    <Descriptions.Item label={t('levels.hysteresisW')}>{lv.hysteresisW}</Descriptions.Item>
                    {hours ? (
                      <Descriptions.Item label={t('hours.onHours')}>
                        {t('calib.preview', { on: formatHours(hours.onHours), work: formatHours(hours.workingHours) })}
                      </Descriptions.Item>
                    ) : null}
                  </Descriptions>
                ))}
              </Flex>
            ) : (
              <Empty description={t('calib.noModes')} />
            )}
            {result.proposed && canManage ? (
              <Button
                type="primary"
                style={{ marginTop: 12 }}
                onClick={() => approve(result)}
                data-testid="calib-approve"
              >
                {t('calib.approve')}
              </Button>
            ) : null}
          </>
        )
      ) : null}
    </Card>
  );
}
