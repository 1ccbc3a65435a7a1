/** Timing helpers of the benchmarks: a document client that records its calls, busy time, medians. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A document client that records when each call was in flight. */
export function timedClient(doc: DynamoDBDocumentClient, intervals: [bigint, bigint][]): DynamoDBDocumentClient {
  return new Proxy(doc, {
    get(target, prop, receiver) {
      if (prop === 'send') {
        return async (cmd: Parameters<DynamoDBDocumentClient['send']>[0]) => {
          const start = process.hrtime.bigint();
          try {
            return await target.send(cmd as never);
          } finally {
            intervals.push([start, process.hrtime.bigint()]);
          }
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

/** Time during which at least one call was in flight (parallel calls counted once), in ms. */
export function busyMs(intervals: [bigint, bigint][]): number {
  const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  let total = 0n;
  let [curStart, curEnd] = sorted[0] ?? [0n, 0n];
  for (const [s, e] of sorted.slice(1)) {
    if (s > curEnd) {
      total += curEnd - curStart;
      [curStart, curEnd] = [s, e];
    } else if (e > curEnd) curEnd = e;
  }
  total += curEnd - curStart;
  return Number(total) / 1e6;
}

