import { Card, Descriptions, List, Typography } from 'antd';
import { useParams } from 'react-router';
import { type ListStatus, listStatusLabels } from '../../../shared/api/challenges';
import { api } from '../../api/client';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

interface Detail {
  code: string;
  title: string;
  directionName: string;
  regionName: string;
  organisationName: string | null;
  goal: string;
  eligibility: string;
  periodMonths: number;
  applyClosesAt: string;
  status: ListStatus;
  contactName: string;
  contactPhone: string;
  indicators: { name: string; target: string; unit: string; testMethod: string }[];
  questions: { id: string; question: string; answer: string | null }[];
}

/** A published list. Every text is rendered as text: markup typed into a field is shown, never run. */
export default function ListPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { data, error } = useAsync((signal) => api<Detail>(`/api/challenges/lists/${id}`, { signal }), [id]);
  if (error) return <Typography.Text type="danger">{error.message}</Typography.Text>;
  if (!data) return <Loading />;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 'clamp(20px, 4vw, 28px)', marginTop: 0 }}>
        {data.title}
      </Typography.Title>
      <Descriptions column={{ xs: 1, sm: 2 }} bordered size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('hall.code')}>{data.code}</Descriptions.Item>
        <Descriptions.Item label={t('hall.status')}>{listStatusLabels[data.status][lang]}</Descriptions.Item>
        <Descriptions.Item label={t('hall.direction')}>{data.directionName}</Descriptions.Item>
        <Descriptions.Item label={t('hall.region')}>{data.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('hall.issuer')}>
          {data.organisationName ?? t('hall.issuerHidden')}
        </Descriptions.Item>
        <Descriptions.Item label={t('hall.deadline')}>{formatDate(data.applyClosesAt)}</Descriptions.Item>
        <Descriptions.Item label={t('hall.contact')}>
          {data.contactName} {data.contactPhone}
        </Descriptions.Item>
        <Descriptions.Item label={t('hall.period', { n: data.periodMonths })}>{''}</Descriptions.Item>
      </Descriptions>
      <Card title={t('hall.goal')} size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{data.goal}</Typography.Paragraph>
      </Card>
      <Card title={t('hall.indicators')} size="small" style={{ marginBottom: 16 }}>
        <List
          dataSource={data.indicators}
          renderItem={(i) => (
            <List.Item>
              {i.name}：{i.target} {i.unit}（{i.testMethod}）
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('hall.eligibility')} size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{data.eligibility}</Typography.Paragraph>
      </Card>
      <Card title={t('hall.qa')} size="small">
        <List
          locale={{ emptyText: t('hall.qaEmpty') }}
          dataSource={data.questions}
          renderItem={(q) => (
            <List.Item>
              <List.Item.Meta title={q.question} description={q.answer} />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
