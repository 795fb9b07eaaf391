import type { Mailer, MailMessage } from '../src/server/lib/mailer.js';

/** Records what would have been emailed. */
export function fakeMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    configured: true,
    sent,
    async send(m) {
      sent.push(m);
    },
  };
}
