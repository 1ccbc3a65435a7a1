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
    const ops = new Map<string, any>();
    for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(item)) ops.set(op.operationId, { ...op, method, path });
    }
    for (const r of routeList) {
      const op = ops.get(r.name);
      expect(op).toBeDefined();
      expect(op.method).toBe(r.method.toLowerCase());
      // Open311 paths end in `.json` as clients call them (the route variable captures the suffix).
      expect(r.wrap ? op.path.replace(/\{(\w+)\}\.json$/, '{$1}') : op.path).toBe(r.path);
      expect(op.responses[String(r.status)]).toBeDefined();
      if (r.body) expect(op.requestBody.content['application/json'].schema).toBeDefined();
    }
    const nearby = res.body.paths['/stations/nearby'].get;
    expect(nearby.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['lat', 'lng', 'radius', 'amenities', 'openNow', 'limit']),
    );
  });
});
