import { Button, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { REVISIT_METHOD_LABELS, REVISIT_METHODS, type RequestDetail } from '@linli/shared';
import { useActionForm } from './useActionForm';

interface Props {
  request: RequestDetail;
  onChange: (r: RequestDetail) => void;
  onRefused: (seen: RequestDetail) => Promise<boolean>;
}

/** 回访: staff record how they reached the resident after closing, and what he said. */
export function RevisitForm({ request: r, onChange, onRefused }: Props) {
  const { act, busy, text, setText, fieldError } = useActionForm(r, onChange, onRefused);
  const [method, setMethod] = useState<(typeof REVISIT_METHODS)[number]>('phone');
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
      <Textarea className='textarea' value={text} maxlength={500} placeholder='回访情况' onInput={(e) => setText(e.detail.value)} />
      {fieldError && <View className='field-error' data-testid='revisit-error'>{fieldError}</View>}
      <Button className='btn-plain' disabled={busy || undefined} onClick={() => void act({ action: 'revisit', method, outcome: text })}>
        记录回访
      </Button>
    </View>
  );
}
