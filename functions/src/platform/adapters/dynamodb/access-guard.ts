/**
 * What a function may write, checked on every command its DynamoDB client sends (a middleware):
 * - a read-only route (GET) writes nothing but the caches it is allowed (the WeChat access token);
 * - a function writes only the partition keys its job owns — the same table (access-policy.json)
 *   that infra/roles.js turns into each function's IAM role (`dynamodb:LeadingKeys`), so a policy
 *   that is too narrow fails the tests on DynamoDB Local instead of production.
 * The guard answers with an `AccessDeniedException` as IAM would.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import policy from './access-policy.json';

export interface FunctionPolicy {
  /** Partition-key patterns (`USER#*`) this function may write. */
  write: readonly string[];
  /** Whether it signs photo uploads and reads photos (s3 under uploads/). */
  uploads?: boolean;
  /** The secrets it reads from Parameter Store (platform/secrets.ts). */
  secrets?: readonly string[];
}

export const ACCESS_POLICY = policy as unknown as { functions: Record<string, FunctionPolicy>; readOnlyWrites: string[] };

const scope = new AsyncLocalStorage<{ readOnly: boolean; route: string }>();

/** Runs a route's work knowing whether it is a read-only route. */
export const inRoute = <T>(route: { method: string; path: string }, run: () => Promise<T>): Promise<T> =>
  scope.run({ readOnly: route.method === 'GET', route: `${route.method} ${route.path}` }, run);

/** Whether a read-only route (GET) is running. */
export const inReadOnlyRoute = (): boolean => scope.getStore()?.readOnly === true;

/** Whether a partition key matches an IAM `StringLike` pattern (`*` any run of characters, `?` one). */
export function matches(pattern: string, value: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    compiled.set(pattern, re);
  }
  return re.test(value);
}

/** Each pattern compiled once per container: the guard runs on every write. */
const compiled = new Map<string, RegExp>();

type Av = { S?: string } | string | undefined;
const pkOf = (item: Record<string, Av> | undefined): string | undefined => {
  const pk = item?.PK;
  return typeof pk === 'string' ? pk : pk?.S;
};

/** The partition keys a write command touches (marshalled input, as the client middleware sees it). */
export function writtenKeys(command: string, input: Record<string, any>): string[] | null {
  switch (command) {
    case 'PutItemCommand':
      return [pkOf(input.Item)].filter(Boolean) as string[];
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return [pkOf(input.Key)].filter(Boolean) as string[];
    case 'TransactWriteItemsCommand':
      return (input.TransactItems ?? [])
        .flatMap((t: any) => (t.Put ? [pkOf(t.Put.Item)] : t.Update ? [pkOf(t.Update.Key)] : t.Delete ? [pkOf(t.Delete.Key)] : []))
        .filter(Boolean);
    case 'BatchWriteItemCommand':
      return Object.values(input.RequestItems ?? {})
        .flat()
        .map((r: any) => pkOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key))
        .filter(Boolean) as string[];
    default:
      return null; // a read
  }
}

class AccessDenied extends Error {
  override readonly name = 'AccessDeniedException';
  readonly $fault = 'client';
}

/** The refusal for a write, or null when allowed. */
export function refusal(fn: string, command: string, input: Record<string, any>, readOnly: { route: string } | null): string | null {
  const keys = writtenKeys(command, input);
  if (!keys) return null;
  if (readOnly) {
    const bad = keys.find((k) => !ACCESS_POLICY.readOnlyWrites.some((p) => matches(p, k)));
    if (bad) return `read-only route ${readOnly.route} may not write (${command} on ${bad})`;
  }
  const allowed = ACCESS_POLICY.functions[fn]?.write;
  if (!allowed) return `function ${fn} has no access policy`;
  const bad = keys.find((k) => !allowed.some((p) => matches(p, k)));
  return bad ? `function ${fn} may not write ${bad} (${command}); see access-policy.json` : null;
}

const RECORD = process.env.LINLI_ACCESS_SURVEY;

/** Adds the guard to a client of the function `fn`. */
export function guardWrites(client: DynamoDBClient, fn: string): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const current = scope.getStore();
      const command = context.commandName ?? '';
      const why = refusal(fn, command, args.input as Record<string, any>, current?.readOnly ? current : null);
      if (why && RECORD) {
        // Survey mode (a developer's tool for drawing the policy): note what would be refused.
        for (const k of writtenKeys(command, args.input as Record<string, any>) ?? []) appendFileSync(RECORD, `${fn}\t${current?.route ?? '-'}\t${command}\t${k.split('#')[0]}#*\n`);
      } else if (why) throw new AccessDenied(why);
      return next(args);
    },
    { step: 'initialize', name: 'linliAccessGuard' },
  );
}
