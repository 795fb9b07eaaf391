import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Table, Typography } from 'antd';
import { indicatorInput } from '../../../../shared/api/challenges';
import { useI18n } from '../../../i18n';
import { zodRule } from '../../../lib/zodRule';
import type { Indicator } from './types';

const MAX_ROWS = 20;

/**
 * The quantified target indicators as an editable table (name, target, unit, how 验收 tests it),
 * each cell checked against the server's own schema as it is typed.
 */
export function IndicatorsField({ name = 'indicators' }: { name?: string }) {
  const { t } = useI18n();
  const shape = indicatorInput.shape;
  const cols: { key: keyof Indicator; label: string; span: number; optional?: boolean }[] = [
    { key: 'name', label: t('need.ind.name'), span: 6 },
    { key: 'target', label: t('need.ind.target'), span: 5 },
    { key: 'unit', label: t('need.ind.unit'), span: 3, optional: true },
    { key: 'testMethod', label: t('need.ind.testMethod'), span: 8 },
  ];
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, rows: unknown[] | undefined) => {
            if (!rows?.length) throw new Error(t('need.ind.required'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid="indicators">
          <Row gutter={8} aria-hidden style={{ marginBottom: 4 }}>
            {cols.map((c) => (
              <Col key={c.key} span={c.span}>
                <Typography.Text type="secondary">{c.label}</Typography.Text>
              </Col>
            ))}
          </Row>
          {fields.map((f, i) => (
            <Row gutter={8} key={f.key} align="top">
              {cols.map((c) => (
                <Col key={c.key} span={c.span}>
                  <Form.Item
                    name={[f.name, c.key]}
                    rules={[zodRule(shape[c.key], { optional: c.optional })]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input aria-label={`${c.label} ${i + 1}`} placeholder={c.label} />
                  </Form.Item>
                </Col>
              ))}
              <Col span={2}>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  disabled={fields.length <= 1}
                  onClick={() => remove(f.name)}
                  aria-label={t('need.ind.remove', { n: i + 1 })}
                />
              </Col>
            </Row>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={fields.length >= MAX_ROWS}
            onClick={() => add({ name: '', target: '', unit: '', testMethod: '' })}
          >
            {t('need.ind.add')}
          </Button>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}

/** The indicators, read-only. Text is rendered as text. */
export function IndicatorsTable({ indicators }: { indicators: Indicator[] }) {
  const { t } = useI18n();
  return (
    <Table<Indicator & { i: number }>
      size="small"
      rowKey="i"
      pagination={false}
      dataSource={indicators.map((x, i) => ({ ...x, i }))}
      columns={[
        { title: t('need.ind.name'), dataIndex: 'name' },
        { title: t('need.ind.target'), dataIndex: 'target' },
        { title: t('need.ind.unit'), dataIndex: 'unit', render: (v: string) => v || '—' },
        { title: t('need.ind.testMethod'), dataIndex: 'testMethod' },
      ]}
    />
  );
}
