import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Row,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { assetImportLimits } from '../../../shared/api/assets';
import { useMe } from '../../auth/AuthContext';
import { managedOrganisations } from '../../auth/roles';
import { PageHeader } from '../../components/PageHeader';
import { ActionError, EmptyState } from '../../components/States';
import { useI18n } from '../../i18n';
import { type AssetInspectResponse, type ColumnMapping, type ImportReport, importFile, inspectFile } from './assetApi';
import { ChangeTable, ErrorTable, fieldKey } from './ImportTables';

const MAX_MB = assetImportLimits.maxBytes / 1024 / 1024;

/** Upload → map columns → preview (dry run) → commit; the report page follows. */
export default function ImportWizard() {
  const me = useMe();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const orgs = managedOrganisations(me);
  const org = orgs.find((o) => o.id === params.get('org')) ?? orgs[0];
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [inspected, setInspected] = useState<AssetInspectResponse | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (!org) return <EmptyState description={t('assets.noOrg')} />;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const choose = (f: File) => {
    if (f.size > assetImportLimits.maxBytes) {
      setError(new Error(t('assets.tooLarge', { mb: MAX_MB })));
      return;
    }
    void run(async () => {
      const res = await inspectFile(org.id, f);
      setFile(f);
      setInspected(res);
      setMapping(res.remembered ?? res.suggested);
      setPreview(null);
      setStep(1);
    });
  };

  const missing = inspected?.fields.filter((f) => f.required && !mapping[f.field]) ?? [];
  const doPreview = () =>
    file &&
    void run(async () => {
      setPreview(await importFile(org.id, file, mapping, true));
      setStep(2);
    });
  const doCommit = () =>
    file &&
    void run(async () => {
      const done = await importFile(org.id, file, mapping, false);
      message.success(t('assets.committed', { n: done.inserted + done.updated }));
      navigate(`/assets/imports/${org.id}/${done.id}`);
    });

  const sampleOf = (header: string | undefined) => {
    if (!header || !inspected) return '';
    const i = inspected.headers.indexOf(header);
    return inspected.sample
      .map((r) => r[i])
      .filter(Boolean)
      .slice(0, 2)
      .join('；');
  };

  return (
    <>
      <PageHeader
        title={t('assets.wizardTitle')}
        crumbs={[{ title: t('nav.assetImports'), path: '/assets/imports' }, { title: t('assets.wizardTitle') }]}
        subTitle={t('assets.wizardLead', { org: org.name })}
      />
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('assets.step.upload') },
          { title: t('assets.step.map') },
          { title: t('assets.step.preview') },
          { title: t('assets.step.commit') },
        ]}
      />
      {error ? <ActionError error={error} onClose={() => setError(null)} /> : null}

      {step === 0 ? (
        <Card>
          <Upload.Dragger
            accept=".csv,.xlsx,.txt"
            maxCount={1}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(f) => {
              choose(f);
              return false;
            }}
            data-testid="asset-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{busy ? t('assets.reading') : t('assets.drop')}</p>
            <p className="ant-upload-hint">{t('assets.dropHint', { mb: MAX_MB, rows: '50,000' })}</p>
          </Upload.Dragger>
        </Card>
      ) : null}

      {step === 1 && inspected ? (
        <Card>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 4 }}
            items={[
              { key: 'file', label: t('assets.file'), children: file?.name },
              {
                key: 'format',
                label: t('assets.format'),
                children: `${inspected.format.toUpperCase()}${inspected.encoding ? ` · ${inspected.encoding.toUpperCase()}` : ''}`,
              },
              { key: 'header', label: t('assets.headerRow'), children: t('assets.rowN', { n: inspected.headerRow }) },
              { key: 'rows', label: t('assets.dataRows'), children: inspected.rowsTotal.toLocaleString() },
            ]}
          />
          <Alert
            style={{ margin: '12px 0' }}
            type={inspected.remembered ? 'success' : 'info'}
            showIcon
            title={inspected.remembered ? t('assets.rememberedUsed') : t('assets.suggestedUsed')}
            action={
              <Space>
                {inspected.remembered ? (
                  <Button size="small" onClick={() => setMapping(inspected.remembered ?? {})}>
                    {t('assets.useRemembered')}
                  </Button>
                ) : null}
                <Button size="small" onClick={() => setMapping(inspected.suggested)}>
                  {t('assets.useSuggested')}
                </Button>
              </Space>
            }
          />
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={inspected.fields}
            columns={[
              {
                title: t('assets.cardField'),
                key: 'field',
                width: 200,
                render: (_, f) => (
                  <Space>
                    {t(fieldKey(f.field))}
                    {f.required ? <Tag color="red">{t('assets.required')}</Tag> : null}
                  </Space>
                ),
              },
              {
                title: t('assets.fileColumn'),
                key: 'column',
                width: 280,
                render: (_, f) => (
                  <Select
                    style={{ width: '100%' }}
                    allowClear
                    placeholder={t('assets.notImported')}
                    aria-label={t('assets.columnFor', { field: t(fieldKey(f.field)) })}
                    value={mapping[f.field]}
                    status={f.required && !mapping[f.field] ? 'error' : undefined}
                    onChange={(v: string | undefined) =>
                      setMapping((m) => {
                        const next = { ...m };
                        if (v) next[f.field] = v;
                        else delete next[f.field];
                        return next;
                      })
                    }
                    options={inspected.headers.filter(Boolean).map((h) => ({ value: h, label: h }))}
                    data-testid={`map-${f.field}`}
                  />
                ),
              },
              {
                title: t('assets.sample'),
                key: 'sample',
                render: (_, f) => <Typography.Text type="secondary">{sampleOf(mapping[f.field])}</Typography.Text>,
              },
            ]}
          />
          {missing.length ? (
            <Typography.Paragraph type="danger" style={{ marginTop: 12 }}>
              {t('assets.missingRequired', { fields: missing.map((f) => t(fieldKey(f.field))).join('、') })}
            </Typography.Paragraph>
          ) : null}
          <Flex gap={8} justify="end" style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(0)}>{t('assets.chooseOther')}</Button>
            <Button
              type="primary"
              disabled={missing.length > 0}
              loading={busy}
              onClick={doPreview}
              data-testid="asset-preview"
            >
              {t('assets.previewBtn')}
            </Button>
          </Flex>
        </Card>
      ) : null}

      {step === 2 && preview ? (
        <Card>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            {(
              [
                ['inserted', 'assets.kind.new', '#389e0d'],
                ['updated', 'assets.kind.changed', '#1677ff'],
                ['unchanged', 'assets.kind.unchanged', undefined],
                ['failed', 'assets.kind.failed', '#cf1322'],
              ] as const
            ).map(([k, key, color]) => (
              <Col xs={12} md={6} key={k}>
                <Statistic
                  title={t(key)}
                  value={preview[k]}
                  styles={{ content: color ? { color } : undefined }}
                  data-testid={`preview-${k}`}
                />
              </Col>
            ))}
          </Row>
          <Alert
            type={preview.failed ? 'warning' : 'info'}
            showIcon
            title={t('assets.previewNote', { total: preview.rowsTotal })}
            description={preview.failed ? t('assets.previewFailedNote', { n: preview.failed }) : undefined}
            style={{ marginBottom: 16 }}
          />
          <Tabs
            defaultActiveKey={preview.failed ? 'errors' : 'changes'}
            items={[
              {
                key: 'changes',
                label: t('assets.tab.changes', { n: preview.inserted + preview.updated }),
                children: <ChangeTable report={preview} />,
              },
              {
                key: 'errors',
                label: t('assets.tab.errors', { n: preview.failed }),
                children: <ErrorTable report={preview} />,
              },
            ]}
          />
          <Flex gap={8} justify="end" style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(1)}>{t('assets.backToMapping')}</Button>
            <Button type="primary" loading={busy} onClick={doCommit} data-testid="asset-commit">
              {t('assets.commitBtn', { n: preview.inserted + preview.updated })}
            </Button>
          </Flex>
        </Card>
      ) : null}
    </>
  );
}
