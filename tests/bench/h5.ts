/**
 * The H5 site's first visit as Lighthouse's mobile profile sees it: simulated throttling (150 ms RTT,
 * 1.6 Mbit/s down, 4× CPU slowdown), an empty cache, signed out, on the page the app opens on.
 * The H5 build is served by the local static server (as `npm start` serves it) over the local stack
 * with its demo data (the page's API calls answer), once as it is and once compressed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack } from '../../infra/local/stack';
import { startStaticServer } from '../../infra/local/static-server';
import { median } from './timing';

const ROOT = path.resolve(__dirname, '../..');
const H5_DIR = process.env.LINLI_H5_DIR ? path.resolve(process.env.LINLI_H5_DIR) : path.join(ROOT, 'client/dist/h5');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LIGHTHOUSE = path.join(ROOT, 'node_modules/lighthouse/cli/index.js');
const CHROME_FLAGS = '--headless --no-sandbox --disable-gpu --disable-background-networking';

export interface VisitFigures {
  /** Time to Interactive: the page is drawn and its main thread quiet enough to answer a tap. */
  interactiveMs: number;
  lcpMs: number;
  fcpMs: number;
  /** Bytes over the wire, headers and the page's API calls included (Lighthouse's total-byte-weight). */
  transferBytes: number;
  requests: number;
  /** Lighthouse's measure of this machine's CPU (its 4× slowdown is calibrated for about 1000–2000). */
  benchmarkIndex: number;
}

interface LighthouseReport {
  audits: Record<string, { numericValue?: number; details?: { items?: unknown[] } }>;
  configSettings: { formFactor: string; throttlingMethod: string; throttling: { rttMs: number; throughputKbps: number; cpuSlowdownMultiplier: number } };
  runtimeError?: { message: string };
  environment: { benchmarkIndex: number };
}

/**
 * One Lighthouse run (a new Chromium profile, so an empty cache) on `url`, in a child process on this
 * Node (24); asynchronous, since the servers it visits run in this process.
 */
async function lighthouse(url: string): Promise<VisitFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-lh-'));
  try {
    const out = path.join(dir, 'report.json');
    const child = spawn(
      process.execPath,
      [LIGHTHOUSE, url, '--only-categories=performance', '--output=json', `--output-path=${out}`, '--quiet', `--chrome-flags=${CHROME_FLAGS}`],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'ignore', 'inherit'], timeout: 180_000 },
    );
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`lighthouse exited ${code}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as LighthouseReport;
    if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.message}`);
    // The mobile profile, simulated (Lighthouse's defaults): fail loudly if a release changes them.
    const t = report.configSettings;
    if (t.formFactor !== 'mobile' || t.throttlingMethod !== 'simulate' || t.throttling.rttMs !== 150 || Math.round(t.throttling.throughputKbps) !== 1638) {
      throw new Error(`unexpected Lighthouse profile ${JSON.stringify(t)}`);
    }
    const v = (id: string) => {
      const n = report.audits[id]?.numericValue;
      if (typeof n !== 'number') throw new Error(`Lighthouse gave no ${id}`);
      return n;
    };
    return {
      interactiveMs: v('interactive'),
      lcpMs: v('largest-contentful-paint'),
      fcpMs: v('first-contentful-paint'),
      transferBytes: v('total-byte-weight'),
      requests: report.audits['network-requests']?.details?.items?.length ?? 0,
      benchmarkIndex: report.environment.benchmarkIndex,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The median of `runs` first visits, served uncompressed and compressed (the API and the demo data are shared). */
export async function h5Figures(runs: number): Promise<{ compressed: boolean; figures: VisitFigures; interactiveRunsMs: number[] }[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`the H5 bench needs Chromium at ${CHROMIUM}`);
  if (!existsSync(path.join(H5_DIR, 'index.html'))) {
    const r = spawnSync('npm', ['run', 'build:h5', '-w', 'client'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (r.status !== 0) throw new Error('H5 build failed');
  }
  const stack = await startLocalStack({});
  try {
    const out: { compressed: boolean; figures: VisitFigures; interactiveRunsMs: number[] }[] = [];
    for (const compressed of [false, true]) {
      const web = await startStaticServer({ root: H5_DIR, apiUrl: stack.api.url, compress: compressed });
      try {
        await lighthouse(`${web.url}/`); // warm-up: the API's first calls and the OS file cache
        const all: VisitFigures[] = [];
        for (let i = 0; i < runs; i++) all.push(await lighthouse(`${web.url}/`));
        const pick = (f: (x: VisitFigures) => number) => median(all.map(f));
        out.push({
          compressed,
          figures: {
            interactiveMs: pick((x) => x.interactiveMs),
            lcpMs: pick((x) => x.lcpMs),
            fcpMs: pick((x) => x.fcpMs),
            transferBytes: pick((x) => x.transferBytes),
            requests: pick((x) => x.requests),
            benchmarkIndex: pick((x) => x.benchmarkIndex),
          },
          // Every run's TTI beside the median: the simulated CPU share varies with this machine's load.
          interactiveRunsMs: all.map((x) => Math.round(x.interactiveMs)),
        });
      } finally {
        await web.close();
      }
    }
    return out;
  } finally {
    await stack.stop();
  }
}
