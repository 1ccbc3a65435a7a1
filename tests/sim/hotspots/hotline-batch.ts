/**
 * Hot spot: a 12345 file of `tickets` tickets for the demo street's six grids (issue 14). A street
 * admin uploads it and starts the import through the real handlers; the tick runs its chunks until
 * the job is done. Every ticket must reach its grid's queue once — as the grid worker reads it, GET
 * /staff/requests — and each queue must come nearest deadline first; the same file sent again must
 * create nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoUserRepository } from '../../../functions/src/identity/adapters/dynamodb-user-repository';
import { makeDocumentClient } from '../../../functions/src/platform/adapters/dynamodb/client';
import { ensureMainTable } from '../../../infra/local/dynamodb-local';
import { grids } from '../../../infra/local/demo-data';
import { startS3Local } from '../../../infra/local/s3-local';
import { seedDemo } from '../../../infra/local/seed';
import { rng } from '../../bench/fixtures';
import type { Answer } from '../engine/api';
import { freshHandlers, handlersApi, seconds, storedUser } from './drive';

export interface HotlineBatchFigures {
  tickets: number;
  /** Tickets the first import created, and rows it reported failed. */
  created: number;
  failed: number;
  /** Requests the second import of the same file created (above 0 is a defect), and the tickets it skipped as already imported. */
  duplicatesOnResend: number;
  resendSkipped: number;
  /** Tickets of the file found in no grid queue, or in a queue other than their grid's, or twice. */
  missingFromQueues: number;
  wrongGrid: number;
  twiceInQueues: number;
  /** Neighbouring pairs of a grid's queue where a later deadline comes first (above 0: not deadline first). */
  outOfOrder: number;
  /** Items whose queue deadline is later than the 12345 deadline (热线时限) of their ticket. */
  laterThanHotline: number;
  ticks: number;
  /** From the start of the import to the job done (first import; the second beside it). */
  wallSeconds: number;
  resendSeconds: number;
}

const HEADER = '工单编号,工单内容,来电号码,地址,纬度,经度,坐标系,事项类别,社区编号,热线时限';
const ADMIN = { streetId: 'st-suishan', communityId: null, gridId: null };

