import { CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, List, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { http } from '../api/client';
import type { Inbox as InboxData, Notification } from '../api/types';
import { PageHeader } from '../components/PageHeader';
import { ActionError, EmptyState, LoadError } from '../components/States';
import { useI18n } from '../i18n';
import { useInboxCount } from '../layouts/inbox';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { toInt, useUrlQuery } from '../lib/useUrlQuery';

const KEYS = ['unread', 'page'] as const;
const PAGE_SIZE = 20;

export default function Inbox() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { refresh } = useInboxCount();
  const { values, update } = useUrlQuery(KEYS);
  const unreadOnly = values.unread === '1';
  const page = toInt(values.page, 1);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const inbox = useAsync(
    (signal) =>
      http.get<InboxData>(
        '/api/notifications',
        { unreadOnly: unreadOnly ? 'true' : undefined, page, pageSize: PAGE_SIZE },
        { signal },
      ),
    [unreadOnly, page],
  );

  const markRead = async (n: Notification) => {
    setError(null);
    try {
      await http.post(`/api/notifications/${n.id}/read`);
      inbox.reload();
      refresh();
    } catch (e) {
      setError(e);
    }
  };

  const markAll = async () => {
    setError(null);
    setBusy(true);
    try {
      await http.post('/api/notifications/read-all');
      message.success(t('inbox.allRead'));
      inbox.reload();
      refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const unread = inbox.data?.unread ?? 0;

  return (
    <>
      <PageHeader
        title={t('nav.inbox')}
        crumbs={[{ title: t('nav.inbox') }]}
        subTitle={inbox.data ? t('inbox.unreadCount', { n: unread }) : undefined}
        extra={
          <Button icon={<CheckOutlined />} onClick={() => void markAll()} loading={busy} disabled={unread === 0}>
            {t('inbox.markAll')}
          </Button>
        }
      />
      <ActionError error={error} onClose={() => setError(null)} />
      <Card>
        <Segmented
          aria-label={t('inbox.filter')}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => update({ unread: v === 'unread' ? '1' : undefined })}
          options={[
            { value: 'all', label: t('inbox.all') },
            { value: 'unread', label: t('inbox.unread') },
          ]}
          style={{ marginBottom: 12 }}
        />
        {inbox.error ? (
          <LoadError error={inbox.error} onRetry={inbox.reload} />
        ) : (
          <List<Notification>
            loading={inbox.loading}
            dataSource={inbox.data?.items ?? []}
            locale={{
              emptyText: <EmptyState description={unreadOnly ? t('inbox.emptyUnread') : t('inbox.empty')} />,
            }}
            pagination={
              (inbox.data?.total ?? 0) > PAGE_SIZE
                ? {
                    current: page,
                    pageSize: PAGE_SIZE,
                    total: inbox.data?.total ?? 0,
                    onChange: (p) => update({ page: p }),
                  }
                : false
            }
            renderItem={(n) => (
              <List.Item
                key={n.id}
                actions={
                  n.readAt
                    ? [
                        <Typography.Text key="read" type="secondary">
                          {t('inbox.read')}
                        </Typography.Text>,
                      ]
                    : [
                        <Button key="mark" size="small" onClick={() => void markRead(n)}>
                          {t('inbox.markRead')}
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={
                    <Space>
                      {n.readAt ? null : <Badge status="processing" aria-label={t('inbox.unread')} />}
                      {n.link ? <Link to={n.link}>{n.title}</Link> : <span>{n.title}</span>}
                    </Space>
                  }
                  description={
                    <>
                      <div style={{ color: 'rgba(0,0,0,0.75)', whiteSpace: 'pre-wrap' }}>{n.body}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(n.createdAt)}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
