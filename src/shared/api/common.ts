import { z } from 'zod';

export const errorBody = z.object({
  requestId: z.string(),
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

export const okBody = z.object({ ok: z.literal(true) });

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const idParams = z.object({ id: z.uuid() });

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const isoDate = z.string().describe('ISO 8601 timestamp');

export const chinaPhone = z
  .string()
  .trim()
  .regex(/^(\+?86)?1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, '请输入有效的手机号或座机号 / Enter a valid phone number');
