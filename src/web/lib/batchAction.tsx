import { App } from 'antd';
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
