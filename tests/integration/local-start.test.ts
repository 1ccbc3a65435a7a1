/**
 * The README's start command: `npm start` brings up DB + API + H5 + demo data, Ctrl-C stops every
 * process it started, and a restart keeps every acknowledged write (DynamoDB Local on disk).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../infra/local/dynamodb-local';

const ROOT = path.resolve(__dirname, '../..');

interface Ports {
  api: number;
  web: number;
  db: number;
  wechat: number;
  wecom: number;
  s3: number;
}

function start(ports: Ports, dataDir: string): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LINLI_API_PORT: String(ports.api),
      LINLI_WEB_PORT: String(ports.web),
      LINLI_DB_PORT: String(ports.db),
      LINLI_WECHAT_PORT: String(ports.wechat),
      LINLI_WECOM_PORT: String(ports.wecom),
      LINLI_S3_PORT: String(ports.s3),
      LINLI_DATA_DIR: dataDir,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${out}`)), 90_000);
    const poll = setInterval(() => {
      if (out.includes('Press Ctrl-C')) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    }, 200);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${out}`));
    });
  });
}

/** Ctrl-C: SIGINT to the whole process group, as a terminal does. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGINT');
  });
}

const javaRunning = (port: number): boolean => {
  try {
    execFileSync('pgrep', ['-f', `DynamoDBLocal.jar -port ${port} `]);
    return true;
  } catch {
    return false;
  }
};

/** Waits (up to 15 s) for the DynamoDB Local on `port` to be gone; true when it is. */
async function javaGone(port: number): Promise<boolean> {
  for (let i = 0; i < 75; i++) {
    if (!javaRunning(port)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('npm start', () => {
  let dataDir: string;
  let ports: Ports;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-start-'));
    ports = { api: await freePort(), web: await freePort(), db: await freePort(), wechat: await freePort(), wecom: await freePort(), s3: await freePort() };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves API and H5 with demo data, stops cleanly on Ctrl-C and keeps data across a restart', async () => {
    const first = await start(ports, dataDir);
    try {
      expect(first.output()).toContain('demo-rider');
      expect(javaRunning(ports.db)).toBe(true);
      const health = await fetch(`http://127.0.0.1:${ports.api}/health`);
      expect(health.status).toBe(200);
      const page = await fetch(`http://127.0.0.1:${ports.web}/`);
      expect(await page.text()).toContain('<div id="app">');
      const login = await fetch(`http://127.0.0.1:${ports.web}/api/auth/wechat`, { method: 'POST', body: JSON.stringify({ code: 'demo-rider' }) });
      const { token } = (await login.json()) as { token: string };
      const report = await fetch(`http://127.0.0.1:${ports.api}/stations/sn-007/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'local-start-report' },
        body: JSON.stringify({ type: 'no_water', text: '重启后应仍在' }),
      });
      expect(report.status).toBe(201);
    } finally {
      await stop(first.child);
    }
    expect(await javaGone(ports.db)).toBe(true);

    const second = await start(ports, dataDir);
    try {
      const login = await fetch(`http://127.0.0.1:${ports.api}/auth/wechat`, { method: 'POST', body: JSON.stringify({ code: 'demo-rider' }) });
      const { token } = (await login.json()) as { token: string };
      const station = await fetch(`http://127.0.0.1:${ports.api}/stations/sn-007`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await station.json()) as { station: { openIssues: { text: string }[] } };
      expect(body.station.openIssues.map((i) => i.text)).toContain('重启后应仍在');
    } finally {
      await stop(second.child);
    }
    expect(await javaGone(ports.db)).toBe(true);
  }, 180_000);
});
