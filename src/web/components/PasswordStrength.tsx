import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Progress, Space } from 'antd';
import { checkPassword, PASSWORD_MIN_LENGTH } from '../../shared/password-policy';
import { useI18n } from '../i18n';

/** Live hint under a new-password field: the same rule the server applies (src/shared/password-policy.ts). */
export function PasswordStrength({
  password,
  email,
  phone,
}: {
  password: string | undefined;
  email?: string;
  phone?: string | null;
}) {
  const { t } = useI18n();
  const pw = password ?? '';
  const check = checkPassword(pw, { email, phone });
  const rules = [
    { ok: !check.tooShort, text: t('password.rule.length', { n: PASSWORD_MIN_LENGTH }) },
    { ok: check.classes >= 3, text: t('password.rule.classes', { n: check.classes }) },
    { ok: pw.length > 0 && !check.containsIdentity, text: t('password.rule.identity') },
  ];
  const score = rules.filter((r) => r.ok).length + (pw.length >= 14 && check.classes === 4 ? 1 : 0);
  const strength = !pw ? '' : check.ok ? (score >= 4 ? t('password.strong') : t('password.ok')) : t('password.weak');
  const colour = check.ok ? (score >= 4 ? '#389e0d' : '#1677ff') : '#cf1322';
  return (
    <div aria-live="polite" style={{ marginTop: 4 }}>
      <Progress
        percent={pw ? (score / 4) * 100 : 0}
        showInfo={false}
        strokeColor={colour}
        size="small"
        aria-label={t('password.strengthLabel')}
      />
      {strength ? <div style={{ color: colour, fontSize: 13 }}>{strength}</div> : null}
      <Space orientation="vertical" size={0} style={{ fontSize: 13 }}>
        {rules.map((r) => (
          <span key={r.text} style={{ color: r.ok ? '#389e0d' : 'rgba(0,0,0,0.65)' }}>
            {r.ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleOutlined aria-hidden />} {r.text}
          </span>
        ))}
      </Space>
    </div>
  );
}

/** antd rule: refuse a password the server would refuse, with our words. */
export function passwordRule(t: (k: 'password.tooWeak') => string, identity: () => { email?: string; phone?: string }) {
  return {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value) return;
      if (!checkPassword(value, identity()).ok) throw new Error(t('password.tooWeak'));
    },
  };
}
