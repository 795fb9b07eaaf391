import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, List, Typography } from 'antd';
import { useState } from 'react';
import { http } from '../../../api/client';
import { ActionError } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { type LedgerVerifyResult, voucherApi } from '../api';
import { Money } from '../common';

/**
 * For auditors: prove the voucher books balance now (every account sums to zero, each voucher's
 * balance equals its postings), the same proof as `npm run ledger:verify`, on demand.
 */
export function LedgerCheck() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<LedgerVerifyResult | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await http.get<LedgerVerifyResult>(voucherApi.ledgerVerify));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title={t('vch.ledger.title')}
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={run} data-testid="ledger-verify">
          {result ? t('vch.ledger.again') : t('vch.ledger.run')}
        </Button>
      }
      style={{ marginTop: 16 }}
    >
      <ActionError error={error} onClose={() => setError(null)} />
      {result ? (
        <>
          <Alert
            type={result.ok ? 'success' : 'error'}
            showIcon
            title={result.ok ? t('vch.ledger.ok') : t('vch.ledger.bad', { n: result.problems.length })}
            style={{ marginBottom: 12 }}
            data-testid="ledger-result"
          />
          <Descriptions
            size="small"
            column={{ xs: 1, md: 4 }}
            items={[
              { key: 'journals', label: t('vch.ledger.journals'), children: result.journals.toLocaleString('zh-CN') },
              { key: 'postings', label: t('vch.ledger.postings'), children: result.postings.toLocaleString('zh-CN') },
              { key: 'quotas', label: t('vch.ledger.quotas'), children: result.quotas.toLocaleString('zh-CN') },
              { key: 'total', label: t('vch.ledger.total'), children: <Money fen={result.totalFen} /> },
            ]}
          />
          {result.problems.length ? (
            <List
              size="small"
              dataSource={result.problems}
              renderItem={(p) => (
                <List.Item key={`${p.kind}-${p.ref}`}>
                  <Typography.Text type="danger">
                    {p.kind} · {p.ref}：{p.detail}
                  </Typography.Text>
                </List.Item>
              )}
            />
          ) : null}
        </>
      ) : (
        <Typography.Text type="secondary">{t('vch.ledger.hint')}</Typography.Text>
      )}
    </Card>
  );
}
