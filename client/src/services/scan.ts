/**
 * 扫码: the one place that reads a QR code. In the mini-program it is WeChat's scanner; Taro's H5
 * build has no scanner, so there the pages offer typing the code instead and `canScan()` is false.
 *
 * Browser tests drive it before the app loads (H5 only): `window.__linliScan = { result, path? }`
 * (or an array of them, one per scan) is what the next scan reads; `null` is a scan cancelled.
 */
import Taro from '@tarojs/taro';

export interface Scanned {
  /** The text in the code (for ours: a six-digit code, or a page path with its code). */
  result: string;
  /** A mini-program code's page path, when the code is one. */
  path: string;
}
type Hooked = { result: string; path?: string } | null;

function testHook(): { next: () => Hooked } | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null;
  const w = window as { __linliScan?: Hooked | Hooked[] };
  if (w.__linliScan === undefined) return null;
  return { next: () => (Array.isArray(w.__linliScan) ? (w.__linliScan.shift() ?? null) : (w.__linliScan ?? null)) };
}

/** Whether a 扫码 button can be offered here. */
export const canScan = (): boolean => process.env.TARO_ENV === 'weapp' || testHook() !== null;

/** Opens the camera scanner; null when the person closed it (nothing to say then). */
export async function scanQr(options: { onlyQr?: boolean } = {}): Promise<Scanned | null> {
  const hook = testHook();
  if (hook) {
    const r = hook.next();
    return r ? { result: r.result, path: r.path ?? '' } : null;
  }
  try {
    const res = await Taro.scanCode(options.onlyQr ? { onlyFromCamera: true, scanType: ['qrCode'] } : {});
    return { result: res.result ?? '', path: res.path ?? '' };
  } catch {
    return null; // closed the scanner
  }
}

/** The six-digit code in what was read or typed (spaces allowed), or null. */
export const sixDigitsOf = (text: string): string | null => /\d{6}/.exec(text.replace(/\s/g, ''))?.[0] ?? null;
