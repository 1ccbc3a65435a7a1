/**
 * Photos in the simulation, uploaded as the app does: the API gives a presigned form, the phone posts
 * the picture straight to object storage (the local stack's S3 stand-in), and the filing or the
 * closing step names the uploads' keys (the product checks each is the uploader's and a real image).
 */
import type { UploadResponse } from '@linli/shared';
import type { UserRecord } from '../../../functions/src/identity/ports';
import { short, type Sim } from '../engine/context';

/** A small JPEG-shaped picture (its type is what the upload declares; storage keeps the bytes). */
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 9), Buffer.from([0xff, 0xd9])]);

/** Residents attach one or two photos to this share of what they file. */
export const FILINGS_WITH_PHOTOS = 0.4;

/** One photo taken and uploaded by `user`: its key. */
export async function uploadPhoto(sim: Sim, user: UserRecord, what: string): Promise<string> {
  const res = await sim.world.api.call<UploadResponse>(user, 'POST', '/uploads', { body: { contentType: 'image/jpeg', size: PHOTO.length }, kind: 'photo_upload' });
  if (res.status !== 201) sim.fail(what, `the photo upload was answered ${res.status} ${short(res.body)}`);
  const form = new FormData();
  for (const [k, v] of Object.entries(res.body.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(PHOTO)], { type: 'image/jpeg' }), 'photo.jpg');
  const stored = await fetch(res.body.url, { method: 'POST', body: form });
  if (stored.status >= 300) sim.fail(what, `object storage refused the photo: ${stored.status}`);
  return res.body.key;
}

/** `n` photos uploaded side by side. */
export const uploadPhotos = (sim: Sim, user: UserRecord, n: number, what: string): Promise<string[]> =>
  Promise.all(Array.from({ length: n }, () => uploadPhoto(sim, user, what)));
