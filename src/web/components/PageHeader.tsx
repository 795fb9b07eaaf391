import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n';

export interface Crumb {
  title: string;
  path?: string;
}

/** Breadcrumb, the page title and the page's main actions, in one row on desks and stacked on phones. */
export function PageHeader({
  title,
  crumbs = [],
  extra,
  subTitle,
}: {
  title: ReactNode;
  crumbs?: Crumb[];
  extra?: ReactNode;
  subTitle?: ReactNode;
}) {
  const { t } = useI18n();
  const items = [{ title: t('nav.workspace'), path: '/workspace' }, ...crumbs];
  return (
    <div style={{ marginBottom: 16 }}>
      <Breadcrumb
        items={items.map((c, i) => ({
          key: `${i}-${c.title}`,
          title: c.path && i < items.length - 1 ? <Link to={c.path}>{c.title}</Link> : c.title,
        }))}
      />
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginTop: 8 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle ? <Typography.Text type="secondary">{subTitle}</Typography.Text> : null}
        </div>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
    </div>
  );
}
