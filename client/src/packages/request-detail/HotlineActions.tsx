import { Button, Picker, View } from '@tarojs/components';
import { useState } from 'react';
import type { RequestDetail } from '@linli/shared';
import type { ActionForm } from './useActionForm';
import { endOfChinaWorkday, hotlineConfirmations } from './wording';

/** Tomorrow as the date picker writes it (China date). */
const tomorrow = (): string => new Date(Date.now() + 8 * 3600_000 + 86400_000).toISOString().slice(0, 10);

/**
 * What staff may do on a 12345 ticket besides the usual steps: give it back to the hotline (退回热线,
 * it ends here) and ask the platform for more time (延期申请: a new date, the reason from the text
 * above). Both are confirmed first and sent to the platform; its answer shows on the item.
 */
export function HotlineActions({ request: r, form }: { request: RequestDetail; form: ActionForm }) {
  const { act, busy, text, confirmThen } = form;
  const [date, setDate] = useState('');
  const reason = text.trim();
  const pending = r.hotline?.extension?.status === 'pending';
  return (
    <View className='card' data-testid='hotline-actions' style={{ marginTop: '16px' }}>
      <View className='muted'>12345热线工单：办结后办理结果会自动回复热线平台</View>
      {!pending && (
        <View className='row wrap' style={{ alignItems: 'center' }}>
          <Picker mode='date' value={date || tomorrow()} start={tomorrow()} onChange={(e) => setDate(String(e.detail.value))}>
            <View className='chip' data-testid='extension-date'>
              {date ? `延至 ${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日` : '选择延期日期'}
            </View>
          </Picker>
          <Button
            className='btn-plain'
            data-testid='action-extension'
            disabled={busy || !date || undefined}
            onClick={() =>
              void confirmThen(hotlineConfirmations.extension(date, reason), () => act({ action: 'request_extension', reason: text, dueAt: endOfChinaWorkday(date) }), '延期理由')
            }
          >
            申请延期
          </Button>
        </View>
      )}
      <Button
        className='btn-plain'
        data-testid='action-return-hotline'
        disabled={busy || undefined}
        onClick={() => void confirmThen(hotlineConfirmations.returnToHotline(reason), () => act({ action: 'return_to_hotline', reason: text }), '退回理由')}
      >
        退回12345热线
      </Button>
    </View>
  );
}
