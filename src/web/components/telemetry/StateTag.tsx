import {
  CheckCircleFilled,
  DisconnectOutlined,
  MinusCircleOutlined,
  PauseCircleFilled,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { type MessageKey, useI18n } from '../../i18n';

export type PowerState = 'working' | 'idle' | 'off' | 'offline' | 'never' | 'unknown';

/** One colour per state, used by tags, tiles and chart bands alike; each also has an icon and words. */
export const stateColours: Record<PowerState, string> = {
  working: '#389e0d',
  idle: '#d48806',
  off: '#595959',
  offline: '#cf1322',
  never: '#8c8c8c',
  unknown: '#bfbfbf',
};

const tagColours: Record<PowerState, string> = {
  working: 'success',
  idle: 'warning',
  off: 'default',
  offline: 'error',
  never: 'default',
  unknown: 'default',
};

const icons: Record<PowerState, ReactNode> = {
  working: <CheckCircleFilled />,
  idle: <PauseCircleFilled />,
  off: <MinusCircleOutlined />,
  offline: <DisconnectOutlined />,
  never: <QuestionCircleOutlined />,
  unknown: <QuestionCircleOutlined />,
};

export function stateKey(state: PowerState): MessageKey {
  return `tstate.${state}` as MessageKey;
}

/** A power state as colour, icon and text (never colour alone). */
export function StateTag({ state }: { state: PowerState }) {
  const { t } = useI18n();
  return (
    <Tag color={tagColours[state]} icon={icons[state]} data-state={state}>
      {t(stateKey(state))}
    </Tag>
  );
}
