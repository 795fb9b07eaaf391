import { Alert, Card, Col, List, Row, Space, Tag, Typography } from 'antd';
import { Link, useLocation } from 'react-router';
import { type Role, roleLabels } from '../../shared/roles';
import { useMe } from '../auth/AuthContext';
import { hasRole, isBureau } from '../auth/roles';
import { PageHeader } from '../components/PageHeader';
import { EmptyState } from '../components/States';
import { OrgStatusTag } from '../components/StatusTag';
import { HoursKpi } from '../components/telemetry/HoursKpi';
import { useI18n } from '../i18n';
import { navEntries } from '../nav';
import { ChallengeKpis } from './challenges/ChallengeKpis';

export default function Workspace() {
  const me = useMe();
  const { t, label } = useI18n();
  const location = useLocation();
  const justRegistered = (location.state as { justRegistered?: boolean } | null)?.justRegistered;
  const awaiting = me.memberships.filter((m) => m.organisation.status === 'registered');
  const returned = me.memberships.filter(
    (m) => m.organisation.status === 'rejected' || m.organisation.status === 'suspended',
  );
  const shortcuts = navEntries.filter((e) => e.key !== 'workspace' && e.visible(me));

  return (
    <>
      <PageHeader title={t('workspace.welcome', { name: me.user.name })} crumbs={[]} />
      {awaiting.length > 0 ? (
        <Alert
          type={justRegistered ? 'success' : 'info'}
          showIcon
          data-testid="verification-notice"
          title={justRegistered ? t('workspace.registeredTitle') : t('workspace.awaitingTitle')}
          description={t('workspace.awaitingBody', { orgs: awaiting.map((m) => m.organisation.name).join('、') })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {returned.map((m) => (
        <Alert
          key={m.organisation.id}
          type="warning"
          showIcon
          title={t('workspace.returnedTitle', { org: m.organisation.name })}
          description={<Link to="/my-organisation">{t('workspace.returnedBody')}</Link>}
          style={{ marginBottom: 16 }}
        />
      ))}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('workspace.myOrgs')} style={{ height: '100%' }}>
            {me.memberships.length === 0 ? (
              <EmptyState description={t('workspace.noOrgs')} />
            ) : (
              <List
                dataSource={me.memberships}
                renderItem={(m) => (
                  <List.Item key={m.organisation.id} extra={<OrgStatusTag status={m.organisation.status} />}>
                    <Space>
                      <Link to="/my-organisation">{m.organisation.name}</Link>
                      {m.isAdmin ? <Tag>{t('member.admin')}</Tag> : null}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('workspace.myRoles')} style={{ height: '100%' }}>
            {me.roles.length === 0 ? (
              <EmptyState description={t('workspace.noRoles')} />
            ) : (
              <Space wrap>
                {me.roles.map((g) => (
                  <Tag key={g.id} color="blue">
                    {label(roleLabels[g.role as Role])}
                    {g.regionCode ? ` · ${g.regionCode}` : ''}
                  </Tag>
                ))}
              </Space>
            )}
          </Card>
        </Col>
        {isBureau(me) || hasRole(me, 'finance_officer', 'auditor') ? (
          <Col xs={24} lg={12}>
            <HoursKpi />
          </Col>
        ) : null}
        <Col xs={24}>
          <ChallengeKpis />
        </Col>
        <Col xs={24}>
          <Card title={t('workspace.shortcuts')}>
            <Row gutter={[12, 12]}>
              {shortcuts.map((e) => (
                <Col key={e.key} xs={12} md={6}>
                  <Link to={e.path} style={{ display: 'block' }}>
                    <Card size="small" hoverable>
                      <Space>
                        <span aria-hidden>{e.icon}</span>
                        <Typography.Text>{label(e.label)}</Typography.Text>
                      </Space>
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
    </>
  );
}
