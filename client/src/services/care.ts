/**
 * 关怀模式 (care mode, for elders): every page drawn larger — text, headings and touch targets
 * scaled by CARE_ZOOM (body text ≥ 18 px, targets ≥ 60×60 px) — with more space between lines.
 *
 * It follows WeChat's own font size (`getAppBaseInfo().fontSizeScaleFactor`: a person who raised
 * WeChat's text two steps or more gets it) until he switches it on or off in 我的, which is kept.
 * H5 has no WeChat setting: only the switch. Each page root takes `pageClass()`, so the mode is
 * read when a page is drawn; switching reopens the app so every page is drawn afresh.
 *
 * Browser tests set the stored choice before the app loads (localStorage `care-mode`, as Taro
 * stores it: `{"data":"on"}`).
 */
import Taro from '@tarojs/taro';

export const CARE_KEY = 'care-mode';
/** How much larger everything is in care mode: 44 px targets become 60.5 px, 14 px text 19.25 px. */
export const CARE_ZOOM = 1.375;
/** WeChat's font scale from which care mode is on by itself (iOS: 19.5 px of the standard 17 px). */
const LARGE_FONT_SCALE = 1.14;

type Choice = 'on' | 'off' | '';
let choice: Choice | null = null;

function stored(): Choice {
  if (choice === null) {
    const v = Taro.getStorageSync<Choice>(CARE_KEY);
    choice = v === 'on' || v === 'off' ? v : '';
  }
  return choice;
}

/** Whether WeChat's text is set large (never in H5). */
export function wechatLargeFont(): boolean {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.getAppBaseInfo !== 'function') return false;
  try {
    const info = Taro.getAppBaseInfo() as { fontSizeScaleFactor?: number; fontSizeSetting?: number };
    const scale = info.fontSizeScaleFactor ?? (info.fontSizeSetting ? info.fontSizeSetting / 17 : 1);
    return scale >= LARGE_FONT_SCALE;
  } catch {
    return false;
  }
}

/** Whether pages are drawn in care mode now. */
export function careMode(): boolean {
  const c = stored();
  return c === '' ? wechatLargeFont() : c === 'on';
}

/** Whether the mode is the person's own choice (else it follows WeChat's font size). */
export const careChosen = (): boolean => stored() !== '';

/** Keeps the person's choice and reopens the app on 我的 so that every page is drawn in it. */
export function setCareMode(on: boolean): void {
  choice = on ? 'on' : 'off';
  Taro.setStorageSync(CARE_KEY, choice);
  markDocument();
  void Taro.reLaunch({ url: '/pages/me/index' });
}

/** The class of a page's root: `page`, the page's own classes, and `care` in care mode. */
export const pageClass = (own = ''): string => `page${own ? ` ${own}` : ''}${careMode() ? ' care' : ''}`;

/** H5: the document knows the mode too (the tab bar and dialogs live outside the pages). */
export function markDocument(): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.body.classList.toggle('care-mode', careMode());
}
