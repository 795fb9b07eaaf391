import { Card, List, Space, Tag, Typography } from 'antd';
import { EmptyState } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import type { ListDetail } from '../common/types';

/** The experts' 论证 opinions, newest first, each on the list version it was given for. */
export function ReviewOpinions({ list }: { list: ListDetail }) {
  const { t } = useI18n();
  const approvals = list.reviews.filter((r) => r.listVersion === list.version && r.verdict === 'approve').length;
  return (
    <Card
      title={t('clist.opinions')}
      extra={
        list.status === 'in_review' ? (
          <Typography.Text type="secondary">
            {t('clist.approvals', { n: approvals, of: list.reviewsRequired })}
          </Typography.Text>
        ) : null
      }
      data-testid="list-opinions"
    >
      <List
        dataSource={[...list.reviews].reverse()}
        locale={{ emptyText: <EmptyState description={t('clist.noOpinions')} /> }}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  {r.expertName}
                  <Tag color={r.verdict === 'approve' ? 'success' : 'warning'}>
                    {r.verdict === 'approve' ? t('creview.approve') : t('creview.revise')}
                  </Tag>
                  <Typography.Text type="secondary">
                    {t('clist.onVersion', { n: r.listVersion })} · {formatDateTime(r.at)}
                  </Typography.Text>
                </Space>
              }
              description={<span style={{ whiteSpace: 'pre-wrap' }}>{r.comment}</span>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
