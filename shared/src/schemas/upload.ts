import * as z from 'zod';

import { FILE_TYPES, IMAGE_TYPES, MAX_FILE_BYTES, MAX_PHOTO_BYTES, MAX_PHOTOS } from '../plain/upload';

export { FILE_TYPES, IMAGE_TYPES, MAX_FILE_BYTES, MAX_PHOTO_BYTES, MAX_PHOTOS };
const isFile = (t: string): boolean => (FILE_TYPES as readonly string[]).includes(t);

/** Asks for a pre-signed upload of one photo (or one import file), straight from the phone to object storage. */
export const UploadRequestBody = z
  .object({
    contentType: z.enum([...IMAGE_TYPES, ...FILE_TYPES], { message: '只能上传 JPEG、PNG 或 WebP 图片' }),
    size: z.number().int().min(1, '文件为空').max(MAX_FILE_BYTES, '文件不能超过 10 MB'),
  })
  .superRefine((b, ctx) => {
    if (!isFile(b.contentType) && b.size > MAX_PHOTO_BYTES) ctx.addIssue({ code: 'custom', path: ['size'], message: '图片不能超过 5 MB' });
  });
export type UploadRequestBody = z.infer<typeof UploadRequestBody>;

/** A multipart POST upload (what wx.uploadFile / Taro.uploadFile send): post `fields` + `file` to `url`. */
export const UploadResponse = z.object({
  key: z.string(),
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  maxBytes: z.number().int(),
  expiresAt: z.string(),
});
export type UploadResponse = z.infer<typeof UploadResponse>;

/** Keys of uploaded photos attached to a request or a step of it. */
export const PhotoKeys = z
  .array(z.string().regex(/^uploads\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9]{26}\.(jpg|png|webp)$/, '图片编号不正确'))
  .max(MAX_PHOTOS, `最多 ${MAX_PHOTOS} 张图片`);
