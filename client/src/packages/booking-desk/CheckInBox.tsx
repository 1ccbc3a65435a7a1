import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import type { BookingDto } from '@linli/shared';
import { checkIn } from '../../services/booking-desk';
import { errorMessage, isApiError } from '../../services/request';
import { canScan, scanQr, sixDigitsOf } from '../../services/scan';

/** 2026-12-08 in the server's words read as 12月8日. */
const readable = (what: string): string => what.replace(/\b\d{4}-(\d{2})-(\d{2})\b/g, (_, m: string, d: string) => `${Number(m)}月${Number(d)}日`);

/** Why a code was refused, in words the desk can say to the person in front of it. */
function refusal(e: unknown): string {
  if (isApiError(e) && e.status === 404) return '今天没有这个预约码，请核对后再输入';
  return readable(errorMessage(e));
}

/**
 * The big box at the top of today's sheet: 扫码签到 in the mini-program (the person's QR code), or
 * the six digits he reads out typed in large; the one checked in is named, or why not.
 */
export function CheckInBox({ centreId, onCheckedIn }: { centreId: string; onCheckedIn: (b: BookingDto) => void }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<BookingDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scanner = canScan();

  const send = async (text: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const { booking } = await checkIn(centreId, text);
      setDone(booking);
      setCode('');
      onCheckedIn(booking);
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  };
  const typed = () => {
    const digits = code.replace(/\D/g, '');
    if (digits.length !== 6) return setError('请输入 6 位预约码');
    void send(digits);
  };
  const scan = async () => {
    const read = await scanQr({ onlyQr: true });
    if (read?.result) void send(sixDigitsOf(read.result) ?? read.result);
  };

  return (
    <View className='card dk-checkin' data-testid='checkin-box'>
      <View className='title'>到场签到</View>
      {scanner && (
        <Button className='btn' data-testid='checkin-scan' disabled={busy || undefined} onClick={() => void scan()}>
          扫码签到
        </Button>
      )}
      <View className='muted' style={{ marginTop: '16px' }}>
        {scanner ? '或输入居民报出的 6 位预约码' : '输入居民报出的 6 位预约码'}
      </View>
      <Input
        className='input dk-code'
        data-testid='checkin-code'
        type='number'
        maxlength={6}
        value={code}
        placeholder='6 位预约码'
        onInput={(e) => setCode(e.detail.value)}
        onConfirm={typed}
      />
      <Button className={scanner ? 'btn-plain' : 'btn'} data-testid='checkin-submit' loading={busy} disabled={busy || undefined} onClick={typed}>
        签到
      </Button>
      {done && (
        <View className='dk-ok' data-testid='checkin-result'>
          ✓ 已签到：{done.personName}
          <View className='dk-ok-sub'>
            {done.offeringName} · {done.start}–{done.end}
          </View>
        </View>
      )}
      {error && (
        <View className='error' style={{ marginTop: '16px', marginBottom: 0 }} data-testid='checkin-error'>
          {error}
        </View>
      )}
    </View>
  );
}
