import type { ErrandDto, ErrandStep } from '@linli/shared';

/** The buttons of the steps, and what each means, said before it is taken. */
export const STEP_LABELS: Record<ErrandStep, string> = { accept: '受理', collect: '已收材料', handle: '已办理', return: '已送回', cancel: '取消代办' };
export const STEP_CONFIRMS: Record<ErrandStep, string> = {
  accept: '确认受理这件代办？受理后由您负责办理，居民会看到您的名字。',
  collect: '确认已经从居民那里收到办理需要的材料？',
  handle: '确认已经在窗口办理完成？',
  return: '确认办理结果（证件、材料）已经送回居民手中？确认后这件代办就办结了。',
  cancel: '确认取消这件代办？取消后不能恢复，如果还要办，需要重新申请。',
};
export const STEP_NOTE_HINTS: Record<ErrandStep, string> = {
  accept: '如：明天上午 9 点上门',
  collect: '如：已收身份证、照片',
  handle: '如：优待证已办好',
  return: '如：已送到家，本人签收',
  cancel: '如：居民已自己去办',
};

/** The colour of a status tag: open ones amber, done green, cancelled grey. */
export const statusTag = (s: ErrandDto['status']): string => (s === 'returned' ? 'tag-open' : s === 'cancelled' ? 'tag-closed' : 'tag-warn');

export const detailUrl = (id: string) => `/packages/errands/detail?id=${id}`;
