import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

/** The ConfigError thrown for `env`, or a failure if none is thrown. */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('starts with sensible defaults from an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '127.0.0.1',
      KECHUANG_DATA_DIR: './data',
      MQTT_PORT: 1883,
      SMTP_PORT: 587,
      SMTP_SECURE: false,
      SESSION_IDLE_MINUTES: 120,
      SESSION_MAX_HOURS: 12,
      LOGIN_MAX_ATTEMPTS: 5,
      LOGIN_LOCK_MINUTES: 15,
      BODY_LIMIT_BYTES: 1_048_576,
      TIMEZONE: 'Asia/Shanghai',
      LOG_LEVEL: 'info',
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.MQTT_URL).toBeUndefined();
    expect(c.dataDir).toBe(resolve('./data'));
  });

  it('coerces numbers and booleans from strings', () => {
    const c = loadConfig({ PORT: '8080', SMTP_SECURE: 'yes', COOKIE_SECURE: '0', LOGIN_MAX_ATTEMPTS: '7' });
    expect(c).toMatchObject({ PORT: 8080, SMTP_SECURE: true, COOKIE_SECURE: false, LOGIN_MAX_ATTEMPTS: 7 });
  });

  it('accepts postgres:// and postgresql:// URLs and MQTT URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).DATABASE_URL).toBe('postgres://u@h/db');
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h/db' }).DATABASE_URL).toBe('postgresql://u@h/db');
    expect(loadConfig({ MQTT_URL: 'mqtts://broker:8883' }).MQTT_URL).toBe('mqtts://broker:8883');
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['MQTT_URL', { MQTT_URL: 'http://x' }],
    ['TIMEZONE', { TIMEZONE: 'Mars/Base' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['SMTP_SECURE', { SMTP_SECURE: 'maybe' }],
  ])('refuses a bad %s and names it in the message', (name, env) => {
    const err = configError(env);
    expect(err.message).toContain(name);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(new RegExp(`^${name} `));
  });

  it('shows the offending value to help the operator', () => {
    expect(configError({ PORT: '70000' }).message).toContain('"70000"');
  });

  it('requires SMTP_PASSWORD when SMTP_USER is set', () => {
    const err = configError({ SMTP_USER: 'mailer' });
    expect(err.problems).toEqual([expect.stringMatching(/^SMTP_PASSWORD .*SMTP_USER/)]);
    expect(loadConfig({ SMTP_USER: 'mailer', SMTP_PASSWORD: 'pw' }).SMTP_PASSWORD).toBe('pw');
  });

  it('lists every problem at once', () => {
    const err = configError({ PORT: 'abc', DATABASE_URL: 'mysql://x', MQTT_URL: 'http://x' });
    expect(err.problems.map((p) => p.split(' ')[0]).sort()).toEqual(['DATABASE_URL', 'MQTT_URL', 'PORT']);
  });

  it('treats empty strings as unset, as .env files write them', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '', MQTT_URL: '', TIMEZONE: '', SMTP_USER: '', PUBLIC_URL: '' });
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.MQTT_URL).toBeUndefined();
    expect(c.TIMEZONE).toBe('Asia/Shanghai');
    expect(c.SMTP_USER).toBeUndefined();
    expect(c.PUBLIC_URL).toBeUndefined();
  });
});
