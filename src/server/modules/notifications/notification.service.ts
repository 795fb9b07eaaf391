import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Mailer } from '../../lib/mailer.js';
import { users } from '../identity/user.table.js';
import { notifications } from './notification.table.js';

export interface Message {
  userIds: string[];
  category: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link?: string;
}

/** Emails owed once the transaction that created the inbox rows commits. */
export type Outbox = { to: string; subject: string; text: string }[];

/**
 * The inbox any module posts to. Rows are written in the caller's transaction (a notice about a
 * change exists exactly when the change does); email goes out after commit via `flush`.
 */
export function createNotificationService(deps: { db: Db; mailer: Mailer; clock: Clock; log: (m: string) => void }) {
  const { db, mailer, clock } = deps;
  return {
    async post(tx: Tx, m: Message): Promise<Outbox> {
      const ids = [...new Set(m.userIds)];
      if (ids.length === 0) return [];
      const at = clock.now();
      await tx.insert(notifications).values(
        ids.map((userId) => ({
          userId,
          category: m.category,
          titleZh: m.title.zh,
          titleEn: m.title.en,
          bodyZh: m.body.zh,
          bodyEn: m.body.en,
          link: m.link ?? null,
          createdAt: at,
        })),
      );
      if (!mailer.configured) return [];
      const recipients = await tx
        .select({ email: users.email, locale: users.locale })
        .from(users)
        .where(and(inArray(users.id, ids), eq(users.status, 'active')));
      return recipients.map((r) => {
        const en = r.locale === 'en';
        return {
          to: r.email,
          subject: en ? m.title.en : m.title.zh,
          text: `${en ? m.body.en : m.body.zh}${m.link ? `\n\n${m.link}` : ''}`,
        };
      });
    },

    /** Never throws: a mail outage must not turn a committed change into an error for the user. */
    async flush(outbox: Outbox) {
      for (const mail of outbox) {
        await mailer.send(mail).catch((err: Error) => deps.log(`email to ${mail.to} failed: ${err.message}`));
      }
    },

    async inbox(userId: string, lang: 'zh' | 'en', opts: { unreadOnly?: boolean; page: number; pageSize: number }) {
      const where = and(eq(notifications.userId, userId), opts.unreadOnly ? isNull(notifications.readAt) : undefined);
      const rows = await db
        .select()
        .from(notifications)
        .where(where)
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(opts.pageSize)
        .offset((opts.page - 1) * opts.pageSize);
      const [total] = await db.select({ n: count() }).from(notifications).where(where);
      const [unread] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
      return {
        items: rows.map((r) => ({
          id: r.id,
          category: r.category,
          title: lang === 'en' ? r.titleEn : r.titleZh,
          body: lang === 'en' ? r.bodyEn : r.bodyZh,
          link: r.link,
          createdAt: r.createdAt.toISOString(),
          readAt: r.readAt?.toISOString() ?? null,
        })),
        total: total?.n ?? 0,
        unread: unread?.n ?? 0,
        page: opts.page,
        pageSize: opts.pageSize,
      };
    },

    async markRead(userId: string, id?: string) {
      await db
        .update(notifications)
        .set({ readAt: clock.now() })
        .where(
          and(
            eq(notifications.userId, userId),
            isNull(notifications.readAt),
            id ? eq(notifications.id, id) : undefined,
          ),
        );
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
