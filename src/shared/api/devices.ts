import { z } from 'zod';
import { isoDate, pageQuery } from './common.js';

/**
 * Power sensors (devices) fitted to instruments. A device id is also its MQTT client id and
 * username, and names its topic prefix `kc/v1/d/{deviceId}/`, so it uses only topic-safe characters.
 */
export const deviceStatuses = ['active', 'retired'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

export const deviceIdPattern = /^kcd-[a-z0-9]{12}$/;
export const deviceIdParams = z.object({
  id: z
    .string()
    .regex(
      deviceIdPattern,
      '设备编号格式应为 kcd- 加 12 位小写字母或数字 / A device id is kcd- and 12 lowercase letters or digits',
    ),
});

export const deviceCreateBody = z.object({
  instrumentId: z.uuid(),
  /** Free text the manager uses to tell sensors apart (e.g. the plug's serial number). */
  label: z.string().trim().max(100).optional(),
});

export const deviceMoveBody = z.object({
  instrumentId: z.uuid(),
  reason: z.string().trim().max(500).optional(),
});

export const deviceRetireBody = z.object({
  reason: z.string().trim().min(2, '请填写停用原因 / Give a reason').max(500),
});

export const deviceListQuery = pageQuery.extend({
  instrumentId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  status: z.enum(deviceStatuses).optional(),
  /** Matches the device id, its label or the instrument's name. */
  q: z.string().trim().max(100).optional(),
});

export const deviceSummary = z.object({
  id: z.string(),
  label: z.string().nullable(),
  status: z.enum(deviceStatuses),
  instrumentId: z.string(),
  instrumentName: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  regionCode: z.string(),
  online: z.boolean(),
  firmware: z.string().nullable(),
  lastSeenAt: isoDate.nullable(),
  errorCount: z.number().int(),
  credentialsIssuedAt: isoDate,
  createdAt: isoDate,
  retiredAt: isoDate.nullable(),
});

export const deviceFitting = z.object({
  instrumentId: z.string(),
  instrumentName: z.string(),
  fromAt: isoDate,
  toAt: isoDate.nullable(),
  reason: z.string().nullable(),
});

export const deviceErrorCounter = z.object({
  reason: z.string(),
  count: z.number().int(),
  lastAt: isoDate,
  lastDetail: z.string().nullable(),
});

export const deviceDetail = deviceSummary.extend({
  retiredReason: z.string().nullable(),
  /** Every instrument the device has been fitted to, newest first. */
  fittings: z.array(deviceFitting),
  /** Rejections by reason (dead letters, refused connects, foreign topics). */
  errors: z.array(deviceErrorCounter),
  topics: z.object({ up: z.string(), state: z.string(), config: z.string() }),
  canManage: z.boolean(),
});

/** Returned once, when a device is created or its credentials are rotated: only a hash is kept. */
export const deviceCredentials = z.object({
  clientId: z.string(),
  username: z.string(),
  password: z.string(),
  /** Where the device connects (the embedded broker or the external one), when the platform knows it. */
  brokerUrl: z.string().nullable(),
  topic: z.string(),
});

export const deviceWithCredentials = z.object({
  device: deviceDetail,
  credentials: deviceCredentials,
});

/**
 * Auth/ACL hook bodies for an external broker. EMQX's HTTP authenticator and authorizer post JSON
 * built from placeholders; mosquitto-go-auth's HTTP backend posts the same names (`acc` is its
 * access bit mask: 1 read, 2 write, 4 subscribe).
 */
export const mqttAuthBody = z.object({
  clientid: z.string().max(256).optional(),
  username: z.string().max(256).default(''),
  password: z.string().max(1024).default(''),
});

export const mqttAclBody = z.object({
  clientid: z.string().max(256).optional(),
  username: z.string().max(256).default(''),
  topic: z.string().max(1024),
  /** EMQX: `publish` or `subscribe`. */
  action: z.enum(['publish', 'subscribe']).optional(),
  /** mosquitto-go-auth: 1 read, 2 write, 4 subscribe. */
  acc: z.coerce.number().int().min(1).max(4).optional(),
});

export const mqttHookResult = z.object({
  result: z.enum(['allow', 'deny']),
  is_superuser: z.boolean().optional(),
});
