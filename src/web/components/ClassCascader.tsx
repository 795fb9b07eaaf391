import { Cascader, Input, Space } from 'antd';
import { useI18n } from '../i18n';
import { classOptions, classPathCodes } from '../lib/instruments';

/** 大类 / 中类 filter; the value is the 2- or 4-digit prefix of the class code. */
export function ClassCascader({
  id,
  value,
  onChange,
  placeholder,
}: {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
}) {
  const { lang } = useI18n();
  return (
    <Cascader
      id={id}
      style={{ width: '100%' }}
      options={classOptions(lang)}
      changeOnSelect
      showSearch
      allowClear
      value={value ? classPathCodes(value) : undefined}
      placeholder={placeholder}
      onChange={(codes) => {
        const list = (codes ?? []) as string[];
        onChange?.(list[list.length - 1]);
      }}
    />
  );
}

/**
 * The 6-digit class code of an instrument: 中类 from the cascader plus the two 小类 digits (the 小类
 * list is not published; 00 when unknown). The value is the full code.
 */
export function ClassCodeInput({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (code: string) => void;
}) {
  const { t, lang } = useI18n();
  const middle = value && value.length >= 4 ? value.slice(0, 4) : undefined;
  const minor = value && value.length === 6 ? value.slice(4) : '';
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Cascader
        id={id}
        style={{ width: '75%' }}
        options={classOptions(lang)}
        showSearch
        value={middle ? classPathCodes(middle) : undefined}
        placeholder={t('inst.classPlaceholder')}
        onChange={(codes) => {
          const list = (codes ?? []) as string[];
          const mid = list[1];
          onChange?.(mid ? `${mid}${minor || '00'}` : '');
        }}
      />
      <Input
        style={{ width: '25%' }}
        aria-label={t('inst.classMinor')}
        placeholder="00"
        maxLength={2}
        inputMode="numeric"
        value={minor}
        disabled={!middle}
        onChange={(e) => middle && onChange?.(`${middle}${e.target.value.replace(/\D/g, '')}`)}
      />
    </Space.Compact>
  );
}
