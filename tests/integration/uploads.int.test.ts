/** Photos: pre-signed uploads straight to object storage (s3rver locally) and attaching them. */
import { RequestResponse, UploadResponse } from '@linli/shared';
import { inGrid1, submitRequest } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

/** The smallest valid JPEG-ish payload is not needed: storage keeps bytes; the type is what the upload declares. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7), Buffer.from([0xff, 0xd9])]);

describe('photo uploads', () => {
  let api: TestApi;
  let resident: string;
  let gridWorker: string;
  beforeAll(async () => {
    api = await startTestApi();
    resident = await api.tokenFor('resident');
    gridWorker = await api.tokenFor('grid_worker');
  });
  afterAll(() => api.stop());

  async function upload(token: string, bytes: Buffer = JPEG, contentType = 'image/jpeg', declaredSize = bytes.length): Promise<string> {
    const res = await api.call('POST', '/uploads', { token, body: { contentType, size: declaredSize } });
    expect(res.status).toBe(201);
    const u = UploadResponse.parse(res.body);
    const form = new FormData();
    for (const [k, v] of Object.entries(u.fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), 'photo.jpg');
    const put = await fetch(u.url, { method: 'POST', body: form });
    expect(put.status).toBeLessThan(300);
    return u.key;
  }
  const submit = (body: Record<string, unknown>) => submitRequest(api, resident, body);

  it('refuses non-images and files over 5 MB before issuing an upload', async () => {
    const gif = await api.call('POST', '/uploads', { token: resident, body: { contentType: 'image/gif', size: 100 } });
    expect(gif.status).toBe(400);
    expect(gif.body.error.fields[0].field).toBe('contentType');
    const big = await api.call('POST', '/uploads', { token: resident, body: { contentType: 'image/jpeg', size: 6 * 1024 * 1024 } });
    expect(big.body.error.fields[0].field).toBe('size');
  });

  it('files a request with photos uploaded from the phone, and shows them through signed URLs', async () => {
    const keys = [await upload(resident), await upload(resident)];
    expect(keys[0]).toMatch(/^uploads\/u-demo-resident\//);
    const res = await submit({ categoryId: 'fix-road', description: '路面塌陷，附照片', location: inGrid1, photos: keys });
    expect(res.status).toBe(201);
    const r = RequestResponse.parse(res.body).request;
    expect(r.photos).toHaveLength(2);
    const img = await fetch(r.photos[0]!);
    expect(img.status).toBe(200);
    expect(Buffer.from(await img.arrayBuffer()).equals(JPEG)).toBe(true);
    expect(r.timeline[0]!.photos).toHaveLength(2);
  });

  it("only accepts the caller's own, really uploaded, small enough photos", async () => {
    const othersKey = await upload(gridWorker);
    const foreign = await submit({ categoryId: 'fix-road', description: '用了别人的图片', location: inGrid1, photos: [othersKey] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toEqual([{ field: 'photos.0', message: '只能使用自己上传的图片' }]);

    const never = await submit({ categoryId: 'fix-road', description: '没上传成功的图片', location: inGrid1, photos: ['uploads/u-demo-resident/01KAAAAAAAAAAAAAAAAAAAAAAA.jpg'] });
    expect(never.body.error.fields).toEqual([{ field: 'photos.0', message: '图片未上传成功，请重新上传' }]);

    // Local storage does not enforce the POST policy; our own check of the stored object does.
    const tooBig = await upload(resident, Buffer.alloc(5 * 1024 * 1024 + 10, 1), 'image/jpeg', 1000);
    const big = await submit({ categoryId: 'fix-road', description: '超过大小的图片', location: inGrid1, photos: [tooBig] });
    expect(big.body.error.fields).toEqual([{ field: 'photos.0', message: '图片不能超过 5 MB' }]);

    const seven = Array.from({ length: 7 }, () => 'uploads/u-demo-resident/01KAAAAAAAAAAAAAAAAAAAAAAA.jpg');
    const many = await submit({ categoryId: 'fix-road', description: '七张图片太多了', location: inGrid1, photos: seven });
    expect(many.body.error.fields[0].field).toBe('photos');
  });

  it('needs an on-site "after" photo to close categories that demand one', async () => {
    let r = RequestResponse.parse((await submit({ categoryId: 'env-garbage', description: '垃圾清运不及时，堆满了', location: inGrid1 })).body).request;
    const act = async (body: Record<string, unknown>) => api.call('POST', `/requests/${r.id}/actions`, { token: gridWorker, body: { ...body, version: r.version } });
    r = RequestResponse.parse((await act({ action: 'accept' })).body).request;
    const noPhoto = await act({ action: 'resolve', result: '已清运' });
    expect(noPhoto.status).toBe(400);
    expect(noPhoto.body.error.fields[0].field).toBe('photos');
    const after = await upload(gridWorker);
    const ok = await act({ action: 'resolve', result: '已清运，附现场照片', photos: [after] });
    expect(ok.status).toBe(200);
    expect(ok.body.request.timeline.at(-1).photos).toHaveLength(1);
  });
});
