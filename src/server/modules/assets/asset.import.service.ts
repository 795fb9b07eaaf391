import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  type AssetCardField,
  type AssetRowChange,
  assetCardFields,
  type assetPushBody,
  maxReportedChanges,
  requiredAssetFields,
} from '../../../shared/api/assets.js';
import type { Db } from '../../db/client.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { appendAudit, type RequestContext } from '../audit/audit.writer.js';
import { can } from '../identity/access.policy.js';
import type { Actor } from '../identity/actor.js';
import type { OrganisationRepository } from '../organisations/organisation.repository.js';
import {
  type ColumnMapping,
  detectHeader,
  fieldLabels,
  headerAliases,
  headerText,
  normaliseHeader,
  parseMapping,
} from './asset.columns.js';
import { decodeText, readSheet } from './asset.parse.js';
import type { AssetCardRow, AssetImportRow, AssetRepository } from './asset.repository.js';
import { type CardValues, type RowInput, sheetRows, validateRows } from './asset.rows.js';
import { cardFields } from './asset.table.js';

type PushBody = z.infer<typeof assetPushBody>;

/**
 * When the card left the books: the register's own 处置日期 if it has one (midnight, Beijing time),
 * else the moment an import first saw a disposed status, kept on later imports so re-importing
 * the same file changes nothing.
 */
export function disposedAt(card: CardValues, existing: AssetCardRow | undefined, now: Date): Date | null {
  if (card.disposalDate) return new Date(`${card.disposalDate}T00:00:00+08:00`);
  if (!card.disposed) return null;
  return existing?.disposedAt ?? now;
}

