import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { pathTo, RegionCascader } from '../../../components/RegionCascader';
import { useI18n } from '../../../i18n';

/** A region code with its name once the region table answers; the code alone until then. */
export function RegionName({ code }: { code: string }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    pathTo(code).then(
      (nodes) => live && setName(nodes.map((n) => n.name).join(' / ') || null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [code]);
  return <>{name ? `${name}（${code}）` : code}</>;
}

/**
 * A list of regions for a form (eligible regions, partner regions): pick a province, city or county
 * in the cascader and add it; each chosen region shows as a tag that can be removed.
 */
export function RegionListField({
  id,
  value = [],
  onChange,
  emptyText,
}: {
  id?: string;
  value?: string[];
  onChange?: (codes: string[]) => void;
  emptyText: string;
}) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const add = () => {
    if (picked && !value.includes(picked)) onChange?.([...value, picked]);
    setPicked(undefined);
  };
  return (
    <Flex vertical gap={8}>
      <Space.Compact style={{ width: '100%' }}>
        <RegionCascader id={id} changeOnSelect value={picked} onChange={(c) => setPicked(c)} />
        <Button icon={<PlusOutlined />} onClick={add} disabled={!picked}>
          {t('vch.prog.addRegion')}
        </Button>
      </Space.Compact>
      {value.length ? (
        <Flex wrap gap={4}>
          {value.map((code) => (
            <Tag key={code} closable onClose={() => onChange?.(value.filter((c) => c !== code))}>
              <RegionName code={code} />
            </Tag>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{emptyText}</Typography.Text>
      )}
    </Flex>
  );
}
