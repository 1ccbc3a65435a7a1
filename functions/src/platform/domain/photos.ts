import { FILE_TYPES, IMAGE_TYPES, MAX_FILE_BYTES, MAX_PHOTO_BYTES, type UploadRequestBody, type UploadResponse } from '@linli/shared';
import { ValidationError } from './errors';
import type { Actor } from './actor';
import type { ObjectStorage } from '../ports/object-storage';

const EXT: Record<(typeof IMAGE_TYPES)[number] | (typeof FILE_TYPES)[number], string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'text/csv': 'csv',
  'application/x-ndjson': 'jsonl',
};

/** Where a user's uploads live: the key itself says who uploaded it. */
export const uploadPrefix = (userId: string): string => `uploads/${userId}/`;

/**
 * A pre-signed upload of one photo (or one file of records to import): the phone sends the file straight to object storage, under a
 * key in the caller's own prefix, limited in size and type.
 */
export async function requestUpload(
  deps: { storage: ObjectStorage; newId: () => string },
  actor: Actor,
  body: UploadRequestBody,
  now: Date,
): Promise<UploadResponse> {
  const key = `${uploadPrefix(actor.userId)}${deps.newId()}.${EXT[body.contentType]}`;
  const maxBytes = (FILE_TYPES as readonly string[]).includes(body.contentType) ? MAX_FILE_BYTES : MAX_PHOTO_BYTES;
  const upload = await deps.storage.presignUpload(key, body.contentType, maxBytes, now);
  return { key, ...upload, maxBytes };
}

/**
 * Checks photo keys before they are attached: each must be the caller's own upload, really
 * stored, an image, and within the size limit (checked on the stored object, not trusted from
 * the upload). Problems are reported per photo.
 */
export async function verifyPhotos(storage: ObjectStorage, actor: Actor, keys: readonly string[]): Promise<string[]> {
  const problems: { field: string; message: string }[] = [];
  await Promise.all(
    keys.map(async (key, i) => {
      const field = `photos.${i}`;
      if (!key.startsWith(uploadPrefix(actor.userId))) return problems.push({ field, message: '只能使用自己上传的图片' });
      const head = await storage.head(key);
      if (!head) return problems.push({ field, message: '图片未上传成功，请重新上传' });
      if (!(IMAGE_TYPES as readonly string[]).includes(head.contentType)) return problems.push({ field, message: '只能上传图片' });
      if (head.size > MAX_PHOTO_BYTES) return problems.push({ field, message: '图片不能超过 5 MB' });
      return undefined;
    }),
  );
  if (problems.length) throw new ValidationError('图片有误', problems.sort((a, b) => a.field.localeCompare(b.field)));
  return [...new Set(keys)];
}
