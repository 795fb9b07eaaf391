import { and, eq, inArray } from 'drizzle-orm';
import { ancestors } from '../../../shared/regions/regions.js';
import type { Db } from '../../db/client.js';
import { regionSettings } from './setting.table.js';

export const NATIONAL = '000000';

/** Built-in defaults, used when neither the region nor any ancestor set a value. */
export const settingDefaults = {
  /** 归集 threshold: instruments at or above this original value are listed (Shaoxing: 300,000 yuan). */
  'instruments.listingThresholdFen': 30_000_000,
} as const;
export type SettingKey = keyof typeof settingDefaults;

export function createSettingsService(deps: { db: Db }) {
  return {
    /** The value in force for a region: its own, else the nearest ancestor's, else the national or built-in default. */
    async effective<K extends SettingKey>(regionCode: string, key: K): Promise<(typeof settingDefaults)[K]> {
      const chain = [
        regionCode,
        ...ancestors(regionCode)
          .map((r) => r.code)
          .reverse(),
        NATIONAL,
      ];
      const rows = await deps.db
        .select()
        .from(regionSettings)
        .where(and(eq(regionSettings.key, key), inArray(regionSettings.regionCode, chain)));
      for (const code of chain) {
        const row = rows.find((r) => r.regionCode === code);
        if (row) return row.value as (typeof settingDefaults)[K];
      }
      return settingDefaults[key];
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
