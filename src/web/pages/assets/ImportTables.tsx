import { Table, Tag, Typography } from 'antd';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { formatYuanNumber } from '../../lib/format';
import type { ImportReport } from './assetApi';

/** Stored amounts (fen) and the file field (yuan) whose label they share. */
const FEN_FIELDS: Record<string, string> = {
  originalValueFen: 'originalValue',
  accumulatedDepreciationFen: 'accumulatedDepreciation',
  netValueFen: 'netValue',
};

/** Message key of a card field's name; stored fields (originalValueFen…) share the file field's label. */
export function fieldKey(field: string): MessageKey {
  return `assets.field.${FEN_FIELDS[field] ?? field}` as MessageKey;
}

function showValue(field: string, v: string | number | null, none: string) {
  if (v === null || v === '') return none;
  if (FEN_FIELDS[field] && typeof v === 'number') return `${formatYuanNumber(v)} 元`;
  if (field === 'disposedAt' && typeof v === 'string') return v.slice(0, 10);
  return String(v);
}

/** Per-row errors: row number, column and reason in the reader's language. */
export function ErrorTable({ report }: { report: ImportReport }) {
  const { t, lang } = useI18n();
  return (
    <>
      {report.errorsTruncated ? (
        <Typography.Paragraph type="warning">
          {t('assets.errorsTruncated', { n: report.errors.length })}
        </Typography.Paragraph>
      ) : null}
      <Table
        size="small"
        rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
        dataSource={report.errors}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        locale={{ emptyText: t('assets.noErrors') }}
        columns={[
          { title: t('assets.row'), dataIndex: 'row', width: 80 },
          { title: t('assets.column'), dataIndex: 'column', width: 160, render: (c: string | null) => c ?? '—' },
          { title: t('assets.reason'), key: 'msg', render: (_, e) => e.message[lang] },
        ]}
        data-testid="import-errors"
      />
    </>
  );
}

/** New and changed rows, each changed field as old → new. */
export function ChangeTable({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const none = t('assets.empty');
  return (
    <>
      {report.changesTruncated ? (
        <Typography.Paragraph type="secondary">
          {t('assets.changesTruncated', { n: report.changes.length })}
        </Typography.Paragraph>
      ) : null}
      <Table
        size="small"
        rowKey={(c) => `${c.row}-${c.assetNo}`}
        dataSource={report.changes}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        locale={{ emptyText: t('assets.noChanges') }}
        columns={[
          { title: t('assets.row'), dataIndex: 'row', width: 80 },
          { title: t('assets.field.assetNo'), dataIndex: 'assetNo', width: 160 },
          {
            title: t('assets.changeKind'),
            dataIndex: 'kind',
            width: 90,
            render: (k: 'new' | 'changed') =>
              k === 'new' ? (
                <Tag color="green">{t('assets.kind.new')}</Tag>
              ) : (
                <Tag color="blue">{t('assets.kind.changed')}</Tag>
              ),
          },
          {
            title: t('assets.fields'),
            key: 'fields',
            render: (_, c) => (
              <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                {c.fields.map((f) => (
                  <li key={f.field}>
                    <Typography.Text type="secondary">{t(fieldKey(f.field))}：</Typography.Text>
                    {c.kind === 'changed' ? (
                      <>
                        <Typography.Text delete>{showValue(f.field, f.old, none)}</Typography.Text>
                        {' → '}
                      </>
                    ) : null}
                    <Typography.Text strong={c.kind === 'changed'}>{showValue(f.field, f.new, none)}</Typography.Text>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
        data-testid="import-changes"
      />
    </>
  );
}
