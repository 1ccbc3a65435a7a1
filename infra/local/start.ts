/**
 * `npm start`: the whole product on this machine, no cloud account, no Docker, no internet.
 * DynamoDB Local (persisted under .data/), the WeChat stand-in, the API on :3000 running the Lambda
 * handlers, the H5 client on :10086, and the demo data loaded once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROLES, ROLE_LABELS } from '@linli/shared';
import { assertJava } from './dynamodb-local';
import { type LocalStack, startLocalStack } from './stack';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { DynamoCommunityListRepository } from '../../functions/src/requests/adapters/dynamodb-community-lists';
import { startStaticServer } from './static-server';

const ROOT = path.resolve(__dirname, '../..');
const H5_DIR = path.join(ROOT, 'client/dist/h5');
const port = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureH5Build(): void {
  const index = path.join(H5_DIR, 'index.html');
  const sources = Math.max(newestMtime(path.join(ROOT, 'client/src')), newestMtime(path.join(ROOT, 'shared/src')));
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  console.log('Building the H5 client (first run or sources changed, ~30 s)…');
  // A production build whatever called us (jest sets NODE_ENV=test, which would build with React's
  // refresh hooks left in and an app that does not start).
  const r = spawnSync('npm', ['run', 'build:h5', '-w', 'client'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error('H5 build failed');
}

/**
 * 名山社区's staff-alert robots point at the local WeCom stand-in (the community's, and grid 1's own),
 * once: an admin's later change is kept.
 */
async function demoRobots(stack: LocalStack): Promise<void> {
  const doc = makeDocumentClient({ region: 'local', endpoint: stack.db.endpoint });
  try {
    const lists = new DynamoCommunityListRepository(doc, stack.table);
    if (await lists.staffAlerts('cm-mingshan')) return;
    const base = stack.wecom.webhookBase;
    await lists.putStaffAlerts({
      communityId: 'cm-mingshan',
      communityWebhook: `${base}?key=demo-mingshan`,
      grids: [{ gridId: 'gd-ms-1', webhook: `${base}?key=demo-mingshan-grid1` }],
      version: 1,
      updatedAt: new Date().toISOString(),
    });
  } finally {
    doc.destroy();
  }
}

async function main(): Promise<void> {
  assertJava();
  ensureH5Build();
  const stack = await startLocalStack({
    dataDir: path.resolve(ROOT, process.env.LINLI_DATA_DIR ?? '.data', 'dynamodb'),
    dbPort: port('LINLI_DB_PORT', 8000),
    apiPort: port('LINLI_API_PORT', 3000),
    wechatPort: port('LINLI_WECHAT_PORT', 3001),
    hotlinePort: port('LINLI_HOTLINE_PORT', 3002),
    wecomPort: port('LINLI_WECOM_PORT', 3003),
    s3Port: port('LINLI_S3_PORT', 4569),
  });
  await demoRobots(stack);
  const web = await startStaticServer({ root: H5_DIR, apiUrl: stack.api.url, port: port('LINLI_WEB_PORT', 10086) });
  console.log(`
Linli (邻里) is running locally.
  H5 client      ${web.url}
  API            ${stack.api.url}   (OpenAPI: ${stack.api.url}/openapi.json)
  DynamoDB Local ${stack.db.endpoint}  (data in ${path.relative(ROOT, path.resolve(ROOT, process.env.LINLI_DATA_DIR ?? '.data'))}/dynamodb)
  Photos (S3)    ${stack.s3.endpoint}/${stack.s3.bucket}  (data in .data/s3)
  WeChat stand-in ${stack.wechat.url}
  12345 stand-in ${stack.hotline.url}  (replies, refusals and extension requests sent back)
  WeCom robots   ${stack.wecom.url}   (staff alerts received: ${stack.wecom.url}/received)

Demo logins (tap one on the H5 login page, or POST /auth/wechat {"code": "..."}):
${ROLES.map((r) => `  demo-${r.replace(/_/g, '-').padEnd(18)} ${ROLE_LABELS[r]}`).join('\n')}

Press Ctrl-C to stop everything.`);
  // The deadline job, every minute, as the `schedule` event runs it in AWS.
  const { handler: deadlineJob } = (await import('../../functions/src/handlers/tick')) as {
    handler: () => Promise<unknown>;
  };
  const jobTimer = setInterval(() => {
    deadlineJob().catch((e: unknown) => console.error('deadline job failed:', e));
  }, 60_000);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    clearInterval(jobTimer);
    await web.close();
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
