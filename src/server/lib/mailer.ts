import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Outbound email, injected so tests and instances without SMTP use something else. */
export interface Mailer {
  readonly configured: boolean;
  send(message: MailMessage): Promise<void>;
}

export function createSmtpMailer(config: Config): Mailer {
  const transport = nodemailer.createTransport({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined,
  });
  return {
    configured: true,
    async send(m) {
      await transport.sendMail({ from: config.SMTP_FROM, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

/** Without SMTP the inbox still works; email is simply not sent, and the log says so once. */
export function createDisabledMailer(log: (msg: string) => void): Mailer {
  let warned = false;
  return {
    configured: false,
    async send() {
      if (!warned) log('SMTP_HOST is not set: email notifications are not sent (in-app inbox only)');
      warned = true;
    },
  };
}
