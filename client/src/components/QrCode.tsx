import { Image } from '@tarojs/components';
import { useMemo } from 'react';
import qrcode from 'qrcode-generator';

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

/** The QR code image (nothing when the text cannot be encoded). Invitations and family codes use it. */
export function QrCode({ text, testid }: { text: string; testid: string }) {
  const src = useMemo(() => qrDataUrl(text), [text]);
  return src ? <Image className='qr' src={src} mode='aspectFit' data-testid={testid} /> : null;
}
