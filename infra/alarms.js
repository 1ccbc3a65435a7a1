// @ts-check
/**
 * CloudWatch alarms (serverless.yml: `resources: ${file(./infra/alarms.js):cloudFormation}`), all
 * to one SNS topic (`AlarmTopic`; subscribe the duty phone or e-mail to it after deploying):
 * - the HTTP API answering 5xx for more than 1 % of its requests (5 minutes, at least 20 requests);
 * - any function throttled (the account's concurrency is shared by every function);
 * - the every-minute tick failing: the function erring, or one of its tasks (TickTaskFailures);
 * - the outbox backlog: the oldest due notice or event waiting more than 10 minutes
 *   (OutboxOldestDueSeconds, written by the tick), or the tick not running at all.
 * Business metrics live in namespace `Linli`, dimension service=linli (functions/src/platform/metrics.ts).
 */
const policy = require('../functions/src/platform/adapters/dynamodb/access-policy.json');

const FUNCTIONS = Object.keys(policy.functions);
const SERVICE = [{ Name: 'service', Value: 'linli' }];

/**
 * @param {string} id
 * @param {string} namespace
 * @param {string} metric
 * @param {{Name: string, Value: unknown}[]} dimensions
 * @param {string} stat
 * @param {number} [period]
 */
const query = (id, namespace, metric, dimensions, stat, period = 60) => ({
  Id: id,
  ReturnData: false,
  MetricStat: { Metric: { Namespace: namespace, MetricName: metric, Dimensions: dimensions }, Period: period, Stat: stat },
});

/** @param {string} stage @param {string} fn */
const fnName = (stage, fn) => `linli-${stage}-${fn}`;

/**
 * @param {string} description
 * @param {Record<string, unknown>} props
 */
const alarm = (description, props) => ({
  Type: 'AWS::CloudWatch::Alarm',
  Properties: {
    AlarmDescription: description,
    AlarmActions: [{ Ref: 'AlarmTopic' }],
    OKActions: [{ Ref: 'AlarmTopic' }],
    ComparisonOperator: 'GreaterThanThreshold',
    ...props,
  },
});

/** @param {{ resolveVariable: (v: string) => Promise<string> }} sls */
async function cloudFormation({ resolveVariable }) {
  const stage = await resolveVariable('sls:stage');
  const api = [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }];
  return {
    Resources: {
      AlarmTopic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: `linli-${stage}-alarms` } },
      ApiServerErrorsAlarm: alarm('接口 5xx 超过 1%（5 分钟内，至少 20 次请求）', {
        EvaluationPeriods: 1,
        Threshold: 1,
        TreatMissingData: 'notBreaching',
        Metrics: [
          query('errors', 'AWS/ApiGateway', '5xx', api, 'Sum', 300),
          query('requests', 'AWS/ApiGateway', 'Count', api, 'Sum', 300),
          // Only with enough requests in the 5 minutes to mean something.
          { Id: 'rate', Label: '5xx %', Expression: 'IF(requests >= 20, 100 * FILL(errors, 0) / requests, 0)', ReturnData: true },
        ],
      }),
      ThrottlesAlarm: alarm('有函数被限流（Throttles）', {
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        Threshold: 0,
        TreatMissingData: 'notBreaching',
        Metrics: [
          ...FUNCTIONS.map((fn, i) => query(`t${i}`, 'AWS/Lambda', 'Throttles', [{ Name: 'FunctionName', Value: fnName(stage, fn) }], 'Sum')),
          { Id: 'throttles', Label: 'Throttles', Expression: `SUM([${FUNCTIONS.map((_, i) => `t${i}`).join(', ')}])`, ReturnData: true },
        ],
      }),
      TickFailuresAlarm: alarm('定时任务失败（tick 出错或其中任务失败）', {
        EvaluationPeriods: 5,
        DatapointsToAlarm: 3,
        Threshold: 0,
        TreatMissingData: 'notBreaching',
        Metrics: [
          query('fnErrors', 'AWS/Lambda', 'Errors', [{ Name: 'FunctionName', Value: fnName(stage, 'tick') }], 'Sum'),
          query('taskFailures', 'Linli', 'TickTaskFailures', SERVICE, 'Sum'),
          { Id: 'failures', Label: 'Tick failures', Expression: 'FILL(fnErrors, 0) + FILL(taskFailures, 0)', ReturnData: true },
        ],
      }),
      OutboxBacklogAlarm: alarm('通知与事件积压：最早待发送的已等待超过 10 分钟，或定时任务未运行', {
        EvaluationPeriods: 5,
        DatapointsToAlarm: 5,
        Threshold: 600,
        // No datapoint means the tick did not report: as bad as a backlog.
        TreatMissingData: 'breaching',
        Namespace: 'Linli',
        MetricName: 'OutboxOldestDueSeconds',
        Dimensions: SERVICE,
        Statistic: 'Maximum',
        Period: 60,
        Unit: 'Seconds',
      }),
    },
    Outputs: { AlarmTopicArn: { Value: { Ref: 'AlarmTopic' } } },
  };
}

module.exports = { cloudFormation };
