import { Button, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ErrandDto, ErrandStep } from '@linli/shared';
import { takeErrandStep } from '../../services/errands';
import { ApiError, errorMessage } from '../../services/request';
import { STEP_CONFIRMS, STEP_LABELS, STEP_NOTE_HINTS } from './labels';

interface Props {
  errand: ErrandDto;
  onChanged: (e: ErrandDto) => void;
  /** Someone else moved it first (409): read it again. */
  onStale: () => Promise<void>;
}

/** The steps the caller may take now, each confirmed in words, with an optional note for the timeline. */
export function StepPanel({ errand: e, onChanged, onStale }: Props) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (e.steps.length === 0) return null;
  const forward = e.steps.filter((s) => s !== 'cancel');
  const hint = STEP_NOTE_HINTS[forward[0] ?? 'cancel'];

  const take = async (step: ErrandStep) => {
    const { confirm } = await Taro.showModal({
      title: STEP_LABELS[step],
      content: STEP_CONFIRMS[step],
      confirmText: step === 'cancel' ? '确定取消' : '确定',
      cancelText: step === 'cancel' ? '不取消' : '再想想',
      ...(step === 'cancel' ? { confirmColor: '#a12a21' } : {}),
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      onChanged((await takeErrandStep(e.id, { step, note: note.trim(), version: e.version })).errand);
      setNote('');
      void Taro.showToast({ title: step === 'cancel' ? '已取消' : '已记录', icon: 'success' });
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'stale' || err.code === 'invalid_step')) {
        await onStale();
        setError('这件代办刚刚被其他人办理过，已刷新为最新状态，请再看一下。');
      } else setError(err instanceof ApiError && err.fields.length ? err.fields[0]!.message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' data-testid='errand-steps'>
      <View className='title'>{forward.length ? '办理下一步' : '取消代办'}</View>
      <View className='er-label'>说明（选填，会写进办理过程）</View>
      <Textarea
        className='textarea'
        style={{ minHeight: '120px' }}
        data-testid='errand-step-note'
        value={note}
        maxlength={200}
        placeholder={hint}
        onInput={(x) => setNote(x.detail.value)}
      />
      {error && (
        <View className='field-error' data-testid='errand-step-error'>
          {error}
        </View>
      )}
      {forward.map((s) => (
        <Button key={s} className='btn' data-testid={`errand-step-${s}`} loading={busy} disabled={busy || undefined} onClick={() => void take(s)}>
          {STEP_LABELS[s]}
        </Button>
      ))}
      {e.steps.includes('cancel') && (
        <Button className='btn-danger' data-testid='errand-step-cancel' disabled={busy || undefined} onClick={() => void take('cancel')}>
          {STEP_LABELS.cancel}
        </Button>
      )}
    </View>
  );
}
