/**
 * The README's start command: `npm start` brings up DB + API + H5 + demo data; killed outright (SIGKILL,
 * store and API, in the middle of a burst of writes) and restarted it has every acknowledged write
 * (DynamoDB Local on disk); Ctrl-C stops every process it started.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../infra/local/dynamodb-local';
import { idemKey, requestBody } from '../support/builders';

const ROOT = path.resolve(__dirname, '../..');

interface Ports {
  api: number;
  web: number;
  db: number;
  wechat: number;
  s3: number;
  hotline: number;
  wecom: number;
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
      LINLI_S3_PORT: String(ports.s3),
      LINLI_HOTLINE_PORT: String(ports.hotline),
      LINLI_WECOM_PORT: String(ports.wecom),
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
    ports = { api: await freePort(), web: await freePort(), db: await freePort(), wechat: await freePort(), s3: await freePort(), hotline: await freePort(), wecom: await freePort() };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Files from eight phones at once until told to stop; `acknowledged` holds the ids answered 201. */
  function burst(api: string, token: string, alive: () => boolean) {
    const acknowledged: string[] = [];
    let sent = 0;
    const file = async (): Promise<void> => {
      sent++;
      const res = await fetch(`${api}/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': idemKey('sigkill'), 'content-type': 'application/json' },
        body: JSON.stringify(requestBody({ description: `断电测试 ${sent}` })),
      }).catch(() => null);
      if (res?.status === 201) acknowledged.push(((await res.json()) as { request: { id: string } }).request.id);
    };
    const done = Promise.all(Array.from({ length: 8 }, async () => {
      while (alive() && acknowledged.length < 500) await file();
    }));
    return { acknowledged, sent: () => sent, done };
  }

  it('serves API and H5 with demo data; killed with SIGKILL mid-burst it loses no acknowledged write; stops cleanly on Ctrl-C', async () => {
    const api = `http://127.0.0.1:${ports.api}`;
    const first = await start(ports, dataDir);
    const alive = () => first.child.exitCode === null && first.child.signalCode === null;
    const killAll = () => {
      // The store first (its own process group), then the API and everything else: nothing shuts down in order.
      if (javaRunning(ports.db)) execFileSync('pkill', ['-KILL', '-f', `DynamoDBLocal.jar -port ${ports.db} `]);
      if (alive()) process.kill(-first.child.pid!, 'SIGKILL');
    };
    let writes: ReturnType<typeof burst> | null = null;
    try {
      expect(first.output()).toContain('demo-rider');
      expect(javaRunning(ports.db)).toBe(true);
      const health = await fetch(`${api}/health`);
      expect(health.status).toBe(200);
      const page = await fetch(`http://127.0.0.1:${ports.web}/`);
      expect(await page.text()).toContain('<div id="app">');
      const login = await fetch(`http://127.0.0.1:${ports.web}/api/auth/wechat`, { method: 'POST', body: JSON.stringify({ code: 'demo-rider' }) });
      const { token } = (await login.json()) as { token: string };
      const report = await fetch(`${api}/stations/sn-007/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'local-start-report' },
        body: JSON.stringify({ type: 'no_water', text: '重启后应仍在' }),
      });
      expect(report.status).toBe(201);

      const resident = await fetch(`${api}/auth/wechat`, { method: 'POST', body: JSON.stringify({ code: 'demo-resident' }) });
      writes = burst(api, ((await resident.json()) as { token: string }).token, alive);
      while (writes.acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
      killAll();
      await writes.done;
    } finally {
      killAll();
    }
    expect(await javaGone(ports.db)).toBe(true);
    expect(writes!.sent()).toBeGreaterThan(writes!.acknowledged.length); // some were in flight when it died

    const second = await start(ports, dataDir);
    try {
      const rider = await fetch(`${api}/auth/wechat`, { method: 'POST', body: JSON.stringify({ code: 'demo-rider' }) });
      const station = await fetch(`${api}/stations/sn-007`, { headers: { authorization: `Bearer ${((await rider.json()) as { token: string }).token}` } });
      const body = (await station.json()) as { station: { openIssues: { text: string }[] } };
      expect(body.station.openIssues.map((i) => i.text)).toContain('重启后应仍在');
      const login = await fetch(`${api}/auth/wechat`, { method: 'POST', body: JSON.stringify({ code: 'demo-resident' }) });
      const { token } = (await login.json()) as { token: string };
      const missing: string[] = [];
      for (const id of writes!.acknowledged) {
        const res = await fetch(`${api}/requests/${id}`, { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) missing.push(`${id}: ${res.status}`);
      }
      expect(missing).toEqual([]);
    } finally {
      await stop(second.child);
    }
    expect(await javaGone(ports.db)).toBe(true);
  }, 240_000);
});
