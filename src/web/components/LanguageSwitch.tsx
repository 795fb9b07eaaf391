import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n';

/** One button: shows the language you would switch to, in that language. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { locale, setLocale } = useI18n();
  const toEnglish = locale !== 'en';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      lang={toEnglish ? 'en' : 'zh-CN'}
      aria-label={toEnglish ? 'Switch to English' : '切换到中文'}
      onClick={() => setLocale(toEnglish ? 'en' : 'zh-CN')}
      style={dark ? { color: '#fff' } : undefined}
      data-testid="language-switch"
    >
      {toEnglish ? 'English' : '中文'}
    </Button>
  );
}
