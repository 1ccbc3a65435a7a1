// @ts-check
/**
 * One IAM role per Lambda function, with only what that function uses (serverless.yml:
 * `resources: ${file(./infra/roles.js):cloudFormation}`, `functions.<fn>.role: <Fn>Role`):
 * - DynamoDB: reads (GetItem, BatchGetItem, Query — never Scan) on the main table and its indexes;
 *   writes (PutItem, UpdateItem, DeleteItem, ConditionCheckItem, BatchWriteItem) only on the
 *   partition keys its job owns (`dynamodb:LeadingKeys`), from the same table the functions' own
 *   access guard enforces (functions/src/platform/adapters/dynamodb/access-policy.json), so the
 *   tests on DynamoDB Local catch a policy that is too narrow. A function that writes nothing gets
 *   no write action at all.
 * - its own log group; photos under uploads/ only for the functions that sign or show them; its own
 *   secrets under /linli/<stage>/ in SSM Parameter Store (SecureString, AWS-managed key).
 * - X-Ray through AWS's managed policy (its actions take no resource ARNs).
 * - A read-only role (`ReadOnlyRouteRole`) every function assumes for its GET routes: reads of the
 *   table and its indexes, and writes only to the WeChat token cache — so a GET route cannot write in
 *   AWS whatever its code does (functions/src/platform/adapters/dynamodb/client.ts routes the calls).
 *   Roles are named (`linli-<stage>-<fn>-<region>`) so that the read-only role can trust them by
 *   name without a circular reference.
 * Every ARN is built with ${AWS::Partition}, so the same template deploys in aws-cn.
 */
const policy = require('../functions/src/platform/adapters/dynamodb/access-policy.json');

const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:BatchWriteItem'];

/** @param {string} fn */
const logicalRole = (fn) => `${fn.charAt(0).toUpperCase()}${fn.slice(1)}LambdaRole`;

/** @param {string} s */
const sub = (s) => ({ 'Fn::Sub': s });

/** IAM role names are global to the account: stage, function and region in each. */
/** @param {string} stage @param {string} fn */
const roleName = (stage, fn) => `linli-${stage}-${fn}-\${AWS::Region}`;
/** @param {string} stage */
const readOnlyRoleName = (stage) => `linli-${stage}-readonly-\${AWS::Region}`;

/**
 * The role GET routes run their queries as.
 * @param {string} stage
 * @param {string[]} fns
 */
function readOnlyRole(stage, fns) {
  const table = { 'Fn::GetAtt': ['MainTable', 'Arn'] };
  const indexes = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['MainTable', 'Arn'] }, '/index/*']] };
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      RoleName: sub(readOnlyRoleName(stage)),
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
            Action: ['sts:AssumeRole'],
            // Only this stack's function roles, named (referring to them would make a cycle).
            Condition: { ArnEquals: { 'aws:PrincipalArn': fns.map((fn) => sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${roleName(stage, fn)}`)) } },
          },
        ],
      },
      Policies: [
        {
          PolicyName: `linli-readonly`,
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'Read', Effect: 'Allow', Action: READ, Resource: [table, indexes] },
              {
                Sid: 'TokenCache',
                Effect: 'Allow',
                Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
                Resource: [table],
                Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': policy.readOnlyWrites } },
              },
            ],
          },
        },
      ],
    },
  };
}

/**
 * @param {string} stage
 * @param {string} fn
 * @param {{ write: string[], uploads?: boolean, secrets?: string[] }} p
 */
function role(stage, fn, p) {
  const table = { 'Fn::GetAtt': ['MainTable', 'Arn'] };
  const indexes = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['MainTable', 'Arn'] }, '/index/*']] };
  /** @type {any[]} */
  const statements = [
    {
      Sid: 'Logs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [sub(`arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/linli-${stage}-${fn}:*`)],
    },
    { Sid: 'Read', Effect: 'Allow', Action: READ, Resource: [table, indexes] },
  ];
  statements.push({
    Sid: 'ReadOnlyRoutes',
    Effect: 'Allow',
    Action: ['sts:AssumeRole'],
    Resource: [sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${readOnlyRoleName(stage)}`)],
  });
  if (p.write.length) {
    statements.push({
      Sid: 'WriteOwnKeys',
      Effect: 'Allow',
      Action: WRITE,
      Resource: [table],
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': p.write } },
    });
  }
  if (p.uploads) {
    statements.push({
      Sid: 'Photos',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:GetObject'],
      Resource: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['UploadBucket', 'Arn'] }, '/uploads/*']] }],
    });
  }
  if (p.secrets?.length) {
    statements.push({
      Sid: 'Secrets',
      Effect: 'Allow',
      Action: ['ssm:GetParameters'],
      Resource: p.secrets.map((name) => sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/linli/${stage}/${name}`)),
    });
  }
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      RoleName: sub(roleName(stage, fn)),
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
      },
      ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess')],
      Policies: [{ PolicyName: `linli-${fn}`, PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    },
  };
}

/** @param {{ resolveVariable: (v: string) => Promise<string> }} sls */
async function cloudFormation({ resolveVariable }) {
  const stage = await resolveVariable('sls:stage');
  /** @type {Record<string, unknown>} */
  const Resources = {};
  for (const [fn, p] of Object.entries(policy.functions)) Resources[logicalRole(fn)] = role(stage, fn, p);
  Resources.ReadOnlyRouteRole = readOnlyRole(stage, Object.keys(policy.functions));
  return { Resources };
}

module.exports = { cloudFormation, logicalRole, readOnlyRoleName };
