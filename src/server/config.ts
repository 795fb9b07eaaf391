import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(fallback);

/**
 * Every setting the platform reads from the environment. Parsed once at start so a wrong value
 * stops the process with a message naming the variable, instead of failing later mid-request.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: z.url({ message: 'must be a URL such as https://kc.example.gov.cn' }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL (leave it unset for the embedded database)')
      .optional(),
    KECHUANG_DATA_DIR: z.string().min(1).default('./data'),
    MQTT_URL: z
      .string()
      .regex(/^(mqtts?|wss?|tcp):\/\/.+/, 'must be an mqtt://, mqtts://, ws:// or wss:// URL')
      .optional(),
    MQTT_PORT: port(1883),
    /** The broker address shown to installers with new device credentials (e.g. mqtts://iot.example.gov.cn:8883). */
    MQTT_PUBLIC_URL: z
      .string()
      .regex(/^(mqtts?|wss?|tcp):\/\/.+/, 'must be an mqtt://, mqtts://, ws:// or wss:// URL')
      .optional(),
    /** Bearer token an external broker sends to the /mqtt/* auth hooks; unset allows loopback callers only. */
    MQTT_HOOK_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** The platform's own broker account (ingesters), which the auth hook lets read all device telemetry. */
    MQTT_SERVICE_USERNAME: z.string().min(1).default('kc-platform'),
    MQTT_SERVICE_PASSWORD: z.string().min(16, 'must be at least 16 characters').optional(),
    /** MQTT client id of this process's ingester; stable, so a restart resumes its broker session. */
    MQTT_CLIENT_ID: z.string().min(1).max(64).optional(),
    /** With MQTT_URL: whether this process ingests too (false on web instances beside dedicated ingesters). */
    MQTT_INGEST: bool.default(true),
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: port(587),
    SMTP_SECURE: bool.default(false),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    SMTP_FROM: z.string().default('科创平台 <noreply@localhost>'),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(1440).default(120),
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).default(12),
    COOKIE_SECURE: bool.optional(),
    LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(3).max(20).default(5),
    LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    /**
     * Which peers may set X-Forwarded-For (the client IP in audit rows): `loopback` for a proxy on
     * the same host, or comma-separated addresses/CIDRs; `none` trusts nobody.
     */
    TRUST_PROXY: z.string().min(1).default('loopback'),
    /** Seconds a public catalogue search answer is reused (0 = off); writes here clear it at once. */
    CATALOGUE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
    DEMO_DATA: bool.optional(),
    /** Days of raw sensor readings kept (daily partitions dropped after); intervals and roll-ups are kept for good. */
    TELEMETRY_RETENTION_DAYS: z.coerce.number().int().min(2).max(3650).default(30),
    /** Minutes of sensor silence after which an instrument counts as offline (unknown time), unless set per instrument. */
    TELEMETRY_OFFLINE_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
    TIMEZONE: z.string().default('Asia/Shanghai'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((c, ctx) => {
    if (c.SMTP_USER && !c.SMTP_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_PASSWORD'], message: 'is required when SMTP_USER is set' });
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: c.TIMEZONE });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['TIMEZONE'], message: 'must be an IANA time zone such as Asia/Shanghai' });
    }
  });

export type Config = z.infer<typeof configSchema> & { dataDir: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 / Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads config from an env-like record; empty strings count as unset, as in most .env files. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = i.path.join('.') || '(config)';
        const value = cleaned[key];
        const shown = value === undefined || /PASSWORD/.test(key) ? '' : ` (got "${value}")`;
        return `${key} ${i.message}${shown}`;
      }),
    );
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.KECHUANG_DATA_DIR) };
}
