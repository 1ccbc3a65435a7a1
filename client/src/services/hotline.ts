import Taro from '@tarojs/taro';
import type { HotlineImportJobResponse, UploadResponse } from '@linli/shared';
import { MAX_FILE_BYTES } from '@linli/shared/plain';
import { api, ApiError, type Out } from './request';

/** Where a text file is put before uploading: a blob URL in the browser, a file in the mini-program's user folder. */
async function localPath(text: string, name: string, contentType: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') return URL.createObjectURL(new Blob([text], { type: contentType }));
  const path = `${Taro.env.USER_DATA_PATH}/${Date.now()}-${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath: path, data: text, encoding: 'utf8', success: () => resolve(), fail: (e) => reject(new Error(e.errMsg)) }),
  );
  return path;
}

/** Uploads a file of tickets (CSV or JSON lines) through the pre-signed upload; returns its key. */
export async function uploadTicketFile(text: string, name: string): Promise<string> {
  const contentType = /\.jsonl?$/i.test(name) ? 'application/x-ndjson' : 'text/csv';
  const size = new TextEncoder().encode(text).length;
  if (size > MAX_FILE_BYTES) throw new ApiError(400, 'too_large', '文件不能超过 10 MB');
  const u = await api<Out<typeof UploadResponse>>('POST', '/uploads', { body: { contentType, size } });
  let status: number;
  try {
    status = (await Taro.uploadFile({ url: u.url, filePath: await localPath(text, name, contentType), name: 'file', formData: u.fields })).statusCode;
  } catch {
    status = 0;
  }
  if (status === 0 || status >= 300) throw new ApiError(status, 'upload_failed', '文件上传失败，请检查网络后重试');
  return u.key;
}

/** Starts importing an uploaded file (one job per idempotency key: a retried tap returns the same job). */
export const startHotlineImport = (fileKey: string, idempotencyKey: string) =>
  api<Out<typeof HotlineImportJobResponse>>('POST', '/hotline/imports', { body: { fileKey }, headers: { 'idempotency-key': idempotencyKey } });

/** An import's progress and report. */
export const getHotlineImport = (id: string) => api<Out<typeof HotlineImportJobResponse>>('GET', `/hotline/imports/${encodeURIComponent(id)}`);
