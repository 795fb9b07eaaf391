import type { z } from 'zod';
import type {
  AssetInspectResponse,
  assetImportReport,
  assetImportSummary,
  Dismissal,
  ReconciliationKind,
  ReconciliationResponse,
} from '../../../shared/api/assets';
import { http } from '../../api/client';

export type ImportReport = z.infer<typeof assetImportReport>;
export type ImportSummary = z.infer<typeof assetImportSummary>;
export type { AssetInspectResponse, Dismissal, ReconciliationKind, ReconciliationResponse };
export type ColumnMapping = Record<string, string>;

/** The server sniffs the bytes; a neutral type avoids browsers' guesses (text/plain, ms-excel…). */
const asBytes = (file: File) => new Blob([file], { type: 'application/octet-stream' });

export const inspectFile = (orgId: string, file: File) =>
  http.upload<AssetInspectResponse>(`/api/organisations/${orgId}/asset-imports/inspect`, asBytes(file));

export const importFile = (orgId: string, file: File, mapping: ColumnMapping, dryRun: boolean) =>
  http.upload<ImportReport>(`/api/organisations/${orgId}/asset-imports`, asBytes(file), {
    dryRun,
    filename: file.name,
    mapping: JSON.stringify(mapping),
  });

export const importsPath = (orgId: string) => `/api/organisations/${orgId}/asset-imports`;
