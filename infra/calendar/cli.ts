/**
 * The holiday calendar from the command line (a deploy step, or when the State Council publishes
 * next year's arrangement):
 *
 *   npm run calendar -- list
 *   npm run calendar -- load infra/calendar/2026.json
 *   npm run calendar -- load 2027.csv --year 2027
 *   npm run calendar -- seed            (every year shipped in infra/calendar/ that is not loaded yet)
 *
 * Writes to TABLE_NAME (and DYNAMODB_ENDPOINT when set) in AWS_REGION. Loading a year makes the
 * tick recompute the deadlines of open requests.
 */
import { DynamoCalendarStore } from '../../functions/src/platform/adapters/dynamodb/calendar';
import { makeDocumentClient } from '../../functions/src/platform/adapters/dynamodb/client';
import { readCalendarFile, shippedCalendars, type CalendarFile } from './files';

async function main(argv: string[]): Promise<void> {
  const [command, file] = argv;
  const yearAt = argv.indexOf('--year');
  const year = yearAt >= 0 ? Number(argv[yearAt + 1]) : undefined;
  const table = process.env.TABLE_NAME;
  if (!table) throw new Error('TABLE_NAME is not set');
  const doc = makeDocumentClient({ region: process.env.AWS_REGION ?? 'cn-northwest-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  const store = new DynamoCalendarStore(doc, table);
  const by = `cli:${process.env.USER ?? 'unknown'}`;
  const put = (f: CalendarFile) =>
    store.put({ year: f.year, holidays: f.body.holidays, workdays: f.body.workdays, source: f.body.source ?? null, loadedAt: new Date().toISOString(), loadedBy: by });
  try {
    if (command === 'list') {
      for (const y of await store.list()) console.log(`${y.year}\t${y.holidays.length} holidays\t${y.workdays.length} workdays\tloaded ${y.loadedAt} by ${y.loadedBy}`);
    } else if (command === 'load' && file) {
      const f = readCalendarFile(file, year);
      await put(f);
      console.log(`loaded ${f.year}: ${f.body.holidays.length} holidays, ${f.body.workdays.length} adjusted workdays`);
    } else if (command === 'seed') {
      const loaded = new Set((await store.list()).map((y) => y.year));
      for (const f of shippedCalendars()) if (!loaded.has(f.year)) await put(f);
    } else {
      throw new Error('usage: calendar list | load <file.json|file.csv> [--year yyyy] | seed');
    }
  } finally {
    doc.destroy();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
