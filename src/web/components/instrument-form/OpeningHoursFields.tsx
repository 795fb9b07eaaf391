import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Typography } from 'antd';
import { isoWeekdays, openingWindowSchema } from '../../../shared/booking-rules';
import { useI18n } from '../../i18n';
import { zodRule } from '../../lib/zodRule';

/** Opening windows per weekday (from–to), any number a day; a day without one is closed. */
export function OpeningHoursFields() {
  const { t } = useI18n();
  const dayName = (d: string) => t(`calendar.weekday.${d}` as 'calendar.weekday.1');
  return (
    <>
      <Typography.Text strong>{t('inst.rules.openingHours')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('inst.rules.openingHoursHint')}</Typography.Paragraph>
      {isoWeekdays.map((d) => (
        <Flex key={d} gap={12} align="flex-start" wrap style={{ marginBottom: 4 }}>
          <div style={{ width: 56, paddingTop: 5 }}>{dayName(d)}</div>
          <Form.List name={['bookingRules', 'openingHours', d]}>
            {(fields, { add, remove }) => (
              <Flex gap={8} wrap align="flex-start" style={{ flex: 1 }}>
                {fields.length === 0 ? (
                  <Typography.Text type="secondary" style={{ paddingTop: 5 }}>
                    {t('inst.rules.closed')}
                  </Typography.Text>
                ) : null}
                {fields.map((f) => (
                  <Flex key={f.key} gap={4} align="flex-start">
                    <Form.Item
                      name={[f.name, 'from']}
                      rules={[zodRule(openingWindowSchema.shape.from)]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input
                        style={{ width: 76 }}
                        placeholder="08:30"
                        aria-label={t('inst.rules.windowFrom', { day: dayName(d) })}
                      />
                    </Form.Item>
                    <span style={{ paddingTop: 5 }}>–</span>
                    <Form.Item
                      name={[f.name, 'to']}
                      rules={[zodRule(openingWindowSchema.shape.to)]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input
                        style={{ width: 76 }}
                        placeholder="17:30"
                        aria-label={t('inst.rules.windowTo', { day: dayName(d) })}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('inst.rules.removeWindow')}
                      onClick={() => remove(f.name)}
                    />
                  </Flex>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ from: '08:30', to: '17:30' })}
                  aria-label={t('inst.rules.addWindowFor', { day: dayName(d) })}
                >
                  {t('inst.rules.addWindow')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Flex>
      ))}
    </>
  );
}
