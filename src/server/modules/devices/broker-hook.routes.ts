import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../../../shared/api/common.js';
import { mqttAclBody, mqttAuthBody, mqttHookResult } from '../../../shared/api/devices.js';
import { AppError } from '../../lib/errors.js';
import { safeEqual } from '../../lib/tokens.js';
import type { DeviceService } from './device.service.js';
import { deviceMayUse, TOPIC_ROOT } from './topics.js';

export interface HookConfig {
  /** Shared secret the broker sends as `Authorization: Bearer …`; unset means loopback callers only. */
  token?: string;
  /** The platform's own MQTT account (ingesters), allowed to read every device's telemetry. */
  serviceUsername?: string;
  servicePassword?: string;
}

/**
 * Authentication and ACL endpoints for an external broker (EMQX HTTP authn/authz, or
 * mosquitto-go-auth's HTTP backend). They live outside /api/ because brokers send no session or
 * CSRF token; a bearer token (or loopback) guards them instead.
 *
 * Answers: 200 `{"result":"allow"}` to allow. To deny, EMQX wants 200 `{"result":"deny"}` (a
 * non-200 would mean "ignore, ask the next source"), while mosquitto-go-auth in status mode wants a
 * non-200. So `/mqtt/emqx/*` always answers 200 with the verdict in the body, and `/mqtt/mosquitto/*`
 * answers 403 for deny.
 */
export function brokerHookRoutes(app: FastifyInstance, deps: { service: DeviceService; hook: HookConfig }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service, hook } = deps;

  function guard(req: FastifyRequest) {
    if (hook.token) {
      const given = req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
      if (!safeEqual(given, hook.token)) throw new AppError('MQTT_HOOK_UNAUTHORIZED');
    } else if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '')) {
      throw new AppError('MQTT_HOOK_UNAUTHORIZED');
    }
  }

  const isService = (username: string, password?: string) =>
    !!hook.serviceUsername &&
    username === hook.serviceUsername &&
    (password === undefined || (!!hook.servicePassword && safeEqual(password, hook.servicePassword)));

  async function authenticate(body: { username: string; password: string; clientid?: string }) {
    if (isService(body.username, body.password)) return { allow: true, superuser: true };
    // The protocol fixes clientId = username, so a stolen password cannot be used under another id.
    // (Ingesters log in with the service account above, so no device needs any other client id.)
    if (body.clientid !== undefined && body.clientid !== body.username) return { allow: false, superuser: false };
    const v = await service.verify(body.username, body.password);
    if (!v.ok && v.reason !== 'DEVICE_UNKNOWN')
      await service.recordErrors([{ deviceId: v.deviceId, reason: `CONNECT_${v.reason}`, at: new Date() }]);
    return { allow: v.ok, superuser: false };
  }

  function authorize(body: { username: string; topic: string; action?: string; acc?: number }) {
    if (isService(body.username)) {
      // The service account reads telemetry and state and writes device config: the device tree only.
      return body.topic.startsWith(TOPIC_ROOT) || body.topic.startsWith(`$share/kc-ingest/${TOPIC_ROOT}`);
    }
    return deviceMayUse(body.username, body.topic);
  }

  const reply = (res: FastifyReply, allow: boolean, deniedStatus: number, superuser?: boolean) => {
    res.status(allow ? 200 : deniedStatus);
    return { result: allow ? ('allow' as const) : ('deny' as const), ...(superuser ? { is_superuser: true } : {}) };
  };

  const responses = { 200: mqttHookResult, 401: errorBody, 403: mqttHookResult };
  for (const [flavour, deniedStatus] of [
    ['emqx', 200],
    ['mosquitto', 403],
  ] as const) {
    r.post(
      `/mqtt/${flavour}/auth`,
      {
        schema: {
          tags: ['mqtt'],
          summary: `${flavour} HTTP authentication hook`,
          body: mqttAuthBody,
          response: responses,
        },
      },
      async (req, res) => {
        guard(req);
        const verdict = await authenticate(req.body);
        return reply(res, verdict.allow, deniedStatus, verdict.superuser);
      },
    );
    r.post(
      `/mqtt/${flavour}/acl`,
      {
        schema: { tags: ['mqtt'], summary: `${flavour} HTTP ACL hook`, body: mqttAclBody, response: responses },
      },
      async (req, res) => {
        guard(req);
        return reply(res, authorize(req.body), deniedStatus);
      },
    );
  }
  // mosquitto-go-auth asks separately whether a user is a superuser; devices never are.
  r.post(
    '/mqtt/mosquitto/superuser',
    {
      schema: { tags: ['mqtt'], summary: 'mosquitto-go-auth superuser check', body: mqttAuthBody, response: responses },
    },
    async (req, res) => {
      guard(req);
      return reply(res, false, 403);
    },
  );
}
