import { Flex, List, Pagination, Progress, Rate, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { instrumentReviews } from '../../shared/api/bookings';
import { organisationTypeLabels } from '../../shared/roles';
import { http } from '../api/client';
import { useI18n } from '../i18n';
import { formatDate } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { EmptyState, LoadError, Loading } from './States';

type Reviews = z.infer<typeof instrumentReviews>;
const PAGE = 5;

/**
 * What users said about the instrument's services: the average, how the stars fall, and the
 * comments, newest first. Reviewers appear as a kind of organisation only.
 */
export function InstrumentReviews({ instrumentId }: { instrumentId: string }) {
  const { t, label } = useI18n();
  const [page, setPage] = useState(1);
  const [written, setWritten] = useState(false);
  const reviews = useAsync(
    (signal) =>
      http.get<Reviews>(
        `/api/instruments/${instrumentId}/reviews`,
        { page, pageSize: PAGE, withComment: written ? 'true' : undefined },
        { signal },
      ),
    [instrumentId, page, written],
  );
  const r = reviews.data;
  if (reviews.error && !r) return <LoadError error={reviews.error} onRetry={reviews.reload} />;
  if (!r) return <Loading what={t('reviews.loading')} />;
  if (r.count === 0) return <EmptyState description={t('reviews.empty')} />;

  return (
    <div data-testid="instrument-reviews">
      <Flex gap={32} wrap align="center" style={{ marginBottom: 16 }}>
        <div style={{ textAlign: 'center', minWidth: 120 }}>
          <div style={{ fontSize: 36, fontWeight: 600, lineHeight: 1.2 }} data-testid="reviews-average">
            {r.average?.toFixed(1)}
          </div>
          <Rate disabled allowHalf value={Math.round((r.average ?? 0) * 2) / 2} style={{ fontSize: 14 }} />
          <div>
            <Typography.Text type="secondary">{t('reviews.count', { n: r.count })}</Typography.Text>
          </div>
        </div>
        <div style={{ flex: '1 1 220px', maxWidth: 360 }} aria-label={t('reviews.distribution')}>
          {[5, 4, 3, 2, 1].map((stars) => {
            const n = r.distribution[stars - 1] ?? 0;
            return (
              <Flex key={stars} gap={8} align="center">
                <span style={{ width: 44, fontSize: 12 }}>{t('reviews.stars', { n: stars })}</span>
                <Progress
                  percent={Math.round((100 * n) / r.count)}
                  showInfo={false}
                  size="small"
                  style={{ flex: 1, margin: 0 }}
                  aria-label={t('reviews.starsCount', { stars, n })}
                />
                <span style={{ width: 28, fontSize: 12, textAlign: 'right' }}>{n}</span>
              </Flex>
            );
          })}
        </div>
      </Flex>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('reviews.latest')}</Typography.Text>
        <Space>
          <label htmlFor="reviews-written" style={{ fontSize: 13 }}>
            {t('reviews.writtenOnly')}
          </label>
          <Switch
            id="reviews-written"
            size="small"
            checked={written}
            onChange={(on) => {
              setWritten(on);
              setPage(1);
            }}
          />
        </Space>
      </Flex>
      {r.items.length === 0 ? (
        <EmptyState description={t('reviews.noneWritten')} />
      ) : (
        <List
          dataSource={r.items}
          loading={reviews.loading}
          renderItem={(item) => (
            <List.Item key={item.id} data-testid="review">
              <div style={{ width: '100%' }}>
                <Flex justify="space-between" wrap gap={8}>
                  <Space size={8} wrap>
                    <Rate disabled value={item.rating} style={{ fontSize: 12 }} />
                    <Tag>{label(organisationTypeLabels[item.organisationType])}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {item.external ? t('reviews.external') : t('reviews.internal')}
                    </Typography.Text>
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('reviews.serviceOn', { date: formatDate(item.at) })}
                  </Typography.Text>
                </Flex>
                <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                  {item.comment?.trim() || <Typography.Text type="secondary">{t('reviews.noComment')}</Typography.Text>}
                </Typography.Paragraph>
              </div>
            </List.Item>
          )}
        />
      )}
      {r.total > PAGE ? (
        <Pagination
          size="small"
          align="end"
          current={page}
          pageSize={PAGE}
          total={r.total}
          onChange={setPage}
          showSizeChanger={false}
        />
      ) : null}
    </div>
  );
}
