/**
 * Subscribe-message consents (订阅消息授权) per user and template. A one-time consent allows one
 * message (WeChat counts them per user and template, not per item); a long-term template, where the
 * platform has one, allows messages until the user turns it off.
 */
export interface ConsentStore {
  /** Which of these (user, template) pairs may receive a message now: `${userId}|${templateId}`. */
  available(pairs: readonly { userId: string; templateId: string }[]): Promise<Set<string>>;
  /** Uses up one consent (not for long-term templates); false when none is left. */
  consume(userId: string, templateId: string): Promise<boolean>;
  /** Gives back a consent whose message WeChat did not take. */
  restore(userId: string, templateId: string): Promise<void>;
}

export const consentPair = (userId: string, templateId: string): string => `${userId}|${templateId}`;
