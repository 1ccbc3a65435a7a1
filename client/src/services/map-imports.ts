import type { MapImportResponse } from '@linli/shared';
import { api, type Out } from './request';

const imports = (streetId: string) => `/streets/${encodeURIComponent(streetId)}/map-imports`;

/** What is uploaded: the GeoJSON FeatureCollection (already parsed) and, optionally, the buildings CSV as text. */
export interface StreetMapUpload {
  geojson: Record<string, unknown>;
  buildingsCsv?: string;
}

/**
 * Uploads a street's map (street admins of that street): the server checks the whole file and
 * stages it (201, 200 on a replay); nothing shows until it is activated. A file with problems is
 * refused with 400 and every problem in `fields` (`features.2.geometry`, `buildingsCsv.4`, …).
 * `idempotencyKey` is made once per file content, so a double tap or a retry stages one import.
 */
export const uploadStreetMap = (streetId: string, body: StreetMapUpload, idempotencyKey: string) =>
  api<Out<typeof MapImportResponse>>('POST', imports(streetId), { body, headers: { 'idempotency-key': idempotencyKey } });

/** Switches the street to a staged import at once (lists and locating); activating again is harmless. 409 `import_superseded`. */
export const activateStreetMap = (streetId: string, importId: string) =>
  api<Out<typeof MapImportResponse>>('POST', `${imports(streetId)}/${encodeURIComponent(importId)}/activation`);
