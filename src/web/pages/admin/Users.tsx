import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type Role, roleLabels, roles } from '../../../shared/roles';
import { http, toQueryString } from '../../api/client';
import type { Paged, UserAdminView } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, LoadError } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, noWrap } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { toInt, useUrlQuery } from '../../lib/useUrlQuery';
import { UserDrawer, UserStatusTag } from './UserDrawer';

const KEYS = ['q', 'role', 'status', 'page', 'pageSize'] as const;

export default function Users() {
  const { t, label } = useI18n();
  const { values, update, reset } = useUrlQuery(KEYS);
  const page = toInt(values.page, 1);
  const pageSize = toInt(values.pageSize, 20);
  const filters = { q: values.q, role: values.role, status: values.status };
  const anyFilter = Object.values(filters).some(Boolean);
  const [openId, setOpenId] = useState<string | null>(null);

  const list = useAsync(
    (signal) => http.get<Paged<UserAdminView>>('/api/admin/users', { ...filters, page, pageSize }, { signal }),
    [values.q, values.role, values.status, page, pageSize],
  );
  const open = list.data?.items.find((u) => u.id === openId) ?? null;

  const replaceUser = (u?: UserAdminView) => {
    if (!u?.id || !list.data) {
      list.reload();
      return;
    }
    list.setData({ ...list.data, items: list.data.items.map((x) => (x.id === u.id ? u : x)) });
  };

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        crumbs={[{ title: t('nav.users') }]}
        extra={
          <Button icon={<DownloadOutlined />} href={`/api/admin/users/export.csv${toQueryString(filters)}`} download>
            {t('action.exportCsv')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form layout="vertical" role="search" aria-label={t('common.filters')}>
          <Row gutter={[16, 0]}>
            <Col xs={24} md={10}>
              <Form.Item label={t('common.keyword')} htmlFor="users-q">
                <Input.Search
                  id="users-q"
                  key={values.q ?? ''}
                  defaultValue={values.q}
                  allowClear
                  enterButton
                  placeholder={t('users.keywordPlaceholder')}
                  onSearch={(q) => update({ q: q.trim() })}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item label={t('users.role')} htmlFor="users-role">
                <Select
                  id="users-role"
                  allowClear
                  placeholder={t('common.all')}
                  value={values.role}
                  onChange={(v) => update({ role: v })}
                  options={roles.map((r) => ({ value: r, label: label(roleLabels[r]) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item label={t('users.status')} htmlFor="users-status">
                <Select
                  id="users-status"
                  allowClear
                  placeholder={t('common.all')}
                  value={values.status}
                  onChange={(v) => update({ status: v })}
                  options={[
                    { value: 'active', label: t('users.active') },
                    { value: 'disabled', label: t('users.disabled') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item label=" " colon={false}>
                <Button icon={<ReloadOutlined />} onClick={reset} disabled={!anyFilter}>
                  {t('action.resetFilters')}
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<UserAdminView>
            rowKey="id"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 1100 }}
            locale={{
              emptyText: (
                <EmptyState
                  description={anyFilter ? t('users.emptyFiltered') : t('users.empty')}
                  action={anyFilter ? <Button onClick={reset}>{t('action.resetFilters')}</Button> : null}
                />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { n }),
            }}
            onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize === 20 ? undefined : p.pageSize })}
            columns={[
              {
                title: t('user.name'),
                dataIndex: 'name',
                render: (name: string, u) => (
                  <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(u.id)}>
                    {name}
                  </Button>
                ),
              },
              { title: t('user.email'), dataIndex: 'email' },
              { title: t('user.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
              {
                title: t('users.organisations'),
                dataIndex: 'organisations',
                render: (orgs: UserAdminView['organisations']) =>
                  orgs.length ? orgs.map((o) => <div key={o.id}>{o.name}</div>) : '—',
              },
              {
                title: t('users.roles'),
                dataIndex: 'roles',
                render: (grants: UserAdminView['roles']) => (
                  <Space size={[4, 4]} wrap>
                    {grants.map((g) => (
                      <Tag key={g.id} color="blue">
                        {label(roleLabels[g.role as Role])}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
              { title: t('users.status'), key: 'status', render: (_, u) => <UserStatusTag user={u} /> },
              {
                title: t('users.lastLogin'),
                dataIndex: 'lastLoginAt',
                render: (v: string | null) => formatDateTime(v),
                onCell: noWrap,
              },
              {
                title: t('users.createdAt'),
                dataIndex: 'createdAt',
                render: (v: string) => formatDate(v),
                onCell: noWrap,
              },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('users.maskNote')}
        </Typography.Paragraph>
      </Card>
      <UserDrawer user={open} onClose={() => setOpenId(null)} onChanged={replaceUser} />
    </>
  );
}
