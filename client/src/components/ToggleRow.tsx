/** A large on/off row: the whole row is the target (at least 44 px tall), its state in words for screen readers. */
import { View } from '@tarojs/components';
import './ToggleRow.css';

export function ToggleRow({ on, title, sub, testid, busy, onChange }: { on: boolean; title: string; sub?: string; testid: string; busy?: boolean; onChange: (on: boolean) => void }) {
  return (
    <View
      className={`tg-row ${on ? 'tg-row-on' : ''} ${busy ? 'tg-busy' : ''}`}
      data-testid={testid}
      data-on={on ? 'yes' : 'no'}
      role='switch'
      aria-checked={on}
      onClick={() => !busy && onChange(!on)}
    >
      <View className='tg-text'>
        <View className='tg-title'>{title}</View>
        {sub && <View className='tg-sub'>{sub}</View>}
      </View>
      <View className={`tg-switch ${on ? 'tg-switch-on' : ''}`}>
        <View className='tg-knob' />
      </View>
    </View>
  );
}
