import { Alert, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, http } from '../../../api/client';
import { ActionError, Loading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import {
  type CheckResult,
  type ClaimDetail,
  newIdempotencyKey,
  type PrecheckResult,
  type ReservationView,
  voucherApi,
} from '../api';
import { EvidenceTag, Money, YuanInput } from '../common';
import { CheckList } from './CheckList';

interface Values {
  feeYuan?: number | null;
  claimedHours?: number | null;
  voucherYuan?: number | null;
  note?: string;
}

const toFen = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? undefined : Math.round(yuan * 100);
const toMinutes = (h: number | null | undefined) => (h === null || h === undefined ? undefined : Math.round(h * 60));

/** The refusal's check results, when the server refused the claim (422 with details: checkResult[]). */
function refusedChecks(error: unknown): CheckResult[] | null {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return null;
  const d = error.details as Partial<CheckResult>[];
  return d.every((c) => typeof c?.check === 'string' && typeof c?.outcome === 'string') ? (d as CheckResult[]) : null;
}

/**
 * 申请兑付 for a delivered service: the figures default to the service record; the automatic checks
 * run as the provider types (the same ones the server runs on filing), so a claim that would be
 * refused says why before it is sent. Filing carries an idempotency key made when the dialog opened.
 */
export function FileClaimModal({ reservation, onClose }: { reservation: ReservationView; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const key = useMemo(newIdempotencyKey, []);
  const [typed, setTyped] = useState<Values>({});
  const [debounced, setDebounced] = useState<Values>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Re-run the checks a moment after typing stops, not on every keystroke.
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(typed), 400);
    return () => window.clearTimeout(timer);
  }, [typed]);

  const figures = {
    feeFen: toFen(debounced.feeYuan),
    claimedMinutes: toMinutes(debounced.claimedHours),
    voucherFen: toFen(debounced.voucherYuan),
  };
  const precheck = useAsync(
    (signal) =>
      http.get<PrecheckResult>(voucherApi.precheck, { reservationId: reservation.id, ...figures }, { signal }),
    [reservation.id, figures.feeFen, figures.claimedMinutes, figures.voucherFen],
  );
  const p = precheck.data;
  const refusal = refusedChecks(error);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const filed = await http.post<ClaimDetail>(
        voucherApi.claims,
        {
          reservationId: reservation.id,
          feeFen: toFen(v.feeYuan),
          claimedMinutes: toMinutes(v.claimedHours),
          voucherFen: toFen(v.voucherYuan),
          note: v.note?.trim() || undefined,
        },
        { headers: { 'Idempotency-Key': key } },
      );
      onClose();
      navigate(`/vouchers/claims/${filed.id}?filed=1`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={t('vch.claim.fileTitle', { name: reservation.subjectName })}
      okText={t('vch.claim.fileSubmit')}
      okButtonProps={{ disabled: !p?.wouldFile, 'data-testid': 'claim-file-submit' }}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'enterprise', label: t('vch.enterprise'), children: reservation.enterpriseName },
          { key: 'programme', label: t('vch.programme'), children: reservation.programmeName },
          { key: 'start', label: t('vch.claim.when'), children: formatDateTime(reservation.serviceStart) },
          { key: 'reserved', label: t('vch.claim.reserved'), children: <Money fen={reservation.amountFen} /> },
        ]}
      />
      {refusal ? (
        <Alert
          type="error"
          showIcon
          title={(error as ApiError).message}
          description={<CheckList checks={refusal} testId="claim-refusal" />}
          style={{ marginBottom: 12 }}
        />
      ) : (
        <ActionError error={error} onClose={() => setError(null)} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(_, all) => setTyped(all)}
        data-testid="claim-file-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="feeYuan" label={t('vch.claim.feeYuan')} extra={t('vch.claim.defaultFromRecord')}>
              <YuanInput />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="claimedHours" label={t('vch.claim.claimedHours')} extra={t('vch.claim.defaultFromRecord')}>
              <InputNumber style={{ width: '100%' }} min={0.1} step={0.5} precision={1} suffix={t('unit.hours')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="voucherYuan" label={t('vch.claim.voucherYuan')} extra={t('vch.claim.defaultCovered')}>
              <YuanInput />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('vch.claim.noteOptional')}>
          <Input.TextArea rows={2} maxLength={2000} showCount />
        </Form.Item>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('vch.claim.precheck')}
      </Typography.Title>
      {precheck.loading && !p ? (
        <Loading what={t('vch.claim.prechecking')} />
      ) : precheck.error ? (
        <ActionError error={precheck.error} />
      ) : p ? (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="claim-precheck">
          <Space wrap>
            <EvidenceTag evidence={p.evidence} />
            {p.wouldFile ? (
              <Typography.Text>
                {t('vch.claim.wouldFile')} <Money fen={p.voucherFen} strong />
              </Typography.Text>
            ) : (
              <Typography.Text type="danger">{t('vch.claim.wouldRefuse')}</Typography.Text>
            )}
          </Space>
          {p.flagged ? <Alert type="warning" showIcon title={t('vch.claim.willBeFlagged')} /> : null}
          {p.evidence === 'self_reported' ? (
            <Alert type="info" showIcon title={t('vch.claim.selfReportedNote')} />
          ) : null}
          <CheckList checks={p.checks} testId="claim-precheck-checks" />
        </Space>
      ) : null}
    </Modal>
  );
}
