import { BranchesOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { http } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { ActionError, LoadError, Loading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { type ProgrammeDetail, voucherApi } from '../api';
import { CommandModal } from '../CommandModal';
import { Money, nowrapLabels, VoucherStatus, VoucherTimeline } from '../common';
import { checkedSettings } from './ProgrammeNew';
import { RegionName } from './RegionListField';
import { SettingsFields } from './SettingsFields';
import { type SettingsValues, settingsToForm } from './settingsForm';
import { describeSettings, diffSettings } from './settingsView';

/** A new settings version, starting from the current one; quotas already issued keep theirs. */
function NewVersionModal({
  programme,
  onClose,
  onSaved,
}: {
  programme: ProgrammeDetail;
  onClose: () => void;
  onSaved: (next: ProgrammeDetail) => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<SettingsValues & { note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: SettingsValues & { note?: string }) => {
    const settings = checkedSettings(form, v, lang);
    if (!settings) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await http.post<ProgrammeDetail>(voucherApi.programmeVersions(programme.id), {
          settings,
          note: v.note?.trim() || undefined,
        }),
      );
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={960}
      title={t('vch.prog.newVersionTitle', { v: programme.version + 1 })}
      okText={t('vch.prog.saveVersion')}
      okButtonProps={{ 'data-testid': 'version-submit' }}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('vch.prog.newVersionHint')}</Typography.Paragraph>
      <ActionError error={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" initialValues={settingsToForm(programme.settings)} onFinish={submit}>
        <SettingsFields />
        <Form.Item name="note" label={t('vch.prog.versionNote')}>
          <Input maxLength={500} placeholder={t('vch.prog.versionNotePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * A programme: its current settings, every version with what changed and who changed it, the
 * status change allowed now (activate a draft, close an active one) and a new settings version.
 */
export default function ProgrammeRecord() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const detail = useAsync((signal) => http.get<ProgrammeDetail>(voucherApi.programme(id), undefined, { signal }), [id]);
  const p = detail.data;
  const [versioning, setVersioning] = useState(false);
  const [pending, setPending] = useState<'activate' | 'close' | null>(null);
  const allowed = new Set(p?.allowedCommands ?? []);
  const versions = p ? [...p.versions].sort((a, b) => b.version - a.version) : [];

  return (
    <>
      <PageHeader
        title={
          p ? (
            <Space wrap>
              {p.name}
              <VoucherStatus vocabulary="programme" status={p.status} testId="programme-status" />
            </Space>
          ) : (
            t('vch.prog.record')
          )
        }
        subTitle={p ? `${p.code} · ${p.regionName} · ${t('vch.prog.versionN', { v: p.version })}` : undefined}
        crumbs={[
          { title: t('nav.vchProgrammes'), path: '/vouchers/programmes' },
          { title: p?.name ?? t('vch.prog.record') },
        ]}
        extra={
          <>
            {allowed.has('activate') ? (
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                onClick={() => setPending('activate')}
                data-testid="programme-activate"
              >
                {t('vch.prog.cmd.activate')}
              </Button>
            ) : null}
            {p?.canManage && p.status !== 'closed' ? (
              <Button
                icon={<BranchesOutlined />}
                onClick={() => setVersioning(true)}
                data-testid="programme-new-version"
              >
                {t('vch.prog.newVersion')}
              </Button>
            ) : null}
            {allowed.has('close') ? (
              <Button danger icon={<StopOutlined />} onClick={() => setPending('close')} data-testid="programme-close">
                {t('vch.prog.cmd.close')}
              </Button>
            ) : null}
          </>
        }
      />
      {detail.loading && !p ? (
        <Loading what={t('vch.prog.loading')} />
      ) : detail.error && !p ? (
        <LoadError error={detail.error} onRetry={detail.reload} />
      ) : p ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card title={t('vch.prog.current', { v: p.version })} data-testid="programme-settings">
                <Descriptions
                  bordered
                  size="small"
                  column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 1, xxl: 2 }}
                  styles={nowrapLabels}
                  items={describeSettings(p.settings, { t, label }).map((l) => {
                    const codes =
                      l.key === 'eligibleRegionCodes'
                        ? p.settings.eligibleRegionCodes
                        : l.key === 'partnerRegionCodes'
                          ? p.settings.partnerRegionCodes
                          : null;
                    return {
                      key: l.key,
                      label: t(l.label),
                      children: codes?.length ? (
                        <Space wrap size={4}>
                          {codes.map((c) => (
                            <Tag key={c}>
                              <RegionName code={c} />
                            </Tag>
                          ))}
                        </Space>
                      ) : (
                        l.value
                      ),
                    };
                  })}
                />
                {p.description ? (
                  <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
                    {p.description}
                  </Typography.Paragraph>
                ) : null}
              </Card>
              <Card title={t('vch.prog.versions')} data-testid="programme-versions">
                <Timeline
                  items={versions.map((v, i) => {
                    const older = versions[i + 1];
                    const changes = older ? diffSettings(older.settings, v.settings, { t, label }) : [];
                    return {
                      key: v.version,
                      color: v.version === p.version ? 'green' : 'gray',
                      title: `${t('vch.prog.versionN', { v: v.version })} · ${formatDateTime(v.createdAt)}`,
                      content: (
                        <div data-testid="programme-version">
                          <Typography.Text type="secondary">
                            {t('org.history.by', { name: v.createdByName ?? t('org.history.system') })}
                            {v.note ? ` · ${v.note}` : ''}
                          </Typography.Text>
                          {older ? (
                            changes.length ? (
                              <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                                {changes.map((c) => (
                                  <li key={c.label}>
                                    {t(c.label)}：{c.from} → <strong>{c.to}</strong>
                                  </li>
                                ))}
                              </ul>
                            ) : (
                              <div>{t('vch.prog.noChanges')}</div>
                            )
                          ) : (
                            <div>{t('vch.prog.firstVersion')}</div>
                          )}
                        </div>
                      ),
                    };
                  })}
                />
              </Card>
            </Space>
          </Col>
          <Col xs={24} xl={9}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card title={t('vch.summary')}>
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'providers', label: t('vch.prog.admittedProviders'), children: p.admittedProviders },
                    { key: 'issued', label: t('vch.prog.issued'), children: <Money fen={p.issuedFen} /> },
                    { key: 'valid', label: t('vch.prog.validity'), children: `${p.validFrom} – ${p.validUntil}` },
                  ]}
                />
              </Card>
              <Card title={t('org.history')}>
                <VoucherTimeline events={p.events} vocabulary="programme" testId="programme-event" />
              </Card>
            </Space>
          </Col>
        </Row>
      ) : null}
      {versioning && p ? (
        <NewVersionModal
          programme={p}
          onClose={() => setVersioning(false)}
          onSaved={(next) => {
            detail.setData(next);
            message.success(t('vch.prog.versionSaved', { v: next.version }));
          }}
        />
      ) : null}
      <CommandModal
        open={!!pending}
        title={
          pending === 'close'
            ? t('vch.prog.confirm.close', { name: p?.name ?? '' })
            : t('vch.prog.confirm.activate', { name: p?.name ?? '' })
        }
        okText={pending === 'close' ? t('vch.prog.cmd.close') : t('vch.prog.cmd.activate')}
        hint={pending === 'close' ? t('vch.prog.closeHint') : t('vch.prog.activateHint')}
        danger={pending === 'close'}
        reasonRequired={pending === 'close'}
        onClose={() => setPending(null)}
        onSubmit={async (v) => {
          if (!pending) return;
          detail.setData(
            await http.post<ProgrammeDetail>(voucherApi.programmeCommand(id, pending), { reason: v.reason }),
          );
          message.success(t(`vch.prog.done.${pending}`));
        }}
        testId="programme-command-form"
      />
    </>
  );
}
