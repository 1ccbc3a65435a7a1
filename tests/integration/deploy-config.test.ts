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
    { tag: '!Sub', resolve: (v: string) => ({ 'Fn::Sub': v }) },
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

  it('stays well under CloudFormation’s 500 resources with twice the routes (roles per function and alarms included)', () => {
    const count = (type: string) => resources.filter((r) => r.Type === type).length;
    expect(count('AWS::IAM::Role')).toBe(count('AWS::Lambda::Function') + 1); // + the read-only routes' role
    const routes = count('AWS::ApiGatewayV2::Route');
    const total = Object.keys(template.Resources).length;
    // What another route costs: its Route resource only (it joins its job's function and integration).
    const perRoute = 1;
    const projected = total + routes * perRoute; // twice the routes
    expect(routes).toBe(routeList.length);
    // CloudFormation's hard limit is 500: twice today's routes must still leave a hundred to spare.
    expect(projected).toBeLessThan(400);
  });

  it('creates a private, encrypted photo bucket', () => {
    const bucket = template.Resources.UploadBucket!;
    expect(bucket.Type).toBe('AWS::S3::Bucket');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.BucketEncryption).toBeDefined();
  });

  describe('least privilege', () => {
    const fns = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    const roleOf = (fn: { Properties: any }) => template.Resources[fn.Properties.Role['Fn::GetAtt'][0]]!;
    const statementsOf = (role: { Properties: any }): any[] => role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
    const nameOf = (fn: { Properties: any }) => String(fn.Properties.FunctionName).replace(/^linli-dev-/, '');
    const policyFile = JSON.parse(readFileSync(path.join(ROOT, 'functions/src/platform/adapters/dynamodb/access-policy.json'), 'utf8')) as { functions: Record<string, { write: string[]; uploads?: boolean; secrets?: string[] }> };

    it('gives every function a role of its own', () => {
      const roles = fns.map(([, f]) => f.Properties.Role['Fn::GetAtt'][0]);
      expect(new Set(roles).size).toBe(fns.length);
      expect(fns.map(([, f]) => nameOf(f)).sort()).toEqual(Object.keys(policyFile.functions).sort());
      expect(resources.filter((r) => r.Type === 'AWS::IAM::Role')).toHaveLength(fns.length + 1); // + the read-only routes' role; no shared default role left
    });

    it('has no wildcard action or resource anywhere, and builds every ARN with the partition (aws-cn works)', () => {
      for (const role of resources.filter((r) => r.Type === 'AWS::IAM::Role')) {
        for (const st of statementsOf(role)) {
          for (const a of [st.Action].flat()) expect(a).toMatch(/^[a-z0-9]+:[A-Za-z]+$/); // no '*', no 'dynamodb:*'
          for (const r of [st.Resource].flat()) {
            const text = JSON.stringify(r);
            expect(text).not.toBe('"*"');
            if (text.includes('arn:')) expect(text).toContain('arn:${AWS::Partition}:');
            expect(text).not.toMatch(/arn:aws(-cn)?:/);
          }
        }
        for (const arn of role.Properties.ManagedPolicyArns ?? []) expect(JSON.stringify(arn)).toContain('arn:${AWS::Partition}:iam::aws:policy/');
      }
    });

    it('lets a function read the table and its indexes (never Scan) and write only the partition keys its job owns', () => {
      for (const [, fn] of fns) {
        const statements = statementsOf(roleOf(fn));
        const policy = policyFile.functions[nameOf(fn)]!;
        const dynamo = statements.filter((st) => [st.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
        expect(dynamo.flatMap((st) => [st.Action].flat())).not.toContain('dynamodb:Scan');
        const writes = dynamo.filter((st) => [st.Action].flat().some((a: string) => /Put|Update|Delete|Write/.test(a)));
        if (!policy.write.length) expect(writes).toEqual([]);
        else {
          expect(writes).toHaveLength(1);
          expect(writes[0].Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': policy.write } });
          expect(JSON.stringify(writes[0].Resource)).not.toContain('/index/');
        }
        for (const st of dynamo) expect(JSON.stringify(st.Resource)).toContain('MainTable');
      }
    });

    it('runs GET routes as a role that reads and writes only the token cache, which each function may assume and nothing else', () => {
      const reader = template.Resources.ReadOnlyRouteRole!;
      const statements = statementsOf(reader);
      expect(statements.flatMap((st) => [st.Action].flat()).sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
      const writes = statements.filter((st) => [st.Action].flat().some((a: string) => /Put|Update/.test(a)));
      expect(writes).toEqual([expect.objectContaining({ Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['WXTOKEN#*'] } } })]);
      const trusted = reader.Properties.AssumeRolePolicyDocument.Statement[0].Condition.ArnEquals['aws:PrincipalArn'].map((a: any) => a['Fn::Sub']);
      for (const [, fn] of fns) {
        const name = nameOf(fn);
        expect(roleOf(fn).Properties.RoleName).toEqual({ 'Fn::Sub': `linli-dev-${name}-\${AWS::Region}` });
        expect(trusted).toContain(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/linli-dev-${name}-\${AWS::Region}`);
        const assume = statementsOf(roleOf(fn)).filter((st) => [st.Action].flat().includes('sts:AssumeRole'));
        const arn = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/linli-dev-readonly-${AWS::Region}' };
        expect(assume).toEqual([expect.objectContaining({ Resource: [arn] })]);
        expect(fn.Properties.Environment.Variables.READONLY_ROLE_ARN).toEqual(arn);
      }
      expect(reader.Properties.RoleName).toEqual({ 'Fn::Sub': 'linli-dev-readonly-${AWS::Region}' });
    });

    it('lets only the functions that sign or show photos touch the bucket, under uploads/', () => {
      for (const [, fn] of fns) {
        const s3 = statementsOf(roleOf(fn)).filter((st) => [st.Action].flat().some((a: string) => a.startsWith('s3:')));
        if (!policyFile.functions[nameOf(fn)]!.uploads) expect(s3).toEqual([]);
        else {
          expect(s3).toHaveLength(1);
          expect(JSON.stringify(s3[0].Resource)).toContain('/uploads/*');
        }
      }
    });

    it('reads secrets from its own Parameter Store names; no secret in the environment or the template', () => {
      for (const [, fn] of fns) {
        const env = fn.Properties.Environment.Variables as Record<string, unknown>;
        expect(Object.keys(env).filter((k) => /SECRET|TOKEN|PASSWORD/.test(k) && k !== 'SECRETS_PATH')).toEqual([]);
        expect(env.SECRETS_PATH).toBe('/linli/dev/');
        const ssm = statementsOf(roleOf(fn)).filter((st) => [st.Action].flat().some((a: string) => a.startsWith('ssm:')));
        expect(ssm.flatMap((st) => [st.Action].flat())).toEqual(['ssm:GetParameters']);
        expect(JSON.stringify(ssm[0].Resource)).toContain(':parameter/linli/dev/');
      }
      const text = JSON.stringify(template);
      for (const placeholder of ['package-only-placeholder-secret', 'local-demo-secret']) expect(text).not.toContain(placeholder);
    });
  });

  it('traces every function, logs every HTTP request, and alarms on 5xx, throttles, tick failures and the outbox backlog', () => {
    for (const [, fn] of Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function')) {
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
    const stage = resources.find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!;
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status', routeKey: '$context.routeKey' });
    const alarms = Object.fromEntries(Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm'));
    expect(Object.keys(alarms).sort()).toEqual(['ApiServerErrorsAlarm', 'OutboxBacklogAlarm', 'ThrottlesAlarm', 'TickFailuresAlarm']);
    for (const a of Object.values(alarms)) expect(a.Properties.AlarmActions).toEqual([{ Ref: 'AlarmTopic' }]);
    expect(alarms.OutboxBacklogAlarm!.Properties).toMatchObject({ Namespace: 'Linli', MetricName: 'OutboxOldestDueSeconds', Threshold: 600, TreatMissingData: 'breaching' });
    const throttled = alarms.ThrottlesAlarm!.Properties.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.Dimensions[0].Value);
    expect(throttled.sort()).toEqual(Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function').map((f) => f.Properties.FunctionName).sort());
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
