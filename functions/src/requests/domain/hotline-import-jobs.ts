/**
 * Batches of 12345 tickets larger than one call: staff upload a file (CSV or JSON lines), start an
 * import job, and watch it. The job runs in the background on the every-minute tick, in chunks that
 * fit an invocation; `processed` is its cursor, advanced by a conditional write, so a crashed or
 * doubled run resumes where the last chunk was stored and never counts a chunk twice. Tickets are
 * created exactly as a single call creates them (idempotent by external id): a file imported again
 * skips every ticket it already brought in.
 */
import type { HotlineImportJob, HotlineImportJobBody } from '@linli/shared';
import { FILE_TYPES, MAX_FILE_BYTES } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/domain/errors';
import { claimFor, type IdempotencyClaim, type Once, replayOf } from '../../platform/domain/idempotency';
import { uploadPrefix } from '../../platform/domain/photos';
import type { TickTask } from '../../platform/domain/tick';
import type { RequestDeps } from './deps';
import { importHotlineTickets } from './hotline';
import { readTicketFile, UnreadableFile, type FileRow } from './hotline-file';

/** Rows handled per chunk (one conditional write of the job each). */
export const CHUNK_ROWS = 200;
/** Failed rows kept on the job for the report (the count goes on). */
export const MAX_FAILURES_KEPT = 500;

/** A job as stored: the public view, and who started it (the import runs with his reach). */
export interface ImportJobRecord extends HotlineImportJob {
  startedBy: Pick<Actor, 'userId' | 'roles' | 'streetId' | 'communityId' | 'gridId'>;
}

export interface HotlineImportJobRepository {
  /** Stores a new job with its receipt, and lists it as running; or the earlier receipt of the key. */
  create(job: ImportJobRecord, claim: IdempotencyClaim): Promise<Once<{ jobId: string }>>;
  get(id: string): Promise<ImportJobRecord | null>;
  /** Jobs not finished yet, oldest first, at most `limit`. */
  running(limit: number): Promise<ImportJobRecord[]>;
  /** Stores the job if its stored `processed` is still `expectedProcessed` (ends its listing when done); false otherwise. */
  advance(next: ImportJobRecord, expectedProcessed: number): Promise<boolean>;
  /**
   * Takes the chunk starting at `processed` for one run until `untilIso`: false when the job moved on
   * or another run holds that chunk (two ticks at once never run the same rows side by side).
   */
  claimChunk(id: string, processed: number, nowIso: string, untilIso: string): Promise<boolean>;
}

/** How long a run holds a chunk; a run that died holding it is replaced after this. */
const CHUNK_LEASE_MS = 2 * 60_000;

export interface ImportJobDeps extends RequestDeps {
  importJobs: HotlineImportJobRepository;
}

const toView = ({ startedBy, ...job }: ImportJobRecord): HotlineImportJob => {
  void startedBy;
  return job;
};
const mayImport = (actor: Actor) => !!actor.streetId && hasRole(actor, 'street_admin', 'community_admin');

/**
 * Starts importing an uploaded file. Primary course: the file must be the caller's own upload, a
 * CSV or JSON-lines file within the size limit; the job is stored with the idempotency key (a
 * retried tap returns the same job) and its first chunk runs at once.
 */
export async function startImportJob(
  deps: ImportJobDeps,
  actor: Actor,
  body: HotlineImportJobBody,
  key: string,
  now: Date,
): Promise<{ job: HotlineImportJob; created: boolean }> {
  if (!mayImport(actor)) throw new ForbiddenError('只有街道或社区可以导入工单文件');
  if (!body.fileKey.startsWith(uploadPrefix(actor.userId))) {
    throw new ValidationError('只能导入自己上传的文件', [{ field: 'fileKey', message: '只能导入自己上传的文件' }]);
  }
  const head = await deps.storage.head(body.fileKey);
  if (!head) throw new ValidationError('文件未上传成功', [{ field: 'fileKey', message: '文件未上传成功，请重新上传' }]);
  if (!(FILE_TYPES as readonly string[]).includes(head.contentType) || head.size > MAX_FILE_BYTES) {
    throw new ValidationError('文件格式或大小不符', [{ field: 'fileKey', message: '只能导入 10 MB 以内的 CSV 或 JSON Lines 文件' }]);
  }
  const claim = claimFor('requests.hotlineImportJob', actor.userId, key, body, now, deps.hash);
  const at = now.toISOString();
  const job: ImportJobRecord = {
    id: deps.newId(),
    source: body.source,
    fileKey: body.fileKey,
    status: 'queued',
    total: null,
    processed: 0,
    imported: 0,
    duplicates: 0,
    failed: 0,
    failures: [],
    error: null,
    createdAt: at,
    updatedAt: at,
    finishedAt: null,
    startedBy: { userId: actor.userId, roles: actor.roles, streetId: actor.streetId, communityId: actor.communityId, gridId: actor.gridId },
  };
  const once = await deps.importJobs.create(job, claim);
  if (!once.created) {
    const earlier = await deps.importJobs.get(replayOf(claim, once.receipt).jobId);
    if (!earlier) throw new NotFoundError('导入任务');
    return { job: toView(earlier), created: false };
  }
  // The first chunk at once, so that small files are done when the answer comes; the tick does the rest (or this chunk, if it failed).
  const first = await runChunk(deps, job, now).catch(() => null);
  return { job: toView(first ?? (await deps.importJobs.get(job.id)) ?? job), created: true };
}

