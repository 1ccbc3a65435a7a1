/**
 * One 共建单位: its name, contact and how many reported in. Staff see its 报到码 large; anyone else
 * reports in here with the six-digit code (asked first: it cannot be undone), or reads 已报到.
 */
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { UnitDto } from '@linli/shared';
import { ErrorState } from '../../components/StateView';
import { errorMessage, fieldErrorsOf, isApiError } from '../../services/request';
import { reportInUnit } from '../../services/units';
import { spacedBookingCode } from '../../utils/booking-time';

/** A refused code in words: the server's reason with what to do (报到码不对，请向单位或社区确认报到码). */
function refusal(e: unknown): { code: string | null; other: string | null } {
  const field = fieldErrorsOf(e)?.code;
  if (!field) return { code: null, other: errorMessage(e) };
  const reason = isApiError(e) && e.message.includes('报到码') && !field.includes(e.message) ? `${e.message}，` : '';
  return { code: `${reason}${field}`, other: null };
}

function ReportIn({ unit: u, onDone }: { unit: UnitDto; onDone: (u: UnitDto) => void }) {
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    setError(null);
    const digits = code.replace(/\D/g, '');
    if (digits.length !== 6) return setCodeError('请输入 6 位报到码');
    setCodeError(null);
    const { confirm } = await Taro.showModal({
      title: `到「${u.name}」报到`,
      content: '报到后，社区会看到您是这个单位的在职党员，您可以认领单位的岗位，服务所得积分和时长也计入单位。报到后不能自己取消。',
      confirmText: '报到',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      onDone((await reportInUnit(u.id, digits)).unit);
    } catch (e) {
      const r = refusal(e);
      setCodeError(r.code);
      setError(r.other);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={`un-report-in ${codeError ? 'un-bad' : ''}`} data-testid='unit-report-in'>
      <View className='label'>我是本单位的在职党员：输入单位或社区给的 6 位报到码</View>
      <Input
        className='input un-code-input'
        data-testid='unit-code-input'
        type='number'
        maxlength={6}
        value={code}
        placeholder='6 位报到码'
        onInput={(e) => {
          setCode(e.detail.value);
          setCodeError(null);
        }}
        onConfirm={() => void send()}
      />
      {codeError && (
        <View className='field-error' data-testid='error-code'>
          {codeError}
        </View>
      )}
      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='unit-report-in-send' loading={busy} disabled={busy || undefined} onClick={() => void send()}>
        报到
      </Button>
    </View>
  );
}

export function UnitCard({ unit: u, staff, onReportedIn }: { unit: UnitDto; staff: boolean; onReportedIn: (u: UnitDto) => void }) {
  return (
    <View className='card' data-testid='unit-card' data-id={u.id}>
      <View className='un-head'>
        <View className='un-name' data-testid='unit-name'>
          {u.name}
        </View>
        {u.mine && (
          <Text className='tag tag-open' data-testid='unit-status'>
            已报到
          </Text>
        )}
      </View>
      {u.contact && (
        <View className='un-line' data-testid='unit-contact'>
          <Text className='un-key'>联系人：</Text>
          {u.contact}
        </View>
      )}
      <View className='un-line' data-testid='unit-members'>
        <Text className='un-key'>已报到成员：</Text>
        {`${u.members} 人`}
      </View>
      {staff && u.joinCode && (
        <View className='un-code-box' data-testid='unit-code-box'>
          <View className='un-code-label'>报到码</View>
          <View className='code-big' data-testid='unit-code'>
            {spacedBookingCode(u.joinCode)}
          </View>
          <View className='un-code-hint'>请告诉单位联系人。成员在“积分 › 共建单位报到”里输入这 6 位数字报到。</View>
        </View>
      )}
      {!staff && u.mine && (
        <>
          <View className='un-done' data-testid='unit-done'>
            您已报到为本单位成员。本单位的岗位在“志愿活动”里认领，服务积分同时计入单位。
          </View>
          <Button className='btn-plain' data-testid='unit-open-activities' onClick={() => void Taro.navigateTo({ url: '/packages/activities/index' })}>
            去认领岗位
          </Button>
        </>
      )}
      {!staff && !u.mine && <ReportIn unit={u} onDone={onReportedIn} />}
    </View>
  );
}
