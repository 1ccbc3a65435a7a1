/** What the simulation's test files share: the jest run's DynamoDB Local, a fresh table name, the run's log. */
import { randomBytes } from 'node:crypto';

export const simEndpoint = (): string => {
  const e = process.env.LINLI_TEST_DB;
  if (!e) throw new Error('LINLI_TEST_DB is not set: run through jest');
  return e;
};

export const simTable = (): string => `sim-${randomBytes(4).toString('hex')}`;

/** Collects the runs' log lines and prints the last few after the file (the CI log shows how far it got). */
export function simLog(): { lines: string[]; log: (m: string) => void } {
  const lines: string[] = [];
  afterAll(() => {
    process.stdout.write(`${lines.filter((l) => !l.startsWith('1/')).slice(-4).join('\n')}\n`);
  });
  return { lines, log: (m) => void lines.push(m) };
}
