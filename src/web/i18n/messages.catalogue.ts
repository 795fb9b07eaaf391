/**
 * Words of the catalogue's photos, reviews, extra filters and exports, and of the user's booking
 * calendar; merged into messages.ts. `en` is typed against `zh`, so English stays complete.
 */
export const catalogueZh = {
  'photos.title': '仪器照片',
  'photos.empty': '管理员尚未上传照片',
  'photos.emptyManager': '还没有照片：上传几张仪器外观和工作状态的照片，方便用户辨认',
  'photos.alt': '{name} 照片 {n}',
  'photos.cover': '封面',
  'photos.makeCover': '设为封面',
  'photos.coverSet': '已设为封面',
  'photos.delete': '删除',
  'photos.deleteConfirm': '删除这张照片？',
  'photos.deleted': '照片已删除',
  'photos.upload': '上传照片',
  'photos.uploaded': '照片已上传',
  'photos.tooLarge': '照片不能超过 1 MB，请压缩后再上传。',
  'photos.hint': 'JPEG、PNG 或 WebP，每张不超过 1 MB；已有 {n} 张，最多 {max} 张。',
  'catalogue.exportHint': '按当前筛选和排序导出（最多 5,000 台）',
};

export const catalogueEn: Record<keyof typeof catalogueZh, string> = {
  'photos.title': 'Photos',
  'photos.empty': 'No photos uploaded yet',
  'photos.emptyManager': 'No photos yet: upload a few of the instrument and its set-up, so users recognise it',
  'photos.alt': '{name}, photo {n}',
  'photos.cover': 'Cover',
  'photos.makeCover': 'Make cover',
  'photos.coverSet': 'Cover photo set',
  'photos.delete': 'Delete',
  'photos.deleteConfirm': 'Delete this photo?',
  'photos.deleted': 'Photo deleted',
  'photos.upload': 'Upload a photo',
  'photos.uploaded': 'Photo uploaded',
  'photos.tooLarge': 'A photo may be at most 1 MB; compress it and upload again.',
  'photos.hint': 'JPEG, PNG or WebP, at most 1 MB each; {n} of at most {max} uploaded.',
  'catalogue.exportHint': 'Export with the current filters and order (at most 5,000 instruments)',
};
