import { describe, expect, it } from 'vitest';
import { assetsZh } from './messages.assets';
import { bookingsZh } from './messages.bookings';
import { catalogueZh } from './messages.catalogue';
import { challengeApplyZh } from './messages.challenge-apply';
import { challengesZh } from './messages.challenges';
import { instrumentsZh } from './messages.instruments';
import { metricsZh } from './messages.metrics';
import { telemetryZh } from './messages.telemetry';

describe('message files', () => {
  it('never give one key two meanings: the later spread would silently win in messages.ts', () => {
    const files: Record<string, Record<string, string>> = {
      assetsZh,
      bookingsZh,
      catalogueZh,
      challengeApplyZh,
      challengesZh,
      instrumentsZh,
      metricsZh,
      telemetryZh,
    };
    const seen = new Map<string, { file: string; text: string }>();
    const clashes: string[] = [];
    for (const [file, messages] of Object.entries(files))
      for (const [key, text] of Object.entries(messages)) {
        const before = seen.get(key);
        if (before && before.text !== text)
          clashes.push(`${key}: ${before.file} "${before.text}" vs ${file} "${text}"`);
        seen.set(key, { file, text });
      }
    expect(clashes).toEqual([]);
  });
});
