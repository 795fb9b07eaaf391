/**
 * The chosen language, outside React so the fetch wrapper can send it as Accept-Language.
 * Chinese first: English only when the user picked it (stored in localStorage).
 */
export type Locale = 'zh-CN' | 'en';
export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'kc.locale';

function readStored(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let current: Locale = readStored();

export function currentLocale(): Locale {
  return current;
}

export function currentLang(): Lang {
  return current === 'en' ? 'en' : 'zh';
}

export function storeLocale(locale: Locale): void {
  current = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice still holds for this page view.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