/** China time, as the 12345 platform writes deadlines. */
const shanghaiIso = (ms: number): string => `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

/** The file: tickets spread over the six grids, each a point inside its grid and a deadline 2 h to 10 days away, in no order. */
export function hotlineFile(tickets: number, run: string, now = Date.now()): { csv: string; expected: Map<string, { gridId: string; dueAt: string }> } {
  const r = rng(14);
  const expected = new Map<string, { gridId: string; dueAt: string }>();
  const rows = Array.from({ length: tickets }, (_, i) => {
    const g = grids[i % grids.length]!;
    const lats = g.boundary.map((p) => p.lat);
    const lngs = g.boundary.map((p) => p.lng);
    const lat = Math.min(...lats) + (0.1 + 0.8 * r()) * (Math.max(...lats) - Math.min(...lats));
    const lng = Math.min(...lngs) + (0.1 + 0.8 * r()) * (Math.max(...lngs) - Math.min(...lngs));
    const due = now + 2 * 3600_000 + Math.floor(r() * 10 * 86400) * 1000;
    const id = `H-${run}-${i}`;
    expected.set(id, { gridId: g.id, dueAt: new Date(due).toISOString() });
    return `${id},"市民来电反映${g.name}第${(i % 40) + 1}栋楼道堆放杂物（${id}）",139${String(i).padStart(8, '0')},,${lat.toFixed(6)},${lng.toFixed(6)},wgs84,,,${shanghaiIso(due)}`;
  });
  return { csv: [`\uFEFF${HEADER}`, ...rows].join('\r\n'), expected };
}

export async function hotlineBatch(o: { endpoint: string; table: string; tickets?: number; maxTicks?: number }): Promise<HotlineBatchFigures> {
  const tickets = o.tickets ?? 5000;
  const run = Date.now().toString(36);
  await ensureMainTable(o.endpoint, o.table);
  await seedDemo(o.endpoint, o.table);
  const doc = makeDocumentClient({ region: 'local', endpoint: o.endpoint });
  const users = new DynamoUserRepository(doc, o.table);
  const admin = storedUser(`u-hotline-admin-${run}`, ['street_admin'], ADMIN);
  const gridWorkers = new Map(grids.map((g) => [g.id, storedUser(`u-hotline-gw-${g.id}-${run}`, ['grid_worker'], { streetId: 'st-suishan', communityId: g.communityId, gridId: g.id })]));
  for (const u of [admin, ...gridWorkers.values()]) await users.create(u);
  doc.destroy();

  // Files go to object storage: the caller's (the test stack's), or one of our own for this run.
  let s3: Awaited<ReturnType<typeof startS3Local>> | null = null;
  let s3Dir = '';
  const before = { S3_ENDPOINT: process.env.S3_ENDPOINT, UPLOAD_BUCKET: process.env.UPLOAD_BUCKET };
  if (!process.env.S3_ENDPOINT) {
    s3Dir = mkdtempSync(path.join(os.tmpdir(), 'linli-hotline-'));
    s3 = await startS3Local({ directory: s3Dir });
    Object.assign(process.env, { S3_ENDPOINT: s3.endpoint, UPLOAD_BUCKET: s3.bucket });
    await freshHandlers();
  }
  try {
    const api = handlersApi();
    const tick = ((await import('../../../functions/src/handlers/tick')) as { handler: () => Promise<unknown> }).handler;
    const { csv, expected } = hotlineFile(tickets, run);

    const upload = async (): Promise<string> => {
      const bytes = Buffer.from(csv, 'utf8');
      const u = await api.call(admin, 'POST', '/uploads', { body: { contentType: 'text/csv', size: bytes.length } });
      if (u.status !== 201) throw new Error(`upload: ${u.status} ${JSON.stringify(u.body)}`);
      const form = new FormData();
      for (const [k, v] of Object.entries(u.body.fields as Record<string, string>)) form.append(k, v);
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), 'tickets.csv');
      const put = await fetch(u.body.url as string, { method: 'POST', body: form });
      if (put.status >= 300) throw new Error(`upload to storage: ${put.status}`);
      return u.body.key as string;
    };
    let ticks = 0;
    const importFile = async (n: number): Promise<{ job: Record<string, any>; ms: number }> => {
      const fileKey = await upload();
      const t = Date.now();
      const started: Answer = await api.call(admin, 'POST', '/hotline/imports', { key: `hotline-batch-${run}-${n}`, body: { fileKey } });
      if (started.status !== 201) throw new Error(`import: ${started.status} ${JSON.stringify(started.body)}`);
      let job = started.body.job as Record<string, any>;
      for (let i = 0; job.status !== 'done' && job.status !== 'failed' && i < (o.maxTicks ?? 100); i++) {
        await tick();
        ticks++;
        job = (await api.call(admin, 'GET', `/hotline/imports/${encodeURIComponent(job.id as string)}`)).body.job as Record<string, any>;
      }
      if (job.status !== 'done') throw new Error(`import job ${job.status}: ${JSON.stringify(job).slice(0, 500)}`);
      return { job, ms: Date.now() - t };
    };

    /** Every grid's queue as its grid worker pages through it: the file's tickets found there. */
    const queues = async () => {
      const found = new Map<string, { gridId: string; dueAt: string | null; id: string }[]>();
      let outOfOrder = 0;
      for (const g of grids) {
        const worker = gridWorkers.get(g.id)!;
        let cursor: string | undefined;
        let last = '';
        do {
          const page = await api.call(worker, 'GET', '/staff/requests', { query: { limit: 50, cursor } });
          if (page.status !== 200) throw new Error(`queue: ${page.status} ${JSON.stringify(page.body)}`);
          for (const item of page.body.items as { id: string; description: string; dueAt: string | null }[]) {
            const due = item.dueAt ?? '';
            if (due < last) outOfOrder++;
            last = due;
            const ext = /（(H-[^）]+)）/.exec(item.description)?.[1];
            if (!ext || !expected.has(ext)) continue;
            found.set(ext, [...(found.get(ext) ?? []), { gridId: g.id, dueAt: item.dueAt, id: item.id }]);
          }
          cursor = (page.body.nextCursor as string | null) ?? undefined;
        } while (cursor);
      }
      return { found, outOfOrder };
    };

    const first = await importFile(1);
    const after = await queues();
    const second = await importFile(2);
    const again = await queues();
    const ids = (q: typeof after) => new Set([...q.found.values()].flat().map((x) => x.id));
    let wrongGrid = 0;
    let laterThanHotline = 0;
    for (const [ext, where] of after.found) {
      const want = expected.get(ext)!;
      if (where.some((w) => w.gridId !== want.gridId)) wrongGrid++;
      if (where.some((w) => !w.dueAt || Date.parse(w.dueAt) > Date.parse(want.dueAt))) laterThanHotline++;
    }
    return {
      tickets,
      created: Number(first.job.imported),
      failed: Number(first.job.failed),
      duplicatesOnResend: ids(again).size - ids(after).size + Number(second.job.imported),
      resendSkipped: Number(second.job.duplicates),
      missingFromQueues: tickets - after.found.size,
      wrongGrid,
      twiceInQueues: [...after.found.values()].filter((w) => w.length > 1).length,
      outOfOrder: after.outOfOrder + again.outOfOrder,
      laterThanHotline,
      ticks,
      wallSeconds: seconds(first.ms),
      resendSeconds: seconds(second.ms),
    };
  } finally {
    if (s3) {
      await s3.close();
      rmSync(s3Dir, { recursive: true, force: true });
      Object.assign(process.env, before);
      for (const [k, v] of Object.entries(before)) if (v === undefined) delete process.env[k];
      await freshHandlers();
    }
  }
}
