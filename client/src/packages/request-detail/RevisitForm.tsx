import { Button, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { REVISIT_METHOD_LABELS, REVISIT_METHODS, type RequestDetail } from '@linli/shared';
import { YesNo } from '../../components/YesNo';
import { useActionForm } from './useActionForm';

interface Props {
  request: RequestDetail;
  onChange: (r: RequestDetail) => void;
  onRefused: (seen: RequestDetail) => Promise<boolean>;
}

/** 回访: staff record how they reached the resident after closing, what he said, and his two answers (by phone first: a neighbour filed for has no smartphone). */
export function RevisitForm({ request: r, onChange, onRefused }: Props) {
  const { act, busy, text, setText, fieldError } = useActionForm(r, onChange, onRefused);
  const [method, setMethod] = useState<(typeof REVISIT_METHODS)[number]>('phone');
  const [solved, setSolved] = useState<boolean | null>(null);
  const [satisfied, setSatisfied] = useState<boolean | null>(null);
  return (
    <View className='card' data-testid='revisit'>
      <View className='title'>回访（{r.revisits.length} 次）</View>
      <View className='row wrap' style={{ margin: '12px 0' }}>
        {REVISIT_METHODS.filter((m) => m !== 'hotline').map((m) => (
          <View key={m} className={`chip ${method === m ? 'chip-on' : ''}`} onClick={() => setMethod(m)}>
            {REVISIT_METHOD_LABELS[m]}
          </View>
        ))}
      </View>
      <YesNo question='居民说问题解决了吗？' yes='已解决' no='没有解决' unsaid='没说' value={solved} onChange={setSolved} testId='revisit-solved' />
      <YesNo question='居民满意吗？' yes='满意' no='不满意' unsaid='没说' value={satisfied} onChange={setSatisfied} testId='revisit-satisfied' />
      <Textarea className='textarea' value={text} maxlength={500} placeholder='回访情况' onInput={(e) => setText(e.detail.value)} />
      {fieldError && <View className='field-error' data-testid='revisit-error'>{fieldError}</View>}
      <Button className='btn-plain' disabled={busy || undefined} onClick={() => void act({ action: 'revisit', method, outcome: text, solved, satisfied })}>
        记录回访
      </Button>
    </View>
  );
}
