/**
 * Short numeric codes people read out or scan (a booking's confirmation code, a reward's pickup
 * code): six digits, unique within a scope the caller's write enforces (a conditional put of the
 * code's item), a clash retried with another code.
 */
import { ConflictError } from './errors';

/** A six-digit code from four random bytes. */
export function sixDigits(randomBytes: (n: number) => Uint8Array): string {
  const b = randomBytes(4);
  return String((((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0) % 1_000_000).padStart(6, '0');
}

/**
 * Runs `write` with a fresh code (or `keep` first), retrying when the write says the code is
 * taken (ConflictError `code_taken`), at most six times.
 */
export async function withFreshCode<T>(randomBytes: (n: number) => Uint8Array, write: (code: string) => Promise<T>, keep?: string): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write(attempt === 0 && keep ? keep : sixDigits(randomBytes));
    } catch (e) {
      if (!(e instanceof ConflictError && e.code === 'code_taken') || attempt >= 5) throw e;
    }
  }
}
