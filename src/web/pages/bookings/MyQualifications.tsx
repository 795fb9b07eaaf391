import { Card, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { QualificationView } from '../../../shared/api/bookings.qualifications';
import { http } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QualificationStateTag, useLevelLabel } from '../../components/QualificationTags';
import { EmptyState, LoadError } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatDate, noWrap } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

/** My training records: which instruments I may operate myself, until when. */
export default function MyQualifications() {
  const { t } = useI18n();
  const levelLabel = useLevelLabel();
  const list = useAsync(
    (signal) => http.get<{ items: QualificationView[] }>('/api/qualifications/mine', undefined, { signal }),
    [],
  );
  return (
    <>
      <PageHeader
        title={t('nav.myQualifications')}
        crumbs={[{ title: t('nav.myBookings'), path: '/bookings' }, { title: t('nav.myQualifications') }]}
        subTitle={t('myQualifications.lead')}
      />
      <Card>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<QualificationView>
            rowKey="id"
            loading={list.loading}
            dataSource={list.data?.items}
            pagination={false}
            scroll={{ x: 800 }}
            locale={{ emptyText: <EmptyState description={t('myQualifications.empty')} /> }}
            data-testid="my-qualifications"
            columns={[
              {
                title: t('training.instrument'),
                dataIndex: 'instrumentName',
                render: (name: string, q) => <Link to={`/instruments/${q.instrumentId}`}>{name}</Link>,
              },
              { title: t('training.level'), dataIndex: 'level', render: levelLabel },
              {
                title: t('training.validUntil'),
                dataIndex: 'validUntil',
                render: (v: string) => formatDate(v),
                onCell: noWrap,
              },
              {
                title: t('training.state'),
                dataIndex: 'state',
                render: (_: string, q) => (
                  <>
                    <QualificationStateTag state={q.state} validUntil={q.validUntil} />
                    {q.revokeReason ? (
                      <Typography.Text type="secondary">
                        {t('training.revokedBecause', { reason: q.revokeReason })}
                      </Typography.Text>
                    ) : null}
                  </>
                ),
              },
              { title: t('training.note'), dataIndex: 'note', render: (v: string | null) => v || '—' },
              { title: t('training.grantedBy'), dataIndex: 'grantedByName', render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
      </Card>
    </>
  );
}
