import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Result, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';

export { Loading } from './Loading';

function errorText(error: unknown): { message: string; code?: string; requestId?: string | null } {
  if (error instanceof ApiError) return { message: error.message, code: error.code, requestId: error.requestId };
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}

/** A failed load: what went wrong (the server's words), the request id, and a retry. */
export function LoadError({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useI18n();
  const e = errorText(error);
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
    return (
      <Result
        status={error.status === 403 ? '403' : '404'}
        title={error.status === 403 ? t('state.forbiddenTitle') : t('state.notFoundTitle')}
        subTitle={e.message}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? t('state.loadFailed')}
      description={
        <>
          <div>{e.message}</div>
          {e.requestId ? (
            <Typography.Text type="secondary">{t('state.requestId', { id: e.requestId })}</Typography.Text>
          ) : null}
        </>
      }
      action={
        onRetry ? (
          <Button size="small" icon={<ReloadOutlined />} onClick={onRetry}>
            {t('action.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** Inline error after an action (save, verify…), in the error code's words. */
export function ActionError({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const e = errorText(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      closable={onClose ? { onClose } : undefined}
      title={e.message}
      description={e.requestId ? t('state.requestId', { id: e.requestId }) : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

export function EmptyState({ description, action }: { description: ReactNode; action?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description}>
      {action}
    </Empty>
  );
}

export function errorMessage(error: unknown): string {
  return errorText(error).message;
}
