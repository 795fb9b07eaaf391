import { DownloadOutlined, ReconciliationOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Statistic, Tabs, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { http } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { LoadError, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { type ImportReport, importsPath } from './assetApi';
import { ChangeTable, ErrorTable, fieldKey } from './ImportTables';

/** One import's report: who, when, what file, the counts, the columns read, row errors and changes. */
export default function ImportReportPage() {
  const { orgId = '', importId = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const report = useAsync(
    (signal) => http.get<ImportReport>(`${importsPath(orgId)}/${importId}`, undefined, { signal }),
    [orgId, importId],
  );
  if (report.error) return <LoadError error={report.error} onRetry={report.reload} />;
  if (!report.data) return <Loading />;
  const r = report.data;
  const title = t('assets.reportTitle', { when: formatDateTime(r.createdAt) });
  return (
    <>
      <PageHeader
        title={title}
        crumbs={[{ title: t('nav.assetImports'), path: `/assets/imports?org=${orgId}` }, { title }]}
        extra={
          <>
            {r.failed ? (
              <Button
                icon={<DownloadOutlined />}
                href={`${importsPath(orgId)}/${importId}/errors.csv`}
                download
                data-testid="errors-csv"
              >
                {t('assets.downloadErrors')}
              </Button>
            ) : null}
            <Button icon={<ReconciliationOutlined />} type="primary" onClick={() => navigate('/assets/reconciliation')}>
              {t('assets.openTodo')}
            </Button>
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: 'type',
              label: t('assets.type'),
              children: r.dryRun ? (
                <Tag>{t('assets.type.preview')}</Tag>
              ) : (
                <Tag color="green">{t('assets.type.commit')}</Tag>
              ),
            },
            {
              key: 'source',
              label: t('assets.source'),
              children: r.source === 'api' ? t('assets.source.api') : (r.filename ?? r.source.toUpperCase()),
            },
            { key: 'by', label: t('assets.by'), children: r.createdByName ?? t('assets.system') },
            { key: 'when', label: t('assets.when'), children: formatDateTime(r.createdAt) },
            { key: 'sha', label: 'SHA-256', children: <code>{r.sha256.slice(0, 16)}…</code> },
            {
              key: 'cols',
              label: t('assets.columnsRead'),
              children:
                Object.entries(r.columns)
                  .map(([f, h]) => `${t(fieldKey(f))} ← ${h}`)
                  .join('；') || '—',
            },
          ]}
        />
        <Row gutter={16} style={{ marginTop: 16 }}>
          {(
            [
              ['rowsTotal', 'assets.rowsTotal'],
              ['inserted', 'assets.kind.new'],
              ['updated', 'assets.kind.changed'],
              ['unchanged', 'assets.kind.unchanged'],
              ['failed', 'assets.kind.failed'],
            ] as const
          ).map(([k, key]) => (
            <Col xs={12} md={4} key={k}>
              <Statistic title={t(key)} value={r[k]} data-testid={`report-${k}`} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card>
        <Tabs
          defaultActiveKey={r.failed ? 'errors' : 'changes'}
          items={[
            {
              key: 'changes',
              label: t('assets.tab.changes', { n: r.inserted + r.updated }),
              children: <ChangeTable report={r} />,
            },
            { key: 'errors', label: t('assets.tab.errors', { n: r.failed }), children: <ErrorTable report={r} /> },
          ]}
        />
      </Card>
    </>
  );
}
