/**
 * The photo store (S3) as a part of its own: only the functions that sign uploads or show photos
 * wire it, so the others do not carry the S3 client (~0.3 MB minified).
 */
import { S3ObjectStorage } from './adapters/s3-object-storage';
import { lazy, type Part } from './wiring';

export const storagePart: Part = (d, { config }) => {
  lazy(d, 'storage', () => new S3ObjectStorage(config.UPLOAD_BUCKET, { region: config.AWS_REGION, endpoint: config.S3_ENDPOINT }));
};
