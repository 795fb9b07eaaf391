import { deviceIdPattern } from '../../../shared/api/devices.js';

/** Topic layout of device protocol v1 (docs/device-protocol.md in the shared docs). */
export const TOPIC_ROOT = 'kc/v1/d/';
export const UP_FILTER = 'kc/v1/d/+/up';
/** The ingesters' shared subscription: the broker hands each message to one member of the group. */
export const SHARED_UP_FILTER = `$share/kc-ingest/${UP_FILTER}`;
export const STATE_FILTER = 'kc/v1/d/+/state';
/** Device state (online, firmware, the will's offline) for the ingesters, split the same way. */
export const SHARED_STATE_FILTER = `$share/kc-ingest/${STATE_FILTER}`;

export function topicsOf(deviceId: string) {
  const base = `${TOPIC_ROOT}${deviceId}`;
  return { up: `${base}/up`, state: `${base}/state`, config: `${base}/config` };
}

/** The device id a topic belongs to, or null when the topic is outside the device tree. */
export function deviceOfTopic(topic: string): string | null {
  if (!topic.startsWith(TOPIC_ROOT)) return null;
  const rest = topic.slice(TOPIC_ROOT.length);
  const slash = rest.indexOf('/');
  const id = slash < 0 ? rest : rest.slice(0, slash);
  return deviceIdPattern.test(id) ? id : null;
}

/**
 * Whether a device may use a topic (publish) or filter (subscribe): only strictly under its own
 * prefix. Wildcards after the prefix stay inside it; the id itself is checked so no wildcard can
 * hide in the prefix (`kc/v1/d/+/up` would read every device).
 */
export function deviceMayUse(deviceId: string, topic: string): boolean {
  if (!deviceIdPattern.test(deviceId)) return false;
  const prefix = `${TOPIC_ROOT}${deviceId}/`;
  return topic.startsWith(prefix) && topic.length > prefix.length;
}
