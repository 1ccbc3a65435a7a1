/**
 * Filing a request as residents need it (issue 11): the staff-only hotline category is not offered to
 * residents and refused when they file it, while staff paths keep filing it; categories say which
 * emergency they may be; every resident filing gets a request number (受理编号) to quote on the phone.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CategoriesResponse, type Category, HotlineImportResponse, Open311ServiceList, REQUEST_NUMBER, RequestResponse } from '@linli/shared';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { shanghaiDate } from '../../functions/src/platform/domain/opening-hours';
import { idemKey, inGrid1, inGrid2, requestBody, submitRequest } from '../support/builders';
import { startTestApi, type TestApi } from '../support/harness';

describe('filing a request: staff-only categories, emergencies, request numbers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const categoriesAs = async (role: 'resident' | 'building_leader' | 'grid_worker' | 'community_admin'): Promise<Category[]> => {
    const res = await api.call('GET', '/request-categories', { token: await api.tokenFor(role) });
    expect(res.status).toBe(200);
    return CategoriesResponse.parse(res.body).groups.flatMap((g) => g.categories);
  };
  const today = () => shanghaiDate(new Date()).replace(/-/g, '');

  it('offers residents no staff-only category; staff who file hotline items still see it', async () => {
    for (const role of ['resident', 'building_leader'] as const) {
      const cats = await categoriesAs(role);
      expect(cats.length).toBeGreaterThanOrEqual(30);
      expect(cats.find((c) => c.id === 'hotline-other')).toBeUndefined();
      expect(cats.every((c) => !c.staffOnly)).toBe(true);
    }
    for (const role of ['grid_worker', 'community_admin'] as const) {
      expect((await categoriesAs(role)).find((c) => c.id === 'hotline-other')).toMatchObject({ staffOnly: true, name: '12345 热线转办（待分类）' });
    }
  });

  it('serves the emergency each category may be', async () => {
    const cats = await categoriesAs('resident');
    const flag = (id: string) => cats.find((c) => c.id === id)!.emergency;
    expect(flag('safe-gas')).toBe('gas');
    expect(flag('safe-fire')).toBe('fire');
    expect(flag('care-elderly')).toBe('medical');
    expect(flag('care-child')).toBe('police');
    expect(flag('fix-streetlight')).toBeNull();
    expect(cats.filter((c) => c.emergency !== null).map((c) => c.id).sort()).toEqual(['care-child', 'care-elderly', 'safe-building', 'safe-fire', 'safe-gas', 'safe-wire']);
  });

  it('refuses a resident (or a building leader) filing the staff-only category, under categoryId', async () => {
    for (const role of ['resident', 'building_leader'] as const) {
      const res = await submitRequest(api, await api.tokenFor(role), requestBody({ categoryId: 'hotline-other', description: '想走热线转办的类别试试' }));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields).toEqual([{ field: 'categoryId', message: '“12345 热线转办（待分类）”仅供工作人员使用，请选择其他问题类别' }]);
    }
  });

  it('lets staff paths file it: a grid worker on the form, the hotline import; Open311 partners are refused', async () => {
    const patrol = await submitRequest(api, await api.tokenFor('grid_worker'), requestBody({ categoryId: 'hotline-other', description: '12345 转来的电话，已记下待分类' }));
    expect(patrol.status).toBe(201);
    expect(RequestResponse.parse(patrol.body).request).toMatchObject({ categoryId: 'hotline-other', source: 'patrol' });

    const imported = await api.call('POST', '/hotline/tickets', {
      body: { tickets: [{ externalId: `HL-FILING-${Date.now()}`, text: '市民来电咨询，类别待定', communityId: 'cm-mingshan' }] },
      headers: { 'x-api-key': 'demo-hotline-key' },
    });
    const out = HotlineImportResponse.parse(imported.body);
    expect(out.created).toBe(1);
    const item = RequestResponse.parse((await api.call('GET', `/requests/${out.items[0]!.requestId}`, { token: await api.tokenFor('community_admin') })).body).request;
    expect(item).toMatchObject({ categoryId: 'hotline-other', source: 'hotline', number: null });

    const services = Open311ServiceList.parse((await api.call('GET', '/open311/v2/services.json?api_key=demo-open311-key')).body);
    expect(services.find((s) => s.service_code === 'hotline-other')).toBeUndefined();
    const form = new URLSearchParams({ api_key: 'demo-open311-key', service_code: 'hotline-other', lat: '29.605', long: '103.474', description: '合作方想提交热线类别' });
    const posted = await api.call('POST', '/open311/v2/requests.json', { rawBody: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(posted.status).toBe(400);
  });

  it('gives each filing a request number of the China day, the same one when replayed, shown on the item', async () => {
    const token = await api.tokenFor('resident');
    const key = idemKey('num');
    const body = requestBody({ categoryId: 'fix-streetlight', description: '编号测试：路灯不亮', location: inGrid1 });
    const first = RequestResponse.parse((await submitRequest(api, token, body, key)).body).request;
    expect(first.number).toMatch(REQUEST_NUMBER);
    expect(first.number!.slice(0, 8)).toBe(today());
    const replay = await submitRequest(api, token, body, key);
    expect(replay.status).toBe(200);
    expect(RequestResponse.parse(replay.body).request.number).toBe(first.number);
    const read = RequestResponse.parse((await api.call('GET', `/requests/${first.id}`, { token })).body).request;
    expect(read.number).toBe(first.number);
    // The grid worker handling it reads the same number.
    const staff = RequestResponse.parse((await api.call('GET', `/requests/${first.id}`, { token: await api.tokenFor('grid_worker') })).body).request;
    expect(staff.number).toBe(first.number);
  });

  it('finds an item by the number a resident reads out, for the staff who may see it only', async () => {
    const token = await api.tokenFor('resident');
    const filed = RequestResponse.parse((await submitRequest(api, token, requestBody({ description: '编号查找测试：井盖松动', location: inGrid1 }))).body).request;
    const n = filed.number!;
    const find = async (as: 'grid_worker' | 'community_admin' | 'resident', q: string) =>
      api.call('GET', `/staff/requests/by-number/${encodeURIComponent(q)}`, { token: await api.tokenFor(as) });

    // As printed, or as typed from the phone call: spaces, no dash, a full-width dash.
    for (const q of [n, n.replace('-', ''), `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(9)}`, n.replace('-', '－')]) {
      const res = await find('grid_worker', q);
      expect(res.status).toBe(200);
      expect(RequestResponse.parse(res.body).request.id).toBe(filed.id);
    }
    expect(RequestResponse.parse((await find('community_admin', n)).body).request.id).toBe(filed.id);

    const unknown = await find('grid_worker', `${n.slice(0, 8)}-9999`);
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain('没有受理编号为');
    const junk = await find('grid_worker', '2026年12月');
    expect(junk.status).toBe(400);
    expect(JSON.stringify(junk.body)).toContain('受理编号是 8 位日期加 4 位序号');
    // Not for residents; and not an item of another grid.
    expect((await find('resident', n)).status).toBe(403);
    const elsewhere = RequestResponse.parse((await submitRequest(api, token, requestBody({ description: '编号查找测试：二网格路灯', location: inGrid2 }))).body).request;
    expect(elsewhere.gridId).not.toBe(filed.gridId);
    expect((await find('grid_worker', elsewhere.number!)).status).toBe(403);
  });

  it('gives concurrent filings distinct numbers, and skips a number already held (a counter reset)', async () => {
    const token = await api.tokenFor('resident');
    const filed = await Promise.all(
      Array.from({ length: 8 }, (_, i) => submitRequest(api, token, requestBody({ description: `并发编号测试 第 ${i + 1} 件` }))),
    );
    expect(filed.map((r) => r.status)).toEqual(Array(8).fill(201));
    const numbers = filed.map((r) => RequestResponse.parse(r.body).request.number!);
    expect(new Set(numbers).size).toBe(8);

    // The day's counter goes back (a restore, a mistake): the next filing must not reuse a number held.
    const doc = makeDocumentClient({ region: 'local', endpoint: process.env.LINLI_TEST_DB! });
    const counter = { PK: `REQNO#${today()}`, SK: 'COUNTER' };
    const seqOf = (n: string) => Number(n.split('-')[1]);
    const highest = Math.max(...numbers.map(seqOf));
    const numberOf = (seq: number) => `${today()}-${String(seq).padStart(4, '0')}`;
    try {
      await doc.send(new UpdateCommand({ TableName: api.stack.table, Key: counter, UpdateExpression: 'SET seq = :s', ExpressionAttributeValues: { ':s': highest - 2 } }));
      const next = RequestResponse.parse((await submitRequest(api, token, requestBody({ description: '计数器回退后的编号' }))).body).request;
      expect(next.number).toBe(numberOf(highest + 1));
      // Even with the counter gone, the day's numbers continue after the highest held.
      await doc.send(new DeleteCommand({ TableName: api.stack.table, Key: counter }));
      const fresh = RequestResponse.parse((await submitRequest(api, token, requestBody({ description: '计数器清空后的编号' }))).body).request;
      expect(fresh.number).toBe(numberOf(highest + 2));
    } finally {
      doc.destroy();
    }
  });
});
