import { Form, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CataloguePage } from '../api/types';
import { useI18n } from '../i18n';
import { classLabel } from '../lib/instruments';

export function ClassName({ code }: { code: string }) {
  const { lang } = useI18n();
  return (
    <span>
      {classLabel(code, lang)}
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
        {code}
      </Typography.Text>
    </span>
  );
}

/** Value range in 万元, applied when a box is left or Enter is pressed. */
export function ValueRange({
  min,
  max,
  onChange,
}: {
  min: string | undefined;
  max: string | undefined;
  onChange: (min: string | undefined, max: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [lo, setLo] = useState<number | null>(min ? Number(min) : null);
  const [hi, setHi] = useState<number | null>(max ? Number(max) : null);
  useEffect(() => {
    setLo(min ? Number(min) : null);
    setHi(max ? Number(max) : null);
  }, [min, max]);
  const apply = () => {
    const a = lo === null ? undefined : String(lo);
    const b = hi === null ? undefined : String(hi);
    if (a !== min || b !== max) onChange(a, b);
  };
  return (
    <Form.Item label={t('catalogue.valueRange')} htmlFor="catalogue-min-value">
      <Space.Compact style={{ width: '100%' }}>
        <InputNumber<number>
          id="catalogue-min-value"
          aria-label={t('catalogue.minValue')}
          placeholder={t('catalogue.min')}
          min={0}
          value={lo}
          onChange={setLo}
          onBlur={apply}
          onPressEnter={apply}
          style={{ width: '50%' }}
        />
        <InputNumber<number>
          aria-label={t('catalogue.maxValue')}
          placeholder={t('catalogue.max')}
          min={0}
          value={hi}
          onChange={setHi}
          onBlur={apply}
          onPressEnter={apply}
          style={{ width: '50%' }}
        />
      </Space.Compact>
    </Form.Item>
  );
}

/** Past the server's count cap the heading says "1,000+" rather than a figure it does not know. */
export function shownTotal(page: CataloguePage): string {
  return page.totalCapped ? `${page.total.toLocaleString()}+` : page.total.toLocaleString();
}
