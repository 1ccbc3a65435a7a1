/**
 * 隐私授权: the one place that decides whether location, the phone number or photos may be used.
 *
 * `ensurePrivacy(purpose)` resolves true once the user has agreed to the current version of
 * 《邻里隐私保护指引》 (or nothing needs agreeing) and false when he declines. When he has to be
 * asked, our own popup (components/PrivacyPopup, mounted once on each page that uses these) shows
 * why this purpose needs it. In the mini-program `startPrivacyFlow()` (app start) also sends every
 * platform request (wx.onNeedPrivacyAuthorization, raised by any privacy API or component) to the
 * same popup; its 同意 button is an `open-type="agreePrivacyAuthorization"` button whose id goes
 * back to the platform. H5 has no platform flow: the agreement is kept in storage, so the browser
 * shows the same popup. Bumping PRIVACY_VERSION asks everyone again.
 *
 * Browser tests drive it before the app loads: `window.__linliPrivacy = 'agreed'` counts as agreed,
 * `'declined'` as declined without a popup (H5 only).
 */
import Taro from '@tarojs/taro';

export type PrivacyPurpose = 'location' | 'phone' | 'photos';

/** Bump when 《邻里隐私保护指引》 changes what we collect or why: everyone is asked again. */
export const PRIVACY_VERSION = 1;
export const PRIVACY_UPDATED = '2026 年 12 月 3 日';
export const PRIVACY_KEY = 'privacy-agreed-v1';
export const PRIVACY_PAGE = '/packages/privacy/index';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** What is being asked (null purpose: a platform request we cannot name, e.g. the clipboard). */
export interface PrivacyAsk {
  purpose: PrivacyPurpose | null;
}
export interface PrivacyState {
  ask: PrivacyAsk | null;
  /** The popup that shows it: the one on the page in front. */
  popup: number | null;
}
interface Agreement {
  version: number;
  at: string;
}
type PlatformResolve = (o: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

let pending: { ask: PrivacyAsk; waiters: ((agreed: boolean) => void)[]; platform: PlatformResolve[] } | null = null;
/** Declined since the app started: pages that ask on their own (not from a tap) do not ask again. */
let declinedThisRun = false;
/** Mounted popups on pages in front, in the order they came forward; the last one shows the ask. */
const popups: number[] = [];
let nextPopup = 1;
const listeners = new Set<() => void>();
let state: PrivacyState = { ask: null, popup: null };

function emit() {
  state = { ask: pending?.ask ?? null, popup: popups[popups.length - 1] ?? null };
  for (const l of [...listeners]) l();
}

export const getPrivacyState = (): PrivacyState => state;
export function subscribePrivacy(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A popup instance: shown while its page is in front (mount, useDidShow), hidden with it (useDidHide, unmount). */
export const newPopupId = () => nextPopup++;
export function setPopupShown(id: number, shown: boolean) {
  const i = popups.indexOf(id);
  if (i >= 0) popups.splice(i, 1);
  if (shown) popups.push(id);
  emit();
}

export function storedAgreement(): Agreement | null {
  const a = Taro.getStorageSync<Agreement | ''>(PRIVACY_KEY);
  return a && typeof a.version === 'number' ? a : null;
}
const agreedToCurrent = () => storedAgreement()?.version === PRIVACY_VERSION;

function testHook(): 'agreed' | 'declined' | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null;
  const v = (window as { __linliPrivacy?: unknown }).__linliPrivacy;
  return v === 'agreed' || v === 'declined' ? v : null;
}

/** weapp: whether WeChat still wants the user's agreement (false where the base library is too old to ask). */
function platformNeedsAgreement(): Promise<boolean> {
  if (!isWeapp || typeof Taro.getPrivacySetting !== 'function') return Promise.resolve(false);
  return new Promise((resolve) => {
    Taro.getPrivacySetting({ success: (r) => resolve(r.needAuthorization), fail: () => resolve(false) });
  });
}

/** Whether the current notice is agreed to, without asking. */
export async function privacyAgreed(): Promise<boolean> {
  if (testHook() === 'agreed') return true;
  return agreedToCurrent() && !(await platformNeedsAgreement());
}

function settle(agreed: boolean, buttonId?: string) {
  const p = pending;
  pending = null;
  if (agreed) {
    Taro.setStorageSync(PRIVACY_KEY, { version: PRIVACY_VERSION, at: new Date().toISOString() } satisfies Agreement);
    declinedThisRun = false;
  } else {
    declinedThisRun = true;
  }
  emit();
  for (const r of p?.platform ?? []) r(agreed && buttonId ? { event: 'agree', buttonId } : { event: 'disagree' });
  for (const w of p?.waiters ?? []) w(agreed);
}

/** 同意并继续 (weapp: from the agreePrivacyAuthorization button's event, with that button's id). */
export const agreePrivacy = (buttonId?: string) => settle(true, buttonId);
/** 不同意. */
export const declinePrivacy = () => settle(false);

/** No popup on the page in front (it should not happen): say why the feature stops, offer the notice. */
function askWithoutPopup(): false {
  void Taro.showModal({
    title: '隐私保护提示',
    content: '使用这项功能前，请先阅读并同意《邻里隐私保护指引》。',
    confirmText: '查看指引',
    cancelText: '不同意',
  }).then((r) => {
    if (r.confirm) void Taro.navigateTo({ url: PRIVACY_PAGE });
  });
  return false;
}

function ask(purpose: PrivacyPurpose | null, platform?: PlatformResolve): Promise<boolean> {
  return new Promise((resolve) => {
    if (pending) {
      // One popup at a time: whoever asks meanwhile gets the same answer.
      pending.waiters.push(resolve);
      if (platform) pending.platform.push(platform);
      return;
    }
    if (state.popup === null) {
      platform?.({ event: 'disagree' });
      resolve(askWithoutPopup());
      return;
    }
    pending = { ask: { purpose }, waiters: [resolve], platform: platform ? [platform] : [] };
    platform?.({ event: 'exposureAuthorization' });
    emit();
  });
}

/**
 * Before using location, the phone number or photos. `auto`: the page asks on its own (not from a
 * tap); if the user has already said no since the app started, he is not asked again.
 */
export async function ensurePrivacy(purpose: PrivacyPurpose, opts: { auto?: boolean } = {}): Promise<boolean> {
  const hook = testHook();
  if (hook) return hook === 'agreed';
  if (await privacyAgreed()) return true;
  if (opts.auto && declinedThisRun) return false;
  return ask(purpose);
}

const PURPOSE_OF_REFERRER: [RegExp, PrivacyPurpose][] = [
  [/location|poi/i, 'location'],
  [/phone/i, 'phone'],
  [/image|media|video|photo/i, 'photos'],
];

/** App start (weapp): every privacy API or component that still needs the user's agreement comes here. */
export function startPrivacyFlow() {
  if (!isWeapp || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve, info) => {
    const referrer = info?.referrer ?? '';
    const purpose = PURPOSE_OF_REFERRER.find(([re]) => re.test(referrer))?.[1] ?? null;
    void ask(purpose, resolve);
  });
}
