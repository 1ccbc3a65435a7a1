/**
 * /openapi.json lints clean with Redocly's recommended rules, describes Open311 as it answers, and
 * the checker the integration tests run every answer through does refuse what the document does not say.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { openApiDocument, routeList } from '../../functions/src/api';
import { responseChecker } from '../support/openapi-check';

const doc = openApiDocument() as Record<string, any>;

describe('/openapi.json', () => {
  it('lints clean with the recommended rules (no errors, no warnings)', () => {
    const run = spawnSync(process.execPath, [path.join(__dirname, '../support/openapi-lint.mjs')], {
      input: JSON.stringify(doc),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it('has one operation per route, each with an operationId, a tag, a 2xx and a 4xx answer', () => {
    const ops = Object.values(doc.paths as Record<string, Record<string, any>>).flatMap((item) => Object.values(item));
    expect(ops.map((o) => o.operationId).sort()).toEqual(routeList.map((r) => r.name).sort());
    for (const op of ops) {
      expect(op.tags).toHaveLength(1);
      expect(Object.keys(op.responses).some((s) => s.startsWith('2'))).toBe(true);
      expect(Object.keys(op.responses).some((s) => s.startsWith('4'))).toBe(true);
    }
  });

  it('describes Open311 as it answers: .json paths, form-encoded POST, errors as a list, key-less public reads', () => {
    const paths = doc.paths as Record<string, Record<string, any>>;
    expect(Object.keys(paths).filter((p) => p.startsWith('/open311/')).sort()).toEqual([
      '/open311/v2/requests.json',
      '/open311/v2/requests/{id}.json',
      '/open311/v2/services.json',
      '/open311/v2/services/{code}.json',
    ]);
    const post = paths['/open311/v2/requests.json']!.post;
    expect(Object.keys(post.requestBody.content)).toContain('application/x-www-form-urlencoded');
    const fields = post.requestBody.content['application/x-www-form-urlencoded'].schema;
    expect(fields.required).toEqual(['service_code', 'description']);
    expect(Object.keys(fields.properties)).toEqual(expect.arrayContaining(['api_key', 'lat', 'long', 'address_string', 'media_url']));
    expect(post.parameters.map((p: { name: string; in: string }) => `${p.in} ${p.name}`)).toEqual(['header Idempotency-Key']);
    expect(Object.keys(post.responses).sort()).toEqual(['201', '400', '403', '500']);
    expect(post.security).toEqual([{ partnerKey: [] }]);
    const services = paths['/open311/v2/services.json']!.get;
    expect(services.security).toEqual([{ partnerKey: [] }, {}]);
    expect(services.parameters.map((p: { name: string }) => p.name)).toEqual(['jurisdiction_id']);
    expect(Object.keys(services.responses).sort()).toEqual(['200', '400', '403', '404', '500']);
    const code = paths['/open311/v2/services/{code}.json']!.get.parameters[0];
    expect(code).toMatchObject({ name: 'code', in: 'path', schema: { pattern: '^[A-Za-z0-9_-]{1,64}$' } });
    expect(doc.components.responses.Open311Error403.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Open311Errors' });
    expect(doc.components.schemas.Open311Errors).toMatchObject({ type: 'array', items: { required: ['code', 'description'] } });
  });

  it('spells out records keyed by an enum, so that every required property is defined', () => {
    const categories = doc.paths['/request-categories'].get.responses['200'].content['application/json'].schema;
    const deadlines = categories.properties.groups.items.properties.categories.items.properties.deadlines;
    expect(Object.keys(deadlines.properties)).toEqual(deadlines.required);
  });
});

describe('the answer checker', () => {
  const checker = responseChecker(doc);

  it('accepts an answer as the document says', () => {
    const ok = checker.check({ method: 'GET', path: '/health', status: 200, contentType: 'application/json; charset=utf-8', body: { ok: true, stage: 'local', time: new Date().toISOString() } });
    expect(ok).toEqual({ operation: 'health', problems: [] });
    const open311 = checker.check({ method: 'GET', path: '/open311/v2/services/fix-road.json?jurisdiction_id=st-x', status: 404, body: [{ code: 404, description: 'no such service' }] });
    expect(open311).toEqual({ operation: 'open311Service', problems: [] });
  });

  it('refuses a wrong body, an undeclared status and an error of the wrong shape', () => {
    const wrong = checker.check({ method: 'GET', path: '/health', status: 200, body: { ok: 'yes' } });
    expect(wrong.operation).toBe('health');
    expect(wrong.problems.join('\n')).toMatch(/body\/ok must be boolean/);
    expect(wrong.problems.join('\n')).toMatch(/must have required property 'stage'/);
    expect(checker.check({ method: 'GET', path: '/health', status: 418, body: {} }).problems).toEqual([expect.stringMatching(/status 418 is not declared/)]);
    // Open311 errors are a list, never the JSON API's {error: …}.
    const open311 = checker.check({ method: 'GET', path: '/open311/v2/requests.json', status: 403, body: { error: { code: 'forbidden', message: 'x' } } });
    expect(open311.problems.join('\n')).toMatch(/must be array/);
    // Nor does an Open311 route answer 401.
    expect(checker.check({ method: 'GET', path: '/open311/v2/requests.json', status: 401, body: [] }).problems).toHaveLength(1);
    // Extra fields leak nothing unnoticed: the response schemas are closed.
    expect(checker.check({ method: 'GET', path: '/health', status: 200, body: { ok: true, stage: 'local', time: new Date().toISOString(), secret: 1 } }).problems).not.toEqual([]);
  });

  it('matches a literal path before a variable one and leaves paths outside the API alone', () => {
    expect(checker.check({ method: 'GET', path: '/stations/nearby?lat=1&lng=2', status: 400, body: { error: { code: 'validation_failed', message: 'x' } } }).operation).toBe('stationsNearby');
    expect(checker.check({ method: 'GET', path: '/nope', status: 404, body: {} })).toEqual({ operation: null, problems: [] });
  });
});
