import { Image } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import qrcode from 'qrcode-generator';
import type { MiniProgramCodeResponse } from '@linli/shared';
import { api, type Out } from '../services/request';

/** "ABCD EFGH": an 8-character code in two groups of four, easy to read out over the phone. */
export const spacedCode = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * A QR code of `text` (a mini-program page path), drawn here as a GIF data URL (no network). The
 * mini-program's 扫码 on 我的 opens it; WeChat's own scanner needs the server's mini-program code
 * (wxacode) instead.
 */
function qrDataUrl(text: string): string | null {
  try {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    return qr.createDataURL(8, 16);
  } catch {
    return null;
  }
}

/**
 * The QR code image (nothing when the text cannot be encoded). Invitations and family codes use it.
 * In the mini-program, given `wxacode` (the API path of the code's 小程序码), it shows WeChat's own
 * mini-program code instead, which WeChat's scanner opens straight at the page; the drawn QR stays
 * as the fallback (and is what H5 shows).
 */
export function QrCode({ text, testid, wxacode }: { text: string; testid: string; wxacode?: string }) {
  const src = useMemo(() => qrDataUrl(text), [text]);
  const [official, setOfficial] = useState<string | null>(null);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp' || !wxacode) return;
    let live = true;
    api<Out<typeof MiniProgramCodeResponse>>('GET', wxacode)
      .then((r) => live && setOfficial(r.image))
      .catch(() => undefined); // keep the drawn QR
    return () => {
      live = false;
    };
  }, [wxacode]);
  const shown = official ?? src;
  return shown ? <Image className='qr' src={shown} mode='aspectFit' data-testid={testid} /> : null;
}
