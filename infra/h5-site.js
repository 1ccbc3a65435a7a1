// @ts-check
/**
 * The H5 site (staff on PCs, links opened outside WeChat): a private S3 bucket behind CloudFront.
 * serverless.yml includes it with one line (`resources: - ${file(./infra/h5-site.js):cloudFormation}`);
 * `node infra/deploy-h5.mjs` uploads client/dist/h5 into the bucket (see README, "Deploying for real").
 *
 * - The bucket is private: every public access blocked; CloudFront reads it through an Origin Access
 *   Control (SigV4), allowed by a bucket policy for this distribution only.
 * - CloudFront compresses (brotli or gzip, as the browser's Accept-Encoding allows): the objects are
 *   stored uncompressed, so every client gets what it can read.
 * - Hashed assets (`js/`, `chunk/`, `css/`, `static/`: names carry a content hash) are cached at the
 *   edge for a year, and the objects carry `Cache-Control: public, max-age=31536000, immutable` for
 *   browsers; everything else (index.html) is `no-cache` and is revalidated on every visit, so a
 *   deploy shows at once without an invalidation.
 * - SPA fallback: a path with no object (S3 answers 403 to CloudFront) is answered with index.html.
 *
 * AWS China (cn-north-1, cn-northwest-1): CloudFront there serves only an ICP-filed (备案) domain of
 * your own, with its certificate imported into IAM (not ACM); the distribution's *.cloudfront.cn name
 * does not serve content. Set LINLI_H5_DOMAIN (e.g. h5.example.cn) and LINLI_H5_CERTIFICATE (the IAM
 * server certificate id; an ACM certificate ARN in us-east-1 outside China) at deploy time.
 */

/** Hashed asset folders of the H5 build (client/config/index.ts `h5.output`, `staticDirectory`). */
const HASHED_PREFIXES = ['js/*', 'chunk/*', 'css/*', 'static/*'];
const YEAR = 31536000;

/** The custom domain and its certificate, when given (required in AWS China). */
function viewerSettings() {
  const domain = process.env.LINLI_H5_DOMAIN;
  const certificate = process.env.LINLI_H5_CERTIFICATE;
  if (!domain) return {};
  if (!certificate) throw new Error('LINLI_H5_DOMAIN needs LINLI_H5_CERTIFICATE (IAM server certificate id, or an ACM ARN outside China)');
  return {
    Aliases: [domain],
    ViewerCertificate: {
      ...(certificate.startsWith('arn:') ? { AcmCertificateArn: certificate } : { IamCertificateId: certificate }),
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    },
  };
}

/** Compression needs the encodings in the cache key: one cached copy per encoding. */
const cacheKey = {
  EnableAcceptEncodingBrotli: true,
  EnableAcceptEncodingGzip: true,
  CookiesConfig: { CookieBehavior: 'none' },
  HeadersConfig: { HeaderBehavior: 'none' },
  QueryStringsConfig: { QueryStringBehavior: 'none' },
};

function cloudFormation() {
  return {
    Resources: {
      H5Bucket: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        },
      },
      H5OriginAccessControl: {
        Type: 'AWS::CloudFront::OriginAccessControl',
        Properties: {
          OriginAccessControlConfig: {
            Name: 'linli-${sls:stage}-h5',
            OriginAccessControlOriginType: 's3',
            SigningBehavior: 'always',
            SigningProtocol: 'sigv4',
          },
        },
      },
      H5BucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'H5Bucket' },
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'CloudFrontReadsThroughOAC',
                Effect: 'Allow',
                Principal: { Service: 'cloudfront.amazonaws.com' },
                Action: 's3:GetObject',
                Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['H5Bucket', 'Arn'] }, '/*']] },
                Condition: {
                  StringEquals: {
                    // (Fn::Join, not Fn::Sub: the framework would read `${…}` as its own variables.)
                    'AWS:SourceArn': {
                      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::', { Ref: 'AWS::AccountId' }, ':distribution/', { Ref: 'H5Distribution' }]],
                    },
                  },
                },
              },
            ],
          },
        },
      },
      H5ImmutableCachePolicy: {
        Type: 'AWS::CloudFront::CachePolicy',
        Properties: {
          CachePolicyConfig: {
            Name: 'linli-${sls:stage}-h5-immutable',
            Comment: 'Hashed H5 assets: a year at the edge',
            MinTTL: YEAR,
            DefaultTTL: YEAR,
            MaxTTL: YEAR,
            ParametersInCacheKeyAndForwardedToOrigin: cacheKey,
          },
        },
      },
      H5RevalidateCachePolicy: {
        Type: 'AWS::CloudFront::CachePolicy',
        Properties: {
          CachePolicyConfig: {
            Name: 'linli-${sls:stage}-h5-revalidate',
            Comment: 'index.html: the object says no-cache, so the edge asks S3 on every visit',
            MinTTL: 0,
            DefaultTTL: 0,
            MaxTTL: 60,
            ParametersInCacheKeyAndForwardedToOrigin: cacheKey,
          },
        },
      },
      H5Distribution: {
        Type: 'AWS::CloudFront::Distribution',
        Properties: {
          DistributionConfig: {
            Enabled: true,
            Comment: 'Linli H5 (${sls:stage})',
            HttpVersion: 'http2and3',
            IPV6Enabled: true,
            DefaultRootObject: 'index.html',
            ...viewerSettings(),
            Origins: [
              {
                Id: 'h5-bucket',
                DomainName: { 'Fn::GetAtt': ['H5Bucket', 'RegionalDomainName'] },
                S3OriginConfig: { OriginAccessIdentity: '' },
                OriginAccessControlId: { 'Fn::GetAtt': ['H5OriginAccessControl', 'Id'] },
              },
            ],
            DefaultCacheBehavior: {
              TargetOriginId: 'h5-bucket',
              ViewerProtocolPolicy: 'redirect-to-https',
              AllowedMethods: ['GET', 'HEAD'],
              CachedMethods: ['GET', 'HEAD'],
              Compress: true,
              CachePolicyId: { Ref: 'H5RevalidateCachePolicy' },
            },
            CacheBehaviors: HASHED_PREFIXES.map((PathPattern) => ({
              PathPattern,
              TargetOriginId: 'h5-bucket',
              ViewerProtocolPolicy: 'redirect-to-https',
              AllowedMethods: ['GET', 'HEAD'],
              CachedMethods: ['GET', 'HEAD'],
              Compress: true,
              CachePolicyId: { Ref: 'H5ImmutableCachePolicy' },
            })),
            // Client-side routes: S3 answers 403 (no ListBucket) or 404 for a path without an object.
            CustomErrorResponses: [403, 404].map((ErrorCode) => ({ ErrorCode, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 })),
          },
        },
      },
    },
    Outputs: {
      H5BucketName: { Value: { Ref: 'H5Bucket' } },
      H5DistributionId: { Value: { Ref: 'H5Distribution' } },
      H5Url: { Value: process.env.LINLI_H5_DOMAIN ? `https://${process.env.LINLI_H5_DOMAIN}` : { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['H5Distribution', 'DomainName'] }]] } },
    },
  };
}

module.exports = { cloudFormation, HASHED_PREFIXES };
