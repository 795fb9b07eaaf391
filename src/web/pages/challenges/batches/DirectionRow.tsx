import { DeleteOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row } from 'antd';
import { directionInput } from '../../../../shared/api/challenges';
import { useI18n } from '../../../i18n';
import { zodRule } from '../../../lib/zodRule';

/** One innovation direction (code, Chinese and English name) in a Form.List, for creating a batch or adding to one. */
export function DirectionRow(props: { name: number; index: number; onRemove: () => void; removable?: boolean }) {
  const { t } = useI18n();
  const { name, index: i } = props;
  return (
    <Row gutter={8}>
      <Col span={5}>
        <Form.Item name={[name, 'code']} rules={[zodRule(directionInput.shape.code)]} style={{ marginBottom: 8 }}>
          <Input aria-label={`${t('cbatch.dirCode')} ${i + 1}`} placeholder={t('cbatch.dirCode')} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[name, 'name']} rules={[zodRule(directionInput.shape.name)]} style={{ marginBottom: 8 }}>
          <Input aria-label={`${t('cbatch.dirName')} ${i + 1}`} placeholder={t('cbatch.dirName')} />
        </Form.Item>
      </Col>
      <Col span={9}>
        <Form.Item name={[name, 'nameEn']} style={{ marginBottom: 8 }}>
          <Input aria-label={`${t('cbatch.dirNameEn')} ${i + 1}`} placeholder={t('cbatch.dirNameEn')} />
        </Form.Item>
      </Col>
      <Col span={2}>
        <Button
          type="text"
          icon={<DeleteOutlined />}
          disabled={props.removable === false}
          onClick={props.onRemove}
          aria-label={t('cbatch.dirRemove', { n: i + 1 })}
        />
      </Col>
    </Row>
  );
}
