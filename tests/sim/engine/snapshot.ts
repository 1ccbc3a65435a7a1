/**
 * The store as it was at the end of each whole day: after a day's checks the simulation copies
 * DynamoDB Local's file (the run is quiet then: nothing in flight, every write committed), and a
 * resumed run puts that copy back before DynamoDB Local starts. So a run stopped in the middle of a
 * day resumes from exactly the state its checkpoint describes, and replays the day from its start
 * without meeting the half of it that had already happened.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** DynamoDB Local's one file with `-sharedDb`. */
const DB_FILE = 'shared-local-instance.db';
const snapshotName = (day: number): string => `day-${String(day).padStart(3, '0')}.db`;

/** Copies the store after `day` whole days (keeps only the newest copy). Nothing when the run has no files of its own. */
export function snapshotStore(dataDir: string, snapshotDir: string, day: number): boolean {
  const db = path.join(dataDir, DB_FILE);
  if (!existsSync(db)) return false;
  mkdirSync(snapshotDir, { recursive: true });
  const target = path.join(snapshotDir, snapshotName(day));
  copyFileSync(db, `${target}.tmp`);
  renameSync(`${target}.tmp`, target);
  for (const f of readdirSync(snapshotDir)) if (f !== snapshotName(day)) rmSync(path.join(snapshotDir, f), { force: true });
  return true;
}

/** Removes DynamoDB Local's file (and its journal) from `dataDir`, nothing else there. */
export function clearStore(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  for (const f of readdirSync(dataDir)) if (f.startsWith(DB_FILE)) rmSync(path.join(dataDir, f), { force: true });
}

/** Puts back the store as it was after `day` whole days, if that copy exists (before DynamoDB Local starts). */
export function restoreStore(dataDir: string, snapshotDir: string, day: number): boolean {
  const copy = path.join(snapshotDir, snapshotName(day));
  if (!existsSync(copy)) return false;
  mkdirSync(dataDir, { recursive: true });
  clearStore(dataDir);
  copyFileSync(copy, path.join(dataDir, DB_FILE));
  return true;
}