/** A job's progress and, once done, its report: to whoever started it, or an admin of his street. */
export async function getImportJob(deps: ImportJobDeps, actor: Actor, id: string): Promise<HotlineImportJob> {
  const job = await deps.importJobs.get(id);
  if (!job) throw new NotFoundError('导入任务');
  const mine = job.startedBy.userId === actor.userId || (hasRole(actor, 'street_admin') && actor.streetId === job.startedBy.streetId);
  if (!mine) throw new ForbiddenError('只能查看本街道的导入任务');
  return toView(job);
}

const formatOf = (key: string): 'csv' | 'jsonl' => (key.endsWith('.csv') ? 'csv' : 'jsonl');

/**
 * Runs the job's next chunk and stores it (conditional on the cursor). Returns the job as stored,
 * or null when another run stored this chunk first.
 */
export async function runChunk(deps: ImportJobDeps, job: ImportJobRecord, now: Date): Promise<ImportJobRecord | null> {
  if (job.status === 'done' || job.status === 'failed') return job;
  const at = now.toISOString();
  let rows: FileRow[];
  try {
    const text = await deps.storage.readText(job.fileKey);
    if (text === null) throw new UnreadableFile('找不到上传的文件，请重新上传');
    rows = readTicketFile(formatOf(job.fileKey), text);
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    const failed: ImportJobRecord = { ...job, status: 'failed', error: e.message, updatedAt: at, finishedAt: at };
    return (await deps.importJobs.advance(failed, job.processed)) ? failed : null;
  }
  // One run per chunk: a second tick running the same rows would find the first one's tickets and count them as duplicates.
  if (!(await deps.importJobs.claimChunk(job.id, job.processed, at, new Date(now.getTime() + CHUNK_LEASE_MS).toISOString()))) return null;
  const chunk = rows.slice(job.processed, job.processed + CHUNK_ROWS);
  const good = chunk.filter((r): r is Extract<FileRow, { ticket: unknown }> => 'ticket' in r);
  const failures = chunk.filter((r): r is Extract<FileRow, { error: string }> => 'error' in r).map((r) => ({ row: r.row, externalId: r.externalId, reason: r.error }));
  let imported = 0;
  let duplicates = 0;
  if (good.length) {
    const actor: Actor = { ...job.startedBy };
    const out = await importHotlineTickets(deps, actor, { source: job.source, tickets: good.map((r) => r.ticket) }, now);
    out.items.forEach((item, i) => {
      if (item.outcome === 'created') imported++;
      else if (item.outcome === 'duplicate') duplicates++;
      else failures.push({ row: good[i]!.row, externalId: item.externalId, reason: item.error ?? '导入失败' });
    });
  }
  failures.sort((a, b) => a.row - b.row);
  const processed = job.processed + chunk.length;
  const done = processed >= rows.length;
  const next: ImportJobRecord = {
    ...job,
    status: done ? 'done' : 'running',
    total: rows.length,
    processed,
    imported: job.imported + imported,
    duplicates: job.duplicates + duplicates,
    failed: job.failed + failures.length,
    failures: [...job.failures, ...failures].slice(0, MAX_FAILURES_KEPT),
    updatedAt: at,
    finishedAt: done ? at : null,
  };
  return (await deps.importJobs.advance(next, job.processed)) ? next : null;
}

/** The tick's part: runs chunks of unfinished jobs, oldest first, up to `budget` rows a tick. */
export async function runImportJobs(deps: ImportJobDeps, now: Date, budget: number): Promise<{ rows: number; more: boolean }> {
  let rows = 0;
  for (const job of await deps.importJobs.running(10)) {
    let current: ImportJobRecord | null = job;
    while (current && current.status !== 'done' && current.status !== 'failed' && rows < budget) {
      const before: number = current.processed;
      current = await runChunk(deps, current, now);
      rows += Math.max(CHUNK_ROWS / 10, (current?.processed ?? before) - before);
    }
    if (rows >= budget) return { rows, more: true };
  }
  return { rows, more: (await deps.importJobs.running(1)).length > 0 };
}

export const hotlineImportTask = (deps: ImportJobDeps): TickTask => ({
  name: 'requests.hotlineImports',
  budget: 2000,
  async run(now, budget) {
    const { rows, more } = await runImportJobs(deps, now, budget);
    return { handled: rows, more };
  },
});
