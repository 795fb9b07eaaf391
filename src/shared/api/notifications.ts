import { z } from 'zod';
import { isoDate } from './common.js';

export const notificationView = z.object({
  id: z.uuid(),
  category: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: isoDate,
  readAt: isoDate.nullable(),
});

export const inboxQuery = z.object({
  unreadOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const inboxResponse = z.object({
  items: z.array(notificationView),
  total: z.number().int(),
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
