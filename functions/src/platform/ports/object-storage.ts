/** Object storage for photos (S3 in AWS, an S3-compatible server locally). */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

export interface ObjectStorage {
  /** A POST upload of exactly this key, limited to `maxBytes` and the content type. */
  presignUpload(key: string, contentType: string, maxBytes: number, now: Date): Promise<PresignedUpload>;
  /** Size and content type of a stored object, or null when it does not exist. */
  head(key: string): Promise<{ size: number; contentType: string } | null>;
  /** A short-lived URL to view an object. */
  viewUrl(key: string): Promise<string>;
  /** An object's content as UTF-8 text (an uploaded import file), or null when it does not exist. */
  readText(key: string): Promise<string | null>;
}
