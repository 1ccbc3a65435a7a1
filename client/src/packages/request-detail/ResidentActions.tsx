import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { RequestDetail } from '@linli/shared';
import { rateRequest, residentUpdate } from '../../services/requests';
import { YesNo } from '../../components/YesNo';
import { isOpen } from './access';
import type { ActionForm } from './useActionForm';
import { confirmations } from './wording';

/** The reporter's own actions: add information, withdraw while not yet accepted (asked first), rate once resolved. */
export function ResidentActions({ request: r, form }: { request: RequestDetail; form: ActionForm }) {
  const { run, busy, text, confirmThen } = form;
  const [score, setScore] = useState(0);
  const [solved, setSolved] = useState<boolean | null>(null);
  const [satisfied, setSatisfied] = useState<boolean | null>(null);
  const answered = score > 0 && solved !== null && satisfied !== null;
  const disabled = busy || undefined;
  return (
    <>
      {isOpen(r) && (
        <Button className='btn-plain' data-testid='action-add-info' disabled={disabled} onClick={() => void run(() => residentUpdate(r.id, { action: 'add_info', note: text }))}>
          补充信息
        </Button>
      )}
      {r.status === 'submitted' && (
        <Button className='btn-plain' data-testid='action-withdraw' disabled={disabled} onClick={() => void confirmThen(confirmations.withdraw(), () => run(() => residentUpdate(r.id, { action: 'withdraw' })))}>
          撤回
        </Button>
      )}
      {r.status === 'resolved' && (
        <View data-testid='rating'>
          <YesNo question='问题解决了吗？' yes='已解决' no='没有解决' value={solved} onChange={setSolved} testId='answer-solved' />
          <YesNo question='您对办理满意吗？' yes='满意' no='不满意' value={satisfied} onChange={setSatisfied} testId='answer-satisfied' />
          <View className='title'>给办理打个分</View>
          <View className='row' style={{ margin: '12px 0' }}>
            {[1, 2, 3, 4, 5].map((n) => (
              <Text
                key={n}
                data-testid={`star-${n}`}
                aria-label={`${n} 星`}
                style={{ fontSize: '56px', color: n <= score ? '#f5a623' : '#ccc', marginRight: '12px' }}
                onClick={() => setScore(n)}
              >
                ★
              </Text>
            ))}
          </View>
          <View className='muted'>选“不满意”将退回重新办理</View>
          {!answered && <View className='muted' data-testid='rating-missing'>请回答两个问题并打分后提交</View>}
          <Button
            className='btn'
            data-testid='submit-rating'
            disabled={busy || !answered || undefined}
            // A disabled button still taps on H5: nothing goes until both questions and the stars are answered.
            onClick={() => answered && void run(() => rateRequest(r.id, { score, comment: text.trim() || null, solved: solved ?? undefined, satisfied: satisfied ?? undefined }))}
          >
            提交评价
          </Button>
        </View>
      )}
    </>
  );
}
