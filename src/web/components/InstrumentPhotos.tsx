import { DeleteOutlined, ExperimentOutlined, PictureOutlined, StarOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Image, Popconfirm, Space, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { http } from '../api/client';
import type { InstrumentDetail } from '../api/types';
import { useI18n } from '../i18n';
import { ActionError } from './States';

type Photo = InstrumentDetail['photos'][number];
const MAX_PHOTOS = 8;
const MAX_BYTES = 1024 * 1024;

/** A catalogue row's cover: the first photo, or a quiet placeholder of the same size. */
export function InstrumentThumb({ url, name, size = 56 }: { url: string | null; name: string; size?: number }) {
  const box = { width: size, height: Math.round(size * 0.75), borderRadius: 4, flex: 'none' as const };
  return url ? (
    <img src={url} alt={name} loading="lazy" style={{ ...box, objectFit: 'cover', background: '#f5f6f8' }} />
  ) : (
    <span
      aria-hidden
      style={{ ...box, display: 'inline-flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}
    >
      <ExperimentOutlined style={{ color: 'rgba(0,0,0,0.35)', fontSize: size / 3 }} />
    </span>
  );
}

/**
 * The instrument's photos, cover first, opening a full-size preview; its managers add (JPEG, PNG or
 * WebP up to 1 MB, eight at most), delete and choose the cover here.
 */
export function InstrumentPhotos({
  instrumentId,
  name,
  photos,
  canManage,
  onChange,
}: {
  instrumentId: string;
  name: string;
  photos: Photo[];
  canManage: boolean;
  onChange: (photos: Photo[]) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<{ photos: Photo[] }>, done?: string) => {
    setBusy(true);
    setError(null);
    try {
      onChange((await work()).photos);
      if (done) message.success(done);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const base = `/api/instruments/${instrumentId}/photos`;

  return (
    <div data-testid="instrument-photos">
      <ActionError error={error} onClose={() => setError(null)} />
      {photos.length === 0 ? (
        <Flex
          align="center"
          justify="center"
          gap={8}
          style={{ height: 120, background: '#f5f6f8', borderRadius: 8, color: 'rgba(0,0,0,0.55)' }}
        >
          <PictureOutlined style={{ fontSize: 24 }} />
          <span>{canManage ? t('photos.emptyManager') : t('photos.empty')}</span>
        </Flex>
      ) : (
        <Image.PreviewGroup>
          <Flex gap={8} wrap>
            {photos.map((p, i) => (
              <div key={p.id} style={{ position: 'relative' }}>
                <Image
                  src={p.url}
                  alt={t('photos.alt', { name, n: i + 1 })}
                  width={i === 0 ? 240 : 112}
                  height={i === 0 ? 180 : 84}
                  style={{ objectFit: 'cover', borderRadius: 6 }}
                  data-testid="instrument-photo"
                />
                {canManage ? (
                  <Space size={4} style={{ position: 'absolute', right: 4, bottom: 4 }}>
                    {i > 0 ? (
                      <Tooltip title={t('photos.makeCover')}>
                        <Button
                          size="small"
                          icon={<StarOutlined />}
                          aria-label={t('photos.makeCover')}
                          disabled={busy}
                          onClick={() =>
                            run(
                              () =>
                                http.put(`${base}/order`, {
                                  ids: [p.id, ...photos.filter((o) => o.id !== p.id).map((o) => o.id)],
                                }),
                              t('photos.coverSet'),
                            )
                          }
                        />
                      </Tooltip>
                    ) : null}
                    <Popconfirm
                      title={t('photos.deleteConfirm')}
                      okText={t('photos.delete')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => run(() => http.del(`${base}/${p.id}`), t('photos.deleted'))}
                    >
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('photos.delete')}
                        disabled={busy}
                      />
                    </Popconfirm>
                  </Space>
                ) : null}
                {i === 0 && photos.length > 1 ? (
                  <Typography.Text
                    style={{
                      position: 'absolute',
                      left: 6,
                      top: 6,
                      fontSize: 12,
                      background: 'rgba(0,0,0,0.6)',
                      color: '#fff',
                      padding: '0 6px',
                      borderRadius: 4,
                    }}
                  >
                    {t('photos.cover')}
                  </Typography.Text>
                ) : null}
              </div>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {canManage ? (
        <Flex align="center" gap={12} wrap style={{ marginTop: 12 }}>
          <Upload
            accept="image/jpeg,image/png,image/webp"
            showUploadList={false}
            disabled={busy || photos.length >= MAX_PHOTOS}
            beforeUpload={(file) => {
              // Checked here for a quick answer; the server checks the bytes again.
              if (file.size > MAX_BYTES) {
                setError(new Error(t('photos.tooLarge')));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess, onError }) => {
              run(() => http.upload<{ photos: Photo[] }>(base, file as Blob), t('photos.uploaded'))
                .then(() => onSuccess?.({}))
                .catch((e) => onError?.(e as Error));
            }}
          >
            <Button
              icon={<UploadOutlined />}
              loading={busy}
              disabled={photos.length >= MAX_PHOTOS}
              data-testid="photo-upload"
            >
              {t('photos.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('photos.hint', { n: photos.length, max: MAX_PHOTOS })}
          </Typography.Text>
        </Flex>
      ) : null}
    </div>
  );
}
