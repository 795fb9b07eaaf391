import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { currentLocale, type Lang, type Locale, storeLocale } from './locale';
import { type MessageKey, messages } from './messages';

export type { Lang, Locale } from './locale';
export type { MessageKey } from './messages';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

interface I18nValue {
  locale: Locale;
  lang: Lang;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** Picks the current language from a `{ zh, en }` label (as in src/shared/roles.ts). */
  label: (l: { zh: string; en: string }) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(currentLocale);
  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);
  const value = useMemo<I18nValue>(() => {
    const lang: Lang = locale === 'en' ? 'en' : 'zh';
    const dict = messages[lang];
    return {
      locale,
      lang,
      setLocale,
      t: (key, params) => fill(dict[key], params),
      label: (l) => l[lang],
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** Server and shared-schema messages are often "中文 / English"; show only the current half. */
export function pickBilingual(message: string, lang: Lang): string {
  const parts = message.split(' / ');
  if (parts.length !== 2) return message;
  return (lang === 'en' ? parts[1] : parts[0]) ?? message;
}
