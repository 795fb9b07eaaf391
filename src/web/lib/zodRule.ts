import type { Rule } from 'antd/es/form';
import { config, type ZodType } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { pickBilingual } from '../i18n';
import { currentLang } from '../i18n/locale';

let configured: string | null = null;

function ensureZodLocale(): void {
  const lang = currentLang();
  if (configured === lang) return;
  config(lang === 'en' ? en() : zhCN());
  configured = lang;
}

/**
 * An antd form rule that runs the server's own Zod schema for one field, so the form refuses exactly
 * what the server would, with the schema's message in the current language.
 */
export function zodRule(schema: ZodType, opts: { optional?: boolean } = {}): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (opts.optional && (value === undefined || value === null || value === '')) return;
      ensureZodLocale();
      const result = schema.safeParse(value);
      if (!result.success) {
        const msg = result.error.issues[0]?.message ?? '';
        throw new Error(pickBilingual(msg, currentLang()));
      }
    },
  };
}
