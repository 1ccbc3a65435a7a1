import { GetObjectCommand, HeadObjectCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectStorage, PresignedUpload } from '../ports/object-storage';

const UPLOAD_TTL_S = 600;
const VIEW_TTL_S = 3600;

/** Photos in an S3 bucket: POST-policy uploads from the phone, HeadObject checks, signed GETs. */
export class S3ObjectStorage implements ObjectStorage {
  private readonly s3: S3Client;

  constructor(
    private readonly bucket: string,
    cfg: { region: string; endpoint?: string },
  ) {
    this.s3 = new S3Client({
      region: cfg.region,
      ...(cfg.endpoint
        ? { endpoint: cfg.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }
        : {}),
    });
  }

  async presignUpload(key: string, contentType: string, maxBytes: number, now: Date): Promise<PresignedUpload> {
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [
        ['content-length-range', 1, maxBytes],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: UPLOAD_TTL_S,
    });
    return { url, fields, expiresAt: new Date(now.getTime() + UPLOAD_TTL_S * 1000).toISOString() };
  }

  async head(key: string): Promise<{ size: number; contentType: string } | null> {
    try {
      const out = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: out.ContentLength ?? 0, contentType: out.ContentType ?? '' };
    } catch (e) {
      if (e instanceof NotFound || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
      throw e;
    }
  }

  async readText(key: string): Promise<string | null> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return (await out.Body?.transformToString('utf-8')) ?? null;
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if ((e as Error).name === 'NoSuchKey' || status === 404) return null;
      throw e;
    }
  }

  viewUrl(key: string): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: VIEW_TTL_S });
  }
}
