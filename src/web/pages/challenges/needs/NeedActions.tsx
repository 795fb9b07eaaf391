import {
  CheckOutlined,
  EditOutlined,
  FileAddOutlined,
  RollbackOutlined,
  SearchOutlined,
  SendOutlined,
  StopOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { App, Button, Form, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { http } from '../../../api/client';
import { LinkButton } from '../../../components/LinkButton';
import { ReasonField } from '../../../components/ReasonField';
import { ActionError } from '../../../components/States';
import { type MessageKey, useI18n } from '../../../i18n';
import type { Duplicate, NeedDetail } from '../common/types';
import type { SubmittedState } from './NeedEditor';

type Command = 'submit' | 'withdraw' | 'screen' | 'accept' | 'return' | 'reject';

/** Mirrors the server's transition table: which commands owe a reason (need.status.ts). */
const SPECS: Record<Command, { icon: ReactNode; reasonRequired: boolean; danger?: boolean; primary?: boolean }> = {
  submit: { icon: <SendOutlined />, reasonRequired: false, primary: true },
  withdraw: { icon: <UndoOutlined />, reasonRequired: false },
  screen: { icon: <SearchOutlined />, reasonRequired: false },
  accept: { icon: <CheckOutlined />, reasonRequired: false, primary: true },
  return: { icon: <RollbackOutlined />, reasonRequired: true },
  reject: { icon: <StopOutlined />, reasonRequired: true, danger: true },
};
const ORDER: Command[] = ['submit', 'accept', 'screen', 'return', 'reject', 'withdraw'];

/** The actions allowed on a need now (the server's `commands`), each confirmed with its reason box. */
export function NeedActions({
  need,
  officerView,
  onChanged,
}: {
  need: NeedDetail;
  officerView: boolean;
  onChanged: (n: NeedDetail) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [pending, setPending] = useState<Command | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ reason?: string }>();
  const commands = ORDER.filter((c) => need.commands.includes(c));

  async function run(command: Command, reason?: string) {
    setBusy(true);
    setError(null);
    try {
      const next = await http.post<NeedDetail>(`/api/challenges/needs/${need.id}/${command}`, {
        reason: reason?.trim() || undefined,
        version: need.version,
      });
      onChanged(next);
      setPending(null);
      form.resetFields();
      if (command === 'submit') {
        const duplicates = await http.get<Duplicate[]>(`/api/challenges/needs/${need.id}/duplicates`);
        const state: SubmittedState = { submitted: true, duplicates };
        navigate(location.pathname, { replace: true, state });
      } else message.success(t('need.done', { action: t(`need.cmd.${command}` as MessageKey) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const spec = pending ? SPECS[pending] : null;
  return (
    <>
      {need.commands.includes('edit') && !officerView ? (
        <LinkButton icon={<EditOutlined />} to={`/my-needs/${need.id}/edit`} data-testid="need-action-edit">
          {need.status === 'returned' ? t('need.reviseAndResubmit') : t('action.edit')}
        </LinkButton>
      ) : null}
      {commands
        .filter((c) => (officerView ? !['submit', 'withdraw'].includes(c) : ['submit', 'withdraw'].includes(c)))
        .map((c) => (
          <Button
            key={c}
            icon={SPECS[c].icon}
            type={SPECS[c].primary ? 'primary' : 'default'}
            danger={SPECS[c].danger}
            onClick={() => {
              setError(null);
              setPending(c);
            }}
            data-testid={`need-action-${c}`}
          >
            {t(`need.cmd.${c}` as MessageKey)}
          </Button>
        ))}
      {officerView && need.status === 'accepted' && !need.list ? (
        <LinkButton
          type="primary"
          icon={<FileAddOutlined />}
          to={`/challenge-admin/lists/new?needs=${need.id}`}
          data-testid="need-draft-list"
        >
          {t('clist.draftFrom')}
        </LinkButton>
      ) : null}
      <Modal
        open={!!pending}
        title={pending ? t(`need.confirm.${pending}` as MessageKey, { title: need.title }) : ''}
        okText={pending ? t(`need.cmd.${pending}` as MessageKey) : ''}
        okButtonProps={{ danger: spec?.danger, 'data-testid': 'need-action-ok' }}
        cancelText={t('action.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        <ActionError error={error} onClose={() => setError(null)} />
        <Form form={form} layout="vertical" onFinish={(v) => pending && void run(pending, v.reason)}>
          <ReasonField required={!!spec?.reasonRequired} requiredMessage={t('need.reasonRequired')} />
        </Form>
      </Modal>
    </>
  );
}