export function presentImport(row: AssetImportRow, createdByName: string | null = null) {
  return {
    createdByName,
    id: row.id,
    organisationId: row.organisationId,
    source: row.source as 'csv' | 'xlsx' | 'api',
    filename: row.filename,
    sha256: row.sha256,
    dryRun: row.dryRun,
    rowsTotal: row.rowsTotal,
    inserted: row.rowsInserted,
    updated: row.rowsUpdated,
    unchanged: row.rowsUnchanged,
    failed: row.rowsFailed,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentReport(row: AssetImportRow, createdByName: string | null = null) {
  return {
    ...presentImport(row, createdByName),
    columns: row.columns,
    errors: row.errors,
    errorsTruncated: row.errorsTruncated,
    changes: row.changes,
    changesTruncated: row.rowsInserted + row.rowsUpdated > row.changes.length,
  };
}

type Comparable = string | number | null;

/** The card fields an import row sets or changes, old → new; a new card lists its non-empty fields. */
export function rowChange(card: CardValues, old: AssetCardRow | undefined, gone: Date | null): AssetRowChange {
  const fields: AssetRowChange['fields'] = [];
  for (const k of cardFields) {
    const next = card[k] as Comparable;
    const prev = old ? (old[k] as Comparable) : null;
    if (old ? prev !== next : next !== null) fields.push({ field: k, old: prev, new: next });
  }
  const wasGone = old?.disposedAt?.toISOString() ?? null;
  const isGone = gone?.toISOString() ?? null;
  if (wasGone !== isGone) fields.push({ field: 'disposedAt', old: wasGone, new: isGone });
  return { row: card.rowNo, assetNo: card.assetNo, kind: old ? 'changed' : 'new', fields };
}

export interface AssetImportServiceDeps {
  db: Db;
  assets: AssetRepository;
  organisations: Pick<OrganisationRepository, 'findById'>;
  clock: Clock;
}

/** Finance asset register import: preview, commit, JSON push, and the reports of past imports. */
export function createAssetImportService(deps: AssetImportServiceDeps) {
  const { db, assets, organisations, clock } = deps;

  async function authorise(actor: Actor, organisationId: string) {
    const org = await organisations.findById(organisationId);
    if (!org) throw new AppError('NOT_FOUND');
    if (!can(actor, 'asset.import', { organisationId: org.id, regionCode: org.regionCode }))
      throw new AppError('FORBIDDEN');
    return org;
  }

  /**
   * Validates every row, classifies the good ones against the stored cards and, unless it is a
   * dry run, upserts the new and changed ones. One transaction: the report, the cards and the
   * audit entry commit together, and bad rows are reported without holding back the good ones.
   */
  async function run(
    actor: Actor,
    ctx: RequestContext,
    org: { id: string; regionCode: string },
    input: {
      source: 'csv' | 'xlsx' | 'api';
      filename: string | null;
      sha256: string;
      dryRun: boolean;
      rows: RowInput[];
      columns: Record<string, string>;
    },
  ) {
    const { cards, errors, failed, errorsTruncated } = validateRows(input.rows);
    const now = clock.now();
    const report = await db.transaction(async (tx) => {
      await assets.lockOrganisation(tx, org.id);
      const existing = new Map(
        (
          await assets.findByAssetNos(
            tx,
            org.id,
            cards.map((c) => c.assetNo),
          )
        ).map((r) => [r.assetNo, r]),
      );
      let inserted = 0;
      let updated = 0;
      const changed: { card: CardValues; disposedAt: Date | null }[] = [];
      const changes: AssetRowChange[] = [];
      for (const card of cards) {
        const old = existing.get(card.assetNo);
        const gone = disposedAt(card, old, now);
        if (!old) inserted++;
        else if (cardFields.some((k) => old[k] !== card[k]) || old.disposedAt?.getTime() !== gone?.getTime()) updated++;
        else continue;
        changed.push({ card, disposedAt: gone });
        if (changes.length < maxReportedChanges) changes.push(rowChange(card, old, gone));
      }
      const row = await assets.insertImport(tx, {
        organisationId: org.id,
        source: input.source,
        filename: input.filename,
        sha256: input.sha256,
        dryRun: input.dryRun,
        rowsTotal: input.rows.length,
        rowsInserted: inserted,
        rowsUpdated: updated,
        rowsUnchanged: cards.length - inserted - updated,
        rowsFailed: failed,
        columns: input.columns,
        errors,
        errorsTruncated,
        changes,
        createdBy: actor.userId,
        createdAt: now,
      });
      if (!input.dryRun)
        await assets.upsert(
          tx,
          changed.map(({ card, disposedAt }) => {
            const { rowNo: _row, disposalDate: _date, disposed: _disposed, ...values } = card;
            return {
              ...values,
              organisationId: org.id,
              source: input.source,
              lastImportId: row.id,
              importedAt: now,
              updatedAt: now,
              disposedAt,
            };
          }),
        );
      await appendAudit(
        tx,
        ctx,
        {
          action: input.dryRun ? 'asset.import_preview' : 'asset.import',
          targetType: 'organisation',
          targetId: org.id,
          regionCode: org.regionCode,
          summary: {
            importId: row.id,
            source: input.source,
            filename: input.filename,
            sha256: input.sha256,
            rows: input.rows.length,
            inserted,
            updated,
            unchanged: row.rowsUnchanged,
            failed,
          },
        },
        now,
      );
      return row;
    });
    return presentReport(report, actor.name);
  }

  return {
    /** A CSV or XLSX file, as uploaded; `mapping` is the JSON query parameter, unparsed. */
    async importFile(
      actor: Actor,
      ctx: RequestContext,
      organisationId: string,
      input: { bytes: Buffer; filename: string | null; mapping: string | undefined; dryRun: boolean },
    ) {
      const org = await authorise(actor, organisationId);
      const mapping = parseMapping(input.mapping);
      const sheet = await readSheet(input.bytes);
      const { rows, columns } = sheetRows(sheet, mapping);
      return run(actor, ctx, org, {
        source: sheet.format,
        filename: input.filename,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        dryRun: input.dryRun,
        rows,
        columns,
      });
    },

    /**
     * The mapping step: reads the file (nothing is written), finds the header row and suggests a
     * mapping from the header names; offers the mapping of the last committed import when every
     * header it names is still in this file.
     */
    async inspect(actor: Actor, organisationId: string, bytes: Buffer) {
      const org = await authorise(actor, organisationId);
      const sheet = await readSheet(bytes);
      const { headerAt, headers, suggested } = detectHeader(sheet);
      const names = new Set(headers.map(normaliseHeader));
      const last = await assets.lastFileImport(org.id);
      const lastColumns = (last?.columns ?? {}) as ColumnMapping;
      const fits =
        Object.keys(lastColumns).length > 0 &&
        Object.values(lastColumns).every((h) => h && names.has(normaliseHeader(h)));
      const data = sheet.rows.slice(headerAt + 1);
      return {
        format: sheet.format,
        encoding: sheet.format === 'csv' ? decodeText(bytes).encoding : null,
        headerRow: sheet.rows[headerAt]?.rowNo ?? 1,
        headers,
        rowsTotal: data.length,
        sample: data.slice(0, 5).map((r) => headers.map((_, i) => headerText(r.cells[i] ?? null).slice(0, 100))),
        suggested,
        remembered: fits ? lastColumns : null,
        fields: assetCardFields.map((f) => ({
          field: f,
          label: fieldLabels[f],
          required: (requiredAssetFields as readonly string[]).includes(f),
          aliases: [...headerAliases[f]],
        })),
      };
    },

    /** The finance system's JSON push: the same validation and report, rows numbered from 1. */
    async push(actor: Actor, ctx: RequestContext, organisationId: string, body: PushBody) {
      const org = await authorise(actor, organisationId);
      const rows: RowInput[] = body.cards.map((card, i) => {
        const { originalValueFen, ...cells } = card;
        return {
          rowNo: i + 1,
          cells: cells as Partial<Record<AssetCardField, string | number | null>>,
          labels: Object.fromEntries(Object.keys(cells).map((k) => [k, k])),
          raw: card,
          originalValueFen,
        };
      });
      return run(actor, ctx, org, {
        source: 'api',
        filename: null,
        sha256: createHash('sha256').update(canonicalJson(body.cards)).digest('hex'),
        dryRun: body.dryRun,
        rows,
        columns: {},
      });
    },

    async history(actor: Actor, organisationId: string, page: number, pageSize: number) {
      await authorise(actor, organisationId);
      const { rows, total } = await assets.listImports(organisationId, page, pageSize);
      return { items: rows.map((r) => presentImport(r.row, r.createdByName)), total, page, pageSize };
    },

    async report(actor: Actor, organisationId: string, importId: string) {
      await authorise(actor, organisationId);
      const found = await assets.findImport(organisationId, importId);
      if (!found) throw new AppError('NOT_FOUND');
      return presentReport(found.row, found.createdByName);
    },
  };
}
export type AssetImportService = ReturnType<typeof createAssetImportService>;
