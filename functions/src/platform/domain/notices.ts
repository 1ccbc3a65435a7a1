/**
 * Subscribe messages through the outbox: a job renders the message and leaves it under the
 * `notice` topic with its change; delivery uses up one of the recipient's consents for the
 * template (none left: dropped), then sends. A send WeChat could not take gives the consent back
 * and is retried.
 */
import type { ConsentStore } from '../ports/consents';
import type { Messenger, SubscribeMessage } from '../ports/messenger';
import type { OutboxMessage, TopicHandler } from './outbox';

export const NOTICE_TOPIC = 'notice';

/** At most this many messages leave with one change (a transaction holds at most 100 writes). */
export const MAX_NOTICES_PER_CHANGE = 50;

export const noticeMessage = (subject: string, m: SubscribeMessage, dueAt?: string): OutboxMessage => ({
  topic: NOTICE_TOPIC,
  subject,
  payload: { ...m },
  ...(dueAt ? { dueAt } : {}),
});

/** Clips a template field to WeChat's limit (thing: 20 characters, phrase: 5). */
export const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function noticeHandler(consents: ConsentStore, messenger: Messenger): TopicHandler {
  return async (entry) => {
    const m = entry.payload as unknown as SubscribeMessage;
    if (!(await consents.consume(m.userId, m.templateId))) return 'drop';
    const outcome = await messenger.send(m);
    if (outcome === 'failed') {
      await consents.restore(m.userId, m.templateId);
      return 'retry';
    }
    return outcome === 'sent' ? 'done' : 'drop';
  };
}
