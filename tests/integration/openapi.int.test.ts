import { routeList } from '../../functions/src/api';
import { startTestApi, type TestApi } from '../support/harness';

describe('GET /openapi.json', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ seed: false });
  });
  afterAll(() => api.stop());

  it('is an OpenAPI 3.1 document covering every route with its schemas', async () => {
    const res = await api.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const r of routeList) {
      const op = res.body.paths[r.path]?.[r.method.toLowerCase()];
      expect(op).toBeDefined();
      expect(op.responses[String(r.status)]).toBeDefined();
      if (r.body) expect(op.requestBody.content['application/json'].schema).toBeDefined();
    }
    const nearby = res.body.paths['/stations/nearby'].get;
    expect(nearby.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['lat', 'lng', 'radius', 'amenities', 'openNow', 'limit']),
    );
  });
});
