import { List, Progress, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n';
import { NeedStatusTag } from '../common/status';
import type { Duplicate } from '../common/types';

/**
 * Likely duplicates, best first: similarity (cosine of the jieba term vectors, 0–100), the words
 * they share, and where each stands. `link` and `extra` let the officer's panel open and pick them.
 */
export function DuplicateList({
  items,
  compact,
  link,
  extra,
}: {
  items: Duplicate[];
  compact?: boolean;
  link?: (d: Duplicate) => ReactNode;
  extra?: (d: Duplicate) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <List
      size="small"
      dataSource={items}
      data-testid="duplicate-list"
      locale={{ emptyText: t('need.dup.none') }}
      renderItem={(d) => (
        <List.Item extra={extra?.(d)} data-testid="duplicate-item">
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap size={8}>
              <Progress
                type="circle"
                size={36}
                percent={d.similarity}
                format={(p) => `${p}`}
                aria-label={t('need.dup.similarity', { n: d.similarity })}
              />
              {link ? link(d) : <Typography.Text strong>{d.title}</Typography.Text>}
              <NeedStatusTag status={d.status} />
              {d.organisationName !== '—' ? (
                <Typography.Text type="secondary">{d.organisationName}</Typography.Text>
              ) : null}
            </Space>
            {!compact && d.sharedTerms.length ? (
              <Space wrap size={4}>
                <Typography.Text type="secondary">{t('need.dup.shared')}</Typography.Text>
                {d.sharedTerms.slice(0, 12).map((w) => (
                  <Tag key={w}>{w}</Tag>
                ))}
              </Space>
            ) : null}
          </Space>
        </List.Item>
      )}
    />
  );
}
