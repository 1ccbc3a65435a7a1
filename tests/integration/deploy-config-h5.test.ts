/**
 * The H5 site as deployed (infra/h5-site.js in the CloudFormation `npm run package` writes) and as
 * uploaded (infra/deploy-h5.mjs): a private bucket read by CloudFront only, compression on, hashed
 * assets cached a year and index.html revalidated, client-side routes answered with index.html; the
 * objects carry the same Cache-Control as the local server sends.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheControlFor } from '../../infra/local/static-server';

const ROOT = path.resolve(__dirname, '../..');
const TEMPLATE = path.join(ROOT, '.serverless/cloudformation-template-update-stack.json');
const YEAR = 31536000;

describe('H5 site in the generated CloudFormation (npm run package)', () => {
  const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as { Resources: Record<string, { Type: string; Properties: any }>; Outputs: Record<string, unknown> };
  const R = template.Resources;
  const dist = R.H5Distribution!.Properties.DistributionConfig;
  const policy = (ref: { Ref: string }) => R[ref.Ref]!.Properties.CachePolicyConfig;

  it('is included from serverless.yml with one line', () => {
    expect(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8')).toMatch(/^ {2}- \$\{file\(\.\/infra\/h5-site\.js\):cloudFormation\}$/m);
    expect(template.Outputs).toHaveProperty('H5BucketName');
    expect(template.Outputs).toHaveProperty('H5Url');
  });

  it('keeps the bucket private: public access blocked, read only by this distribution through an Origin Access Control', () => {
    const bucket = R.H5Bucket!;
    expect(bucket.Type).toBe('AWS::S3::Bucket');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    expect(R.H5OriginAccessControl!.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    const [origin] = dist.Origins;
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': ['H5OriginAccessControl', 'Id'] });
    expect(origin.DomainName).toEqual({ 'Fn::GetAtt': ['H5Bucket', 'RegionalDomainName'] });
    const statements = R.H5BucketPolicy!.Properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(JSON.stringify(statements[0].Condition.StringEquals['AWS:SourceArn'])).toContain('"Ref":"H5Distribution"');
  });

  it('compresses everything (brotli and gzip in the cache key) and serves only HTTPS', () => {
    const behaviours = [dist.DefaultCacheBehavior, ...dist.CacheBehaviors];
    for (const b of behaviours) {
      expect(b.Compress).toBe(true);
      expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(policy(b.CachePolicyId).ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({ EnableAcceptEncodingBrotli: true, EnableAcceptEncodingGzip: true });
    }
  });

  it('caches hashed assets for a year at the edge and revalidates index.html', () => {
    expect(dist.CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern).sort()).toEqual(['chunk/*', 'css/*', 'js/*', 'static/*']);
    for (const b of dist.CacheBehaviors) expect(policy(b.CachePolicyId)).toMatchObject({ MinTTL: YEAR, DefaultTTL: YEAR, MaxTTL: YEAR });
    expect(dist.DefaultRootObject).toBe('index.html');
    expect(policy(dist.DefaultCacheBehavior.CachePolicyId)).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
  });

  it('answers paths without an object with index.html (client-side routes)', () => {
    expect(dist.CustomErrorResponses).toEqual(
      expect.arrayContaining([403, 404].map((ErrorCode) => ({ ErrorCode, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 }))),
    );
  });
});

describe('node infra/deploy-h5.mjs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'linli-deploy-h5-'));
    for (const [f, body] of Object.entries({
      'index.html': '<!doctype html><div id="app"></div>',
      'js/app.0123abcd.js': 'console.log(1)',
      'js/app.0123abcd.js.br': 'x',
      'js/app.0123abcd.js.gz': 'x',
      'js/vendors.89abcdef.js.LICENSE.txt': 'MIT',
      'css/app.a1b2c3d4.css': 'body{}',
      'static/images/logo.5f5f5f5f.png': 'png',
    })) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), body);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uploads each file with the Cache-Control the local server sends, no precompressed copies, index.html last', () => {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'infra/deploy-h5.mjs'), '--dry-run', '--dir', dir], { encoding: 'utf8' });
    const items = out.trim().split('\n').map((l) => JSON.parse(l) as { key: string; contentType: string; cacheControl: string });
    expect(items.map((i) => i.key)).toEqual([
      'css/app.a1b2c3d4.css',
      'js/app.0123abcd.js',
      'static/images/logo.5f5f5f5f.png',
      'js/vendors.89abcdef.js.LICENSE.txt',
      'index.html',
    ]);
    for (const i of items) expect(i.cacheControl).toBe(cacheControlFor(i.key));
    expect(items.find((i) => i.key === 'js/app.0123abcd.js')).toMatchObject({ cacheControl: 'public, max-age=31536000, immutable', contentType: 'application/javascript; charset=utf-8' });
    expect(items.find((i) => i.key === 'index.html')).toMatchObject({ cacheControl: 'no-cache', contentType: 'text/html; charset=utf-8' });
  });
});
