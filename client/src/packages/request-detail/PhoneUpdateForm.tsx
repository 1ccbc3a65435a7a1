import { Button, Textarea, View } from '@tarojs/components';
import type { RequestDetail } from '@linli/shared';
import { useActionForm } from './useActionForm';

interface Props {
  request: RequestDetail;
  onChange: (r: RequestDetail) => void;
  onRefused: (seen: RequestDetail) => Promise<boolean>;
}

/**
 * 电话告知: a neighbour filed for has no smartphone, so staff phone him with each step and record what
 * they told him (now) on the timeline.
 */
export function PhoneUpdateForm({ request: r, onChange, onRefused }: Props) {
  const { act, busy, text, setText, fieldError } = useActionForm(r, onChange, onRefused);
  return (
    <View className='card' data-testid='phone-update'>
      <View className='title'>电话告知邻居</View>
      <View className='muted'>{r.forNeighbour?.name ?? '邻居'}没有智能手机，办理进展请打电话告诉他，并在这里记下说了什么。</View>
      <Textarea
        className='textarea'
        data-testid='phone-update-text'
        value={text}
        maxlength={500}
        placeholder='例如：已告知明天上午电工上门修灯'
        onInput={(e) => setText(e.detail.value)}
      />
      {fieldError && (
        <View className='field-error' data-testid='phone-update-error'>
          {fieldError}
        </View>
      )}
      <Button className='btn-plain' data-testid='phone-update-save' disabled={busy || undefined} onClick={() => void act({ action: 'phone_update', told: text })}>
        记录电话告知
      </Button>
    </View>
  );
}
