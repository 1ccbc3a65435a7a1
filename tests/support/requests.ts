/**
 * Counts the DynamoDB requests a piece of code sends through the product's clients (`meterCapacity`
 * in the client module reports every command): the request budgets of the routes are asserted with
 * it, so a change that adds a read or a write to a route fails its test.
 */
import { meterCapacity, type CapacityReport } from '../../functions/src/platform/adapters/dynamodb/client';

export interface Sent {
  /** The commands, in the order they were sent, each with the keys it named (for a readable failure). */
  commands: string[];
  /** How many commands were sent. */
  count: number;
}

const keyOf = (k: unknown): string => {
  const key = k as { PK?: unknown; SK?: unknown } | undefined;
  if (!key) return '';
  const plain = (v: unknown) => (typeof v === 'object' && v !== null && 'S' in v ? String((v as { S: unknown }).S) : String(v));
  return `${plain(key.PK)}|${plain(key.SK)}`;
};

/** A short label of a command: its name and the keys, index or partition it names. */
export function describeCommand(r: CapacityReport): string {
  const i = r.input as Record<string, unknown>;
  const name = r.command.replace(/Command$/, '');
  if (i.Key) return `${name} ${keyOf(i.Key)}`;
  if (i.Item) return `${name} ${keyOf(i.Item)}`;
  if (i.KeyConditionExpression) {
    const values = i.ExpressionAttributeValues as Record<string, unknown> | undefined;
    const pk = values?.[':pk'];
    return `${name} ${i.IndexName ?? 'table'} ${typeof pk === 'object' && pk !== null && 'S' in pk ? String((pk as { S: unknown }).S) : String(pk ?? '?')}`;
  }
  if (i.RequestItems) {
    const all = Object.values(i.RequestItems as Record<string, { Keys?: unknown[] } | unknown[]>);
    const n = all.reduce<number>((s, v) => s + (Array.isArray(v) ? v.length : (v.Keys?.length ?? 0)), 0);
    return `${name} ×${n}`;
  }
  if (i.TransactItems) return `${name} ×${(i.TransactItems as unknown[]).length}`;
  return name;
}

/** Runs `work` and returns what it answered with the DynamoDB requests sent meanwhile. */
export async function countRequests<T>(work: () => Promise<T>): Promise<{ result: T; sent: Sent }> {
  const commands: string[] = [];
  const stop = meterCapacity((r) => commands.push(describeCommand(r) + (r.error ? ` (${r.error})` : '')));
  try {
    const result = await work();
    // Fire-and-forget work the route started (a tidy-up) is sent within a turn or two of the answer.
    await new Promise((r) => setTimeout(r, 20));
    return { result, sent: { commands, count: commands.length } };
  } finally {
    stop();
  }
}
