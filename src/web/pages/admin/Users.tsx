import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type Role, roleLabels, roles } from '../../../shared/roles';
import { http, toQueryString } from '../../api/client';
import type { Paged, UserAdminView } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, noWrap } from '../../lib/format';
import {
  FilterBar,
  FilterSearch,
  FilterSelect,
  ListTable,
  pageParams,
  pageQuery,
  ResetFiltersButton,
  useListTableProps,
} from '../../lib/listTable';
import { useAsync } from '../../lib/useAsync';
import { useUrlQuery } from '../../lib/useUrlQuery';
import { UserDrawer, UserStatusTag } from './UserDrawer';

const KEYS = ['q', 'role', 'status', 'page', 'pageSize'] as const;

export default function Users() {
  const { t, label } = useI18n();
  const { values, update, reset } = useUrlQuery(KEYS);
  const { page, pageSize } = pageParams(values, 20);
  const filters = { q: values.q, role: values.role, status: values.status };
  const anyFilter = Object.values(filters).some(Boolean);
  const [openId, setOpenId] = useState<string | null>(null);

  const list = useAsync(
    (signal) => http.get<Paged<UserAdminView>>('/api/admin/users', { ...filters, page, pageSize }, { signal }),
    [values.q, values.role, values.status, page, pageSize],
  );
  const open = list.data?.items.find((u) => u.id === openId) ?? null;
  const tableProps = useListTableProps({
    page,
    pageSize,
    total: list.data?.total,
    anyFilter,
    reset,
    emptyText: t('users.empty'),
    emptyFilteredText: t('users.emptyFiltered'),
  });

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
      <FilterBar>
        <Col xs={24} md={10}>
          <FilterSearch
            id="users-q"
            label={t('common.keyword')}
            value={values.q}
            placeholder={t('users.keywordPlaceholder')}
            enterButton
            onSearch={(q) => update({ q })}
          />
        </Col>
        <Col xs={12} md={5}>
          <FilterSelect
            id="users-role"
            label={t('users.role')}
            value={values.role}
            onChange={(v) => update({ role: v })}
            options={roles.map((r) => ({ value: r, label: label(roleLabels[r]) }))}
          />
        </Col>
        <Col xs={12} md={5}>
          <FilterSelect
            id="users-status"
            label={t('users.status')}
            value={values.status}
            onChange={(v) => update({ status: v })}
            options={[
              { value: 'active', label: t('users.active') },
              { value: 'disabled', label: t('users.disabled') },
            ]}
          />
        </Col>
        <Col xs={24} md={4}>
          <ResetFiltersButton anyFilter={anyFilter} reset={reset} />
        </Col>
      </FilterBar>
      <Card>
        <ListTable<UserAdminView>
          list={list}
          {...tableProps}
          scroll={{ x: 1100 }}
          onChange={(p) => update(pageQuery(p, 20))}
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
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('users.maskNote')}
        </Typography.Paragraph>
      </Card>
      <UserDrawer user={open} onClose={() => setOpenId(null)} onChanged={replaceUser} />
    </>
  );
}
