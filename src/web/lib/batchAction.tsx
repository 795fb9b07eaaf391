import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';

export interface BatchOptions<T> {
  items: T[];
  confirmTitle: string;
  confirmHint: string;
  okText: string;
  /** The request for one item; its failure is collected, never stops the rest. */
  act: (item: T) => Promise<unknown>;
  /** How a failed item is named in the report, e.g. the organisation's name. */
  describe: (item: T) => string;
  successText: (ok: number) => string;
  partialTitle: (ok: number, failed: number) => string;
  /** After the run, whatever the outcome: clear the selection, reload the list. */
  done: () => void;
}

/**
 * A batch action on selected rows: confirm, run one request per item, then report every failure by
 * name with the server's own message. Shared by every list page with a batch button.
 */
export function useBatchAction() {
  const { message, modal } = App.useApp();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);

  function run<T>(o: BatchOptions<T>) {
    modal.confirm({
      title: o.confirmTitle,
      content: o.confirmHint,
      okText: o.okText,
      cancelText: t('action.cancel'),
      onOk: async () => {
        setBusy(true);
        const failures: string[] = [];
        for (const item of o.items) {
          try {
            await o.act(item);
          } catch (e) {
            failures.push(`${o.describe(item)}: ${e instanceof ApiError ? e.message : String(e)}`);
          }
        }
        setBusy(false);
        o.done();
        const ok = o.items.length - failures.length;
        if (failures.length === 0) message.success(o.successText(ok));
        else
          modal.warning({
            title: o.partialTitle(ok, failures.length),
            content: (
              <ul style={{ paddingInlineStart: 18 }}>
                {failures.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            ),
          });
      },
    });
  }

  return { busy, run };
}

/**
 * The bar above a list with a batch button: the button names how many selected rows it will act on,
 * and beside it either the selection count or a hint on what can be selected.
 */
export function BatchBar(props: {
  /** The button's text, usually with the number of rows it acts on. */
  label: string;
  /** Selected rows the action applies to; none disables the button. */
  eligible: number;
  selected: number;
  busy: boolean;
  onRun: () => void;
  /** Shown while nothing is selected. */
  hint: string;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Space style={{ marginBottom: 12 }} wrap>
      <Button
        type="primary"
        icon={<CheckOutlined />}
        disabled={props.eligible === 0}
        loading={props.busy}
        onClick={props.onRun}
        data-testid={props.testId}
      >
        {props.label}
      </Button>
      <Typography.Text type="secondary">
        {props.selected ? t('common.selected', { n: props.selected }) : props.hint}
      </Typography.Text>
    </Space>
  );
}
