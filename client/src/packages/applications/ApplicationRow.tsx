import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { APPLICATION_STATUS_LABELS, type ApplicationDto, DecisionBody } from '@linli/shared';
import { ErrorState } from '../../components/StateView';
import { errorMessage, isApiError } from '../../services/request';
import { decideApplication } from '../../services/riders';
import { formatTime } from '../../utils/format';

const TAG: Record<ApplicationDto['status'], string> = { pending: 'tag-warn', approved: 'tag-open', rejected: 'tag-closed' };

/** What deciding does, said before it is done (a decision is final; an approval is undone by revoking in 人员邀请). */
const warning = (a: ApplicationDto, approve: boolean): string =>
  approve
    ? `通过后，${a.applicantName}将立即担任兼职网格员，负责${a.placeName}。以后可在“人员邀请”的邀请记录中撤销。`
    : `不通过后，${a.applicantName}的这份申请将结束，审核结果不能更改。`;

/**
 * One application: who, which grid, his words, when; for a pending one 审核意见 (optional) and
 * 通过 / 不通过, each after a confirmation. `onDecided` gets the application as it is now; `onStale`
 * asks for the list again when someone else decided first.
 */
export function ApplicationRow({ application: a, onDecided, onStale }: { application: ApplicationDto; onDecided: (a: ApplicationDto) => void; onStale: () => void }) {
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);

  const decide = async (approve: boolean) => {
    const checked = DecisionBody.safeParse({ approve, ...(note.trim() ? { note } : {}) });
    if (!checked.success) return setNoteError(checked.error.issues[0]?.message ?? '审核意见有误');
    const { confirm } = await Taro.showModal({
      title: approve ? '通过申请' : '不通过申请',
      content: warning(a, approve),
      confirmText: approve ? '通过' : '不通过', // WeChat takes at most 4 characters
      cancelText: '再想想',
      confirmColor: approve ? '#1a7f37' : '#c8372d',
    });
    if (!confirm) return;
    setBusy(approve ? 'approve' : 'reject');
    setError(null);
    try {
      onDecided((await decideApplication(a.id, checked.data)).application);
      void Taro.showToast({ title: approve ? '已通过' : '已设为未通过', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e)); // 该申请已审核 / 申请人已担任其他岗位: the server says which
      if (isApiError(e) && e.status === 409) onStale();
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className='invite-row' data-testid={`application-${a.id}`}>
      <View className='row between'>
        <Text className='resident-name' data-testid='applicant-name'>
          {a.applicantName}
        </Text>
        <Text className={`tag ${TAG[a.status]}`} data-testid='application-status'>
          {APPLICATION_STATUS_LABELS[a.status]}
        </Text>
      </View>
      <View className='invite-role'>申请担任兼职网格员</View>
      <View data-testid='application-place'>{a.placeName}</View>
      <View style={{ marginTop: '8px' }} data-testid='application-note'>
        “{a.note}”
      </View>
      <View className='muted'>{formatTime(a.createdAt)} 申请</View>
      {a.decidedAt && (
        <View className='muted' data-testid='application-decided'>
          {formatTime(a.decidedAt)} {APPLICATION_STATUS_LABELS[a.status]}
          {a.decisionNote ? `：${a.decisionNote}` : ''}
        </View>
      )}
      {error && <ErrorState message={error} />}
      {a.status === 'pending' && (
        <View>
          <Input
            className='input'
            data-testid={`decision-note-${a.id}`}
            value={note}
            maxlength={200}
            placeholder='审核意见（选填）'
            onInput={(e) => {
              setNote(e.detail.value);
              setNoteError(null);
            }}
          />
          {noteError && <View className='field-error'>{noteError}</View>}
          <View className='row' style={{ marginTop: '12px', justifyContent: 'flex-end' }}>
            <Button className='btn-inline btn-plain' data-testid={`reject-${a.id}`} loading={busy === 'reject'} disabled={!!busy || undefined} onClick={() => void decide(false)}>
              不通过
            </Button>
            <Button className='btn-inline btn' data-testid={`approve-${a.id}`} loading={busy === 'approve'} disabled={!!busy || undefined} onClick={() => void decide(true)}>
              通过
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
