/**
 * serverless.yml and the generated CloudFormation agree with the route table and infra/tables.js.
 * `npm test` runs `npm run package` (osls package, offline) before jest.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { routeList } from '../../functions/src/api';
import { INDEX, TTL_ATTRIBUTE } from '../../infra/tables';

const ROOT = path.resolve(__dirname, '../..');
const TEMPLATE = path.join(ROOT, '.serverless/cloudformation-template-update-stack.json');

interface HttpEvent {
  httpApi?: { method: string; path: string };
  schedule?: string;
}

describe('serverless.yml', () => {
  const yml = parse(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8'), { customTags: [
    { tag: '!GetAtt', resolve: (v: string) => ({ 'Fn::GetAtt': v }) },
    { tag: '!Ref', resolve: (v: string) => ({ Ref: v }) },
    { tag: '!Join', collection: 'seq', resolve: (v: unknown) => ({ 'Fn::Join': v }) },
  ] }) as { provider: { runtime: string }; functions: Record<string, { handler: string; events: HttpEvent[] }> };

  it('deploys to the nodejs24.x runtime', () => {
    expect(yml.provider.runtime).toBe('nodejs24.x');
  });

  it('declares one function per job, serving exactly the routes that job declares', () => {
    const declared = Object.entries(yml.functions)
      .filter(([, f]) => f.events[0]!.httpApi)
      .flatMap(([name, f]) =>
        f.events.map((e) => ({ slice: name, handler: f.handler, method: e.httpApi!.method, path: e.httpApi!.path })),
      );
    const expected = routeList.map((r) => ({
      slice: r.slice,
      handler: `functions/src/handlers/${r.slice}.handler`,
      method: r.method,
      path: r.path,
    }));
    const key = (x: { method: string; path: string }) => `${x.method} ${x.path}`;
    expect(declared.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('runs the tick every minute', () => {
    expect(yml.functions.tick).toMatchObject({
      handler: 'functions/src/handlers/tick.handler',
      events: [{ schedule: 'rate(1 minute)' }],
    });
  });

  it('points every job at a handler module that exists', () => {
    for (const r of routeList) expect(existsSync(path.join(ROOT, `functions/src/handlers/${r.slice}.ts`))).toBe(true);
  });
});

describe('generated CloudFormation (npm run package)', () => {
  const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as { Resources: Record<string, { Type: string; Properties: any }> };
  const resources = Object.values(template.Resources);

  it('creates the main table with its indexes, TTL, point-in-time recovery and deletion protection', () => {
    const tables = resources.filter((r) => r.Type === 'AWS::DynamoDB::Table');
    expect(tables).toHaveLength(1);
    const t = tables[0]!.Properties;
    expect(t.GlobalSecondaryIndexes.map((g: { IndexName: string }) => g.IndexName).sort()).toEqual(Object.values(INDEX).sort());
    expect(t.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(t.DeletionProtectionEnabled).toBe(true);
    expect(t.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    expect(t.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('deploys an HTTP API route for every route in the route table', () => {
    const keys = resources.filter((r) => r.Type === 'AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
    expect(keys.sort()).toEqual(routeList.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('ships each function as its bundle alone: no source map inside, none linked, built for the runtime', () => {
    const zips = readdirSync(path.join(ROOT, '.serverless')).filter((n) => n.endsWith('.zip')).map((n) => path.join(ROOT, '.serverless', n));
    expect(zips).toHaveLength(resources.filter((r) => r.Type === 'AWS::Lambda::Function').length);
    for (const zip of zips) {
      const names = zipEntries(readFileSync(zip));
      expect(names).toHaveLength(1);
      expect(names[0]).toMatch(/^functions\/src\/handlers\/\w+\.js$/);
      expect(statSync(zip).size).toBeLessThan(700_000);
    }
    const built = readFileSync(path.join(ROOT, '.esbuild/.build/functions/src/handlers/requests.js'), 'utf8');
    expect(built).not.toMatch(/sourceMappingURL/);
    expect(existsSync(path.join(ROOT, '.serverless/sourcemaps/requests.js.map'))).toBe(true);
    expect(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8')).toMatch(/^ {4}target: node24$/m);
  });

  it('runs every function on nodejs24.x', () => {
    const fns = resources.filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(fns).toHaveLength(new Set(routeList.map((r) => r.slice)).size + 1); // + the tick
    expect(resources.filter((r) => r.Type === 'AWS::Events::Rule').map((r) => r.Properties.ScheduleExpression)).toEqual(['rate(1 minute)']);
    expect(new Set(fns.map((f) => f.Properties.Runtime))).toEqual(new Set(['nodejs24.x']));
  });

  it('stays well under CloudFormation’s 500 resources with twice the routes and a role and an alarm per function', () => {
    const count = (type: string) => resources.filter((r) => r.Type === type).length;
    const functions = count('AWS::Lambda::Function');
    const routes = count('AWS::ApiGatewayV2::Route');
    const total = Object.keys(template.Resources).length;
    // What another route costs: its Route resource only (it joins its job's function and integration).
    const perRoute = 1;
    const projected = total + routes * perRoute + functions * 2; // twice the routes; + an IAM role and an alarm per function
    expect(routes).toBe(routeList.length);
    // CloudFormation's hard limit is 500: twice today's routes must still leave a hundred to spare.
    expect(projected).toBeLessThan(400);
  });

  it('creates a private, encrypted photo bucket and lets functions sign only under uploads/', () => {
    const bucket = template.Resources.UploadBucket!;
    expect(bucket.Type).toBe('AWS::S3::Bucket');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.BucketEncryption).toBeDefined();
    const role = resources.find((r) => r.Type === 'AWS::IAM::Role')!;
    const statements = role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
    const s3 = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('s3:')));
    expect(s3).toHaveLength(1);
    expect(JSON.stringify(s3[0].Resource)).toContain('/uploads/*');
  });

  it('scopes IAM to the main table and its indexes, without Scan', () => {
    const role = resources.find((r) => r.Type === 'AWS::IAM::Role')!;
    const statements = role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
    const dynamo = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(1);
    expect(dynamo[0].Action).not.toContain('dynamodb:Scan');
    expect(JSON.stringify(dynamo[0].Resource)).toContain('MainTable');
    expect(JSON.stringify(dynamo[0].Resource)).not.toContain('"*"');
  });
});

/** The file names in a zip, read from its central directory (no unzip tool needed). */
function zipEntries(zip: Buffer): string[] {
  const names: string[] = [];
  for (let i = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])), at = zip.readUInt32LE(i + 16), n = zip.readUInt16LE(i + 10); n > 0; n--) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}
