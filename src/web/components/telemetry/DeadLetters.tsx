import { Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { http } from '../../api/client';
import type { DeadLetter, Paged } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { LoadError } from '../States';
import { telemetryApi } from './endpoints';
import { reasonText } from './reasons';

/**
 * A device's rejected messages from the dead-letter store, newest first: when, why (in words, with
 * the code), the detail and the payload as received, so a manager can see why readings are missing.
 */
export function DeadLetters({ deviceId }: { deviceId: string }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const pageSize = 10;
  const list = useAsync(
    (signal) => http.get<Paged<DeadLetter>>(telemetryApi.deadLetters, { deviceId, page, pageSize }, { signal }),
    [deviceId, page],
  );
  return (
    <Card title={t('devices.deadLetters')} style={{ marginTop: 16 }} data-testid="device-dead-letters">
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('devices.deadLettersNone') }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          columns={[
            {
              title: t('devices.deadLetterAt'),
              dataIndex: 'receivedAt',
              width: 170,
              render: (at: string) => formatDateTime(at, true),
            },
            {
              title: t('devices.deadLetterReason'),
              dataIndex: 'reason',
              render: (code: string, d) => (
                <>
                  <Typography.Text>{reasonText(code, lang)}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary" code>
                    {code}
                  </Typography.Text>
                  {d.detail ? <Typography.Paragraph type="secondary">{d.detail}</Typography.Paragraph> : null}
                </>
              ),
            },
            {
              title: t('devices.deadLetterPayload'),
              dataIndex: 'payload',
              width: '35%',
              render: (payload: string) => (
                <Typography.Text code copyable={{ text: payload }} ellipsis style={{ maxWidth: 320 }}>
                  {payload || '—'}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
