import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMe } from '../../auth/AuthContext';
import { managedOrganisations } from '../../auth/roles';
import { InstrumentFormModal } from '../../components/InstrumentFormModal';
import { InstrumentList } from '../../components/InstrumentList';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import { useI18n } from '../../i18n';

/** My organisation's instruments: the catalogue filtered to the owner, and listing a new one. */
export default function MyInstruments() {
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  const orgs = managedOrganisations(me);
  const [orgId, setOrgId] = useState(orgs[0]?.id);
  const [creating, setCreating] = useState(false);
  const org = orgs.find((o) => o.id === orgId) ?? orgs[0];

  return (
    <>
      <PageHeader
        title={t('nav.myInstruments')}
        crumbs={[{ title: t('nav.myInstruments') }]}
        subTitle={org ? t('myInst.lead', { org: org.name }) : undefined}
        extra={
          org ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="instrument-create"
            >
              {t('myInst.create')}
            </Button>
          ) : null
        }
      />
      {orgs.length > 1 ? (
        <Space style={{ marginBottom: 16 }}>
          <Typography.Text id="my-inst-org">{t('myOrg.switch')}</Typography.Text>
          <Select
            aria-labelledby="my-inst-org"
            style={{ minWidth: 260 }}
            value={org?.id}
            onChange={setOrgId}
            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Space>
      ) : null}
      {org ? (
        <InstrumentList key={org.id} organisationId={org.id} emptyText={t('myInst.empty')} />
      ) : (
        <EmptyState description={t('myInst.noOrg')} />
      )}
      {creating ? (
        <InstrumentFormModal
          organisations={orgs}
          onClose={() => setCreating(false)}
          onSaved={(saved) => navigate(`/instruments/${saved.id}`)}
        />
      ) : null}
    </>
  );
}
