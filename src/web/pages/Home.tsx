import { ExperimentOutlined, FlagOutlined, SafetyCertificateOutlined, WalletOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { LinkButton } from '../components/LinkButton';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';

interface Programme {
  key: string;
  icon: ReactNode;
  title: MessageKey;
  body: MessageKey;
  /** Set when the programme's pages exist; until then the card says "coming soon". */
  path?: string;
}

const programmes: Programme[] = [
  {
    key: 'challenges',
    icon: <FlagOutlined />,
    title: 'home.challenges.title',
    body: 'home.challenges.body',
    path: '/challenges',
  },
  {
    key: 'instruments',
    icon: <ExperimentOutlined />,
    title: 'home.instruments.title',
    body: 'home.instruments.body',
    path: '/instruments',
  },
  { key: 'vouchers', icon: <WalletOutlined />, title: 'home.vouchers.title', body: 'home.vouchers.body' },
];

export default function Home() {
  const { t } = useI18n();
  const { me } = useAuth();
  return (
    <>
      <section
        aria-labelledby="home-title"
        style={{
          background: 'linear-gradient(135deg, #0b2f6b 0%, #0958d9 100%)',
          color: '#fff',
          borderRadius: 8,
          padding: 'clamp(20px, 5vw, 48px)',
          marginBottom: 24,
        }}
      >
        <Typography.Title id="home-title" level={1} style={{ color: '#fff', fontSize: 'clamp(22px, 5vw, 36px)' }}>
          {t('home.title')}
        </Typography.Title>
        <Typography.Paragraph style={{ color: '#fff', fontSize: 16, maxWidth: 720 }}>
          {t('home.lead')}
        </Typography.Paragraph>
        <Flex gap={12} wrap>
          {me ? (
            <LinkButton to="/workspace" size="large">
              {t('action.enterWorkspace')}
            </LinkButton>
          ) : (
            <>
              <LinkButton to="/register" size="large">
                {t('home.ctaRegister')}
              </LinkButton>
              <LinkButton to="/login" size="large" ghost>
                {t('action.signIn')}
              </LinkButton>
            </>
          )}
        </Flex>
      </section>

      <Typography.Title level={2} style={{ fontSize: 22 }}>
        {t('home.programmes')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {programmes.map((p) => (
          <Col key={p.key} xs={24} md={8}>
            <Card
              style={{ height: '100%' }}
              title={
                <Flex gap={8} align="center">
                  <span aria-hidden style={{ color: '#0958d9', fontSize: 20 }}>
                    {p.icon}
                  </span>
                  <span>{t(p.title)}</span>
                </Flex>
              }
              extra={
                p.path ? (
                  <Link
                    to={p.path}
                    aria-label={`${t('home.open')} ${t(p.title)}`}
                    data-testid={`programme-${p.key}-link`}
                  >
                    {t('home.open')}
                  </Link>
                ) : (
                  <Tag color="blue">{t('home.comingSoon')}</Tag>
                )
              }
              data-testid={`programme-${p.key}`}
            >
              <Typography.Paragraph style={{ marginBottom: 0 }}>{t(p.body)}</Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>

      <Card style={{ marginTop: 24 }}>
        <Flex gap={16} align="flex-start">
          <SafetyCertificateOutlined aria-hidden style={{ fontSize: 28, color: '#389e0d' }} />
          <div>
            <Typography.Title level={3} style={{ fontSize: 18, marginTop: 0 }}>
              {t('home.howTitle')}
            </Typography.Title>
            <ol style={{ paddingInlineStart: 20, margin: 0 }}>
              <li>{t('home.how1')}</li>
              <li>{t('home.how2')}</li>
              <li>{t('home.how3')}</li>
            </ol>
          </div>
        </Flex>
      </Card>
    </>
  );
}
