/** The kept draft of 反映问题 in the phone's storage, one per user (the rules are in logic.ts). */
import Taro from '@tarojs/taro';
import { type Draft, draftKey, hasContent, parseDraft } from './logic';

export const loadDraft = (userId: string): Draft | null => {
  try {
    return parseDraft(Taro.getStorageSync(draftKey(userId)));
  } catch {
    return null;
  }
};

/** Keeps what is filled in (an empty form removes the draft). */
export function saveDraft(userId: string, draft: Draft): void {
  try {
    if (hasContent(draft)) Taro.setStorageSync(draftKey(userId), { ...draft, savedAt: new Date().toISOString() });
    else Taro.removeStorageSync(draftKey(userId));
  } catch {
    /* storage full or unavailable: the form still works, only without a kept draft */
  }
}

export const clearDraft = (userId: string): void => {
  try {
    Taro.removeStorageSync(draftKey(userId));
  } catch {
    /* nothing kept */
  }
};
