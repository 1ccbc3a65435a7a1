/**
 * Business metrics in CloudWatch's embedded metric format (AWS Lambda Powertools' Metrics): a
 * count is kept during an invocation and written as one EMF line when it ends (`flush`, called by
 * the HTTP wrapper and the tick). Namespace `Linli`, dimension `service`. The alarms in
 * serverless.yml watch some of them. Off where POWERTOOLS_METRICS_DISABLED is set (the local stack).
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export type MetricName =
  /** A request (接诉即办) made now: by a resident, an Open311 partner or the 12345 platform. */
  | 'RequestsFiled'
  /** Items the tick moved up a level because a deadline passed. */
  | 'Escalations'
  /** After-hours bookings made now. */
  | 'BookingsMade'
  /** Rewards redeemed now (points spent). */
  | 'Redemptions'
  /** Subscribe messages and reminders that were not sent (no consent, refused by WeChat, given up). */
  | 'NoticesNotSent'
  /** Scheduled tasks of a tick that failed. */
  | 'TickTaskFailures'
  /** Outbox entries due and not yet delivered when the tick looked (at most its budget + 1). */
  | 'OutboxDue'
  /** Age in seconds of the oldest due outbox entry (0 when none): the backlog's alarm. */
  | 'OutboxOldestDueSeconds';

const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Linli', serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'linli' });
let pending = false;

/** Adds to a metric of this invocation. */
export function count(name: MetricName, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
  pending = true;
}

/** Records a level (a gauge) for this invocation. */
export function gauge(name: MetricName, value: number, unit: 'Count' | 'Seconds' = 'Count'): void {
  metrics.addMetric(name, unit === 'Seconds' ? MetricUnit.Seconds : MetricUnit.Count, value);
  pending = true;
}

/** Writes this invocation's metrics (one EMF line), if any. */
export function flushMetrics(): void {
  if (!pending) return;
  pending = false;
  metrics.publishStoredMetrics();
}
