import Taro from '@tarojs/taro';
import type { UploadResponse } from '@linli/shared';
import { MAX_PHOTO_BYTES } from '@linli/shared/plain';
import { api, ApiError, type Out } from './request';

const typeOf = (path: string, declared?: string): 'image/jpeg' | 'image/png' | 'image/webp' => {
  if (declared === 'image/png' || /\.png$/i.test(path)) return 'image/png';
  if (declared === 'image/webp' || /\.webp$/i.test(path)) return 'image/webp';
  return 'image/jpeg';
};

/** Uploads one chosen photo straight to object storage through a pre-signed form; returns its key. */
export async function uploadPhoto(file: { path: string; size: number; type?: string }): Promise<string> {
  if (file.size > MAX_PHOTO_BYTES) throw new ApiError(400, 'too_large', '图片不能超过 5 MB');
  const u = await api<Out<typeof UploadResponse>>('POST', '/uploads', { body: { contentType: typeOf(file.path, file.type), size: file.size } });
  let status: number;
  try {
    status = (await Taro.uploadFile({ url: u.url, filePath: file.path, name: 'file', formData: u.fields })).statusCode;
  } catch {
    status = 0;
  }
  if (status === 0 || status >= 300) throw new ApiError(status, 'upload_failed', '图片上传失败，请检查网络后重试');
  return u.key;
}
