/**
 * A deleted account's name and phone leave every request it filed or acted on: the handler of the
 * identity job's `USER_ERASED` event, delivered at least once (each step is idempotent). The
 * requests themselves stay, for the street's records and the loop's measures.
 */
import { ERASED_NAME, type UserErased } from '../../platform/domain/events';
import type { AtLeastOnce } from '../../platform/domain/outbox';
import type { RequestRepository } from '../ports';

export const erasureHandler = (deps: { requests: RequestRepository }): AtLeastOnce => ({
  async atLeastOnce(entry) {
    const { userId } = entry.payload as unknown as UserErased;
    let cursor: string | undefined;
    do {
      const page = await deps.requests.listOfReporter(userId, cursor, 50);
      for (const r of page.items) await deps.requests.eraseActor(r.id, userId, ERASED_NAME);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return 'done';
  },
});
