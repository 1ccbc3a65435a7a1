/** The needs pages' own controls: a large on/off row and 1–5 stars, each target at least 44 px. */
import { View } from '@tarojs/components';

/** An on/off choice whose whole row is the target (用时间银行支付). */
export function ToggleRow({ on, title, sub, testid, onChange }: { on: boolean; title: string; sub?: string; testid: string; onChange: (on: boolean) => void }) {
  return (
    <View className={`nd-switch-row ${on ? 'nd-switch-row-on' : ''}`} data-testid={testid} data-on={on ? 'yes' : 'no'} role='switch' aria-checked={on} onClick={() => onChange(!on)}>
      <View className='nd-switch-text'>
        <View className='nd-switch-title'>{title}</View>
        {sub && <View className='nd-switch-sub'>{sub}</View>}
      </View>
      <View className={`nd-switch ${on ? 'nd-switch-on' : ''}`}>
        <View className='nd-switch-knob' />
      </View>
    </View>
  );
}

const SCORE_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

/** 1–5 stars and the score in words. */
export function Stars({ score, onChange }: { score: number; onChange: (n: number) => void }) {
  return (
    <View>
      <View className='nd-stars' data-testid='need-stars'>
        {[1, 2, 3, 4, 5].map((n) => (
          <View key={n} className={`nd-star ${n <= score ? 'nd-star-on' : ''}`} data-testid={`need-star-${n}`} aria-label={`${n} 星`} onClick={() => onChange(n)}>
            ★
          </View>
        ))}
      </View>
      <View className='nd-score-words' data-testid='need-score-words'>
        {score > 0 ? `${score} 星：${SCORE_WORDS[score]}` : '请点星星打分'}
      </View>
    </View>
  );
}
