/** Batches of 12345 tickets as a file: uploaded, imported in the background in chunks, with progress and a report. */
import { HotlineImportJobResponse, UploadResponse, type HotlineImportJob } from '@linli/shared';
import { startTestApi, type TestApi } from '../support/harness';

describe('importing a file of hotline tickets', () => {
  let api: TestApi;
  let deps: ReturnType<typeof import('../../functions/src/composition').getDeps>;
  let street: string;
  beforeAll(async () => {
    api = await startTestApi();
    deps = (await import('../../functions/src/composition')).getDeps();
    street = await api.tokenFor('street_admin');
  });
  afterAll(() => api.stop());

  const run = `${Date.now().toString(36)}`;
  async function upload(token: string, text: string, contentType = 'text/csv'): Promise<string> {
    const bytes = Buffer.from(text, 'utf8');
    const res = await api.call('POST', '/uploads', { token, body: { contentType, size: bytes.length } });
    expect(res.status).toBe(201);
    const u = UploadResponse.parse(res.body);
    const form = new FormData();
    for (const [k, v] of Object.entries(u.fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), 'tickets');
    expect((await fetch(u.url, { method: 'POST', body: form })).status).toBeLessThan(300);
    return u.key;
  }
  const start = (fileKey: string, key: string, token = street) =>
    api.call('POST', '/hotline/imports', { token, body: { fileKey }, headers: { 'idempotency-key': key } });
  const job = async (id: string): Promise<HotlineImportJob> =>
    HotlineImportJobResponse.parse((await api.call('GET', `/hotline/imports/${id}`, { token: street })).body).job;

  const generated = Array.from({ length: 230 }, (_, i) => `F-${run}-${i},"市民来电反映第${i}号楼垃圾未清运，""急""",,,,,,,cm-mingshan,`);
  const csv = [
    '\uFEFF工单编号,工单内容,来电号码,地址,纬度,经度,坐标系,事项类别,社区编号,热线时限',
    `A-${run}-1,"名山路12号门口井盖松动, 夜间危险",13900001111,名山路12号,29.605,103.482,wgs84,fix-manhole,,2026-12-20T18:00:00+08:00`,
    `A-${run}-2,,13900001112,,,,,,cm-mingshan,`,
    `A-${run}-3,路灯不亮,,,,,,,cm-mingshan,下周一`,
    `A-${run}-0,已经单独导入过的工单,,,,,,,cm-mingshan,`,
    ...generated,
  ].join('\r\n');

  it('imports a CSV in chunks: progress, duplicates skipped, failed rows with their row number and reason', async () => {
    const pre = await api.call('POST', '/hotline/tickets', {
      headers: { 'x-api-key': 'demo-hotline-key' },
      body: { tickets: [{ externalId: `A-${run}-0`, text: '已经单独导入过的工单', communityId: 'cm-mingshan' }] },
    });
    expect(pre.body.created).toBe(1);
    const fileKey = await upload(street, csv);
    const res = await start(fileKey, `imp-${run}-1`);
    expect(res.status).toBe(201);
    const first = HotlineImportJobResponse.parse(res.body).job;
    expect(first).toMatchObject({ status: 'running', total: 234, processed: 200 }); // the first chunk ran at once

    const again = await start(fileKey, `imp-${run}-1`); // a retried tap: the same job
    expect(again.status).toBe(200);
    expect(again.body.job.id).toBe(first.id);

    const { runImportJobs } = await import('../../functions/src/requests/domain/hotline-import-jobs');
    await Promise.all([runImportJobs(deps, new Date(), 2000), runImportJobs(deps, new Date(), 2000)]); // two ticks at once
    const done = await job(first.id);
    expect(done).toMatchObject({ status: 'done', total: 234, processed: 234, imported: 231, duplicates: 1, failed: 2, error: null });
    expect(done.failures).toEqual([
      { row: 3, externalId: `A-${run}-2`, reason: expect.stringContaining('工单内容') },
      { row: 4, externalId: `A-${run}-3`, reason: expect.stringContaining('热线时限') },
    ]);

    const id = (await deps.requests.idOfHotlineTicket('12345', `A-${run}-1`))!;
    const item = (await deps.requests.get(id))!;
    expect(item).toMatchObject({ gridId: 'gd-ms-2', categoryId: 'fix-manhole', description: '名山路12号门口井盖松动, 夜间危险' });
    expect(item.hotline).toMatchObject({ dueAt: '2026-12-20T10:00:00.000Z' });
    expect((await deps.requests.get((await deps.requests.idOfHotlineTicket('12345', `F-${run}-7`))!))!.description).toBe('市民来电反映第7号楼垃圾未清运，"急"');
  });

  it('never duplicates a ticket when the same file is imported again', async () => {
    const fileKey = await upload(street, csv);
    const res = await start(fileKey, `imp-${run}-2`);
    const { runImportJobs } = await import('../../functions/src/requests/domain/hotline-import-jobs');
    await runImportJobs(deps, new Date(), 2000);
    expect(await job(res.body.job.id)).toMatchObject({ status: 'done', imported: 0, duplicates: 232, failed: 2 });
  });

  it('reads JSON lines, one ticket a line, and reports lines that are not tickets', async () => {
    const lines = [
      JSON.stringify({ externalId: `J-${run}-1`, text: '佛光社区居民咨询医保报销', communityId: 'cm-foguang' }),
      '{not json',
      '',
      JSON.stringify({ externalId: `J-${run}-2`, text: '无社区无位置' }),
    ].join('\n');
    const res = await start(await upload(street, lines, 'application/x-ndjson'), `imp-${run}-3`);
    expect(res.body.job).toMatchObject({ status: 'done', total: 3, imported: 1, failed: 2 });
    expect(res.body.job.failures).toEqual([
      { row: 2, externalId: null, reason: '不是有效的 JSON' },
      { row: 4, externalId: `J-${run}-2`, reason: '工单位置不在任何网格内，请提供所属社区' },
    ]);
  });

  it('fails a file without the required columns, with the reason', async () => {
    const res = await start(await upload(street, '编号,内容\n1,2\n'), `imp-${run}-4`);
    expect(res.body.job).toMatchObject({ status: 'failed', error: '表头缺少列：工单编号（externalId）、工单内容（text）' });
  });

  it('checks who imports what: own uploads only, an idempotency key, admins only', async () => {
    const mine = await upload(street, csv);
    const other = await api.tokenFor('community_admin');
    const res = await start(mine, `imp-${run}-5`, other);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ field: 'fileKey', message: '只能导入自己上传的文件' }]);
    expect((await api.call('POST', '/hotline/imports', { token: street, body: { fileKey: mine } })).status).toBe(400);
    expect((await start(mine, `imp-${run}-6`, await api.tokenFor('grid_worker'))).status).toBe(403);
    const bad = await start('uploads/x/notakey.exe', `imp-${run}-7`);
    expect(bad.body.error.fields[0].field).toBe('fileKey');
    expect((await api.call('GET', '/hotline/imports/NOSUCHJOB', { token: street })).status).toBe(404);
  });
});
