import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { RequestDetail } from '@linli/shared';
import { rateRequest, residentUpdate } from '../../services/requests';
import { isOpen } from './access';
import type { ActionForm } from './useActionForm';
import { confirmations } from './wording';

/** The reporter's own actions: add information, withdraw while not yet accepted (asked first), rate once resolved. */
export function ResidentActions({ request: r, form }: { request: RequestDetail; form: ActionForm }) {
  const { run, busy, text, confirmThen } = form;
  const [score, setScore] = useState(0);
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
          <View className='title'>对办理结果满意吗？</View>
          <View className='row' style={{ margin: '12px 0' }}>
            {[1, 2, 3, 4, 5].map((n) => (
              <Text key={n} data-testid={`star-${n}`} style={{ fontSize: '56px', color: n <= score ? '#f5a623' : '#ccc', marginRight: '12px' }} onClick={() => setScore(n)}>
                ★
              </Text>
            ))}
          </View>
          <View className='muted'>1–2 星将退回重新办理</View>
          <Button className='btn' data-testid='submit-rating' disabled={busy || score === 0 || undefined} onClick={() => void run(() => rateRequest(r.id, { score, comment: text.trim() || null }))}>
            提交评价
          </Button>
        </View>
      )}
    </>
  );
}
