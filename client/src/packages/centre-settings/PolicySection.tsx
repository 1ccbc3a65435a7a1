import { View } from '@tarojs/components';
import type { Draft, Errors } from './draft';
import { NumField } from './fields';

type Edit = (change: (d: Draft) => void, path?: string) => void;
type Minutes = 'aheadDays' | 'bookCutoffMinutes' | 'cancelCutoffMinutes' | 'rescheduleCutoffMinutes' | 'holdMinutes';

const NUMBERS: { key: Minutes; label: string; unit: string; hint?: string }[] = [
  { key: 'aheadDays', label: '最多提前几天预约', unit: '天' },
  { key: 'bookCutoffMinutes', label: '开始前多久停止在线预约', unit: '分钟', hint: '填 0：开始前都可以预约' },
  { key: 'cancelCutoffMinutes', label: '开始前多久不能在线取消', unit: '分钟' },
  { key: 'rescheduleCutoffMinutes', label: '开始前多久不能在线改约', unit: '分钟' },
  { key: 'holdMinutes', label: '候补名额为居民保留多久', unit: '分钟', hint: '有人取消时，为排在第一位的居民保留名额' },
];

/** 预约规则: how far ahead, the cut-offs, the share kept for walk-ins, the waitlist hold and the no-show rule. */
export function PolicySection({ draft, errors, edit }: { draft: Draft; errors: Errors; edit: Edit }) {
  const p = draft.policy;
  const share = Number.isFinite(p.walkInShare) ? Math.round(p.walkInShare * 100) : NaN;
  return (
    <View data-testid='section-policy-body'>
      <View className='card'>
        {NUMBERS.map((n) => (
          <NumField key={n.key} label={n.label} hint={n.hint} unit={n.unit} path={`policy.${n.key}`} value={p[n.key]} error={errors[`policy.${n.key}`]} onChange={(v) => edit((d) => void (d.policy[n.key] = v), `policy.${n.key}`)} />
        ))}
        <NumField
          label='留给现场办理的名额'
          hint='每个时段按这个比例留出名额给没有预约的居民（0–80%）'
          unit='%'
          path='policy.walkInShare'
          value={share}
          error={errors['policy.walkInShare']}
          onChange={(v) => edit((d) => void (d.policy.walkInShare = Number.isFinite(v) ? v / 100 : NaN), 'policy.walkInShare')}
        />
      </View>
      <View className='card' data-testid='policy-no-show'>
        <View className='title'>未到场规则</View>
        <View className='cs-words'>
          {p.noShow.days} 天内未到场 {p.noShow.count} 次，暂停在线预约 {p.noShow.pauseDays} 天（可到服务中心申请解除）
        </View>
        <View className='row wrap between'>
          <NumField half label='统计天数' unit='天' path='policy.noShow.days' value={p.noShow.days} error={errors['policy.noShow.days']} onChange={(v) => edit((d) => void (d.policy.noShow.days = v), 'policy.noShow.days')} />
          <NumField half label='未到场次数' unit='次' path='policy.noShow.count' value={p.noShow.count} error={errors['policy.noShow.count']} onChange={(v) => edit((d) => void (d.policy.noShow.count = v), 'policy.noShow.count')} />
          <NumField half label='暂停天数' unit='天' path='policy.noShow.pauseDays' value={p.noShow.pauseDays} error={errors['policy.noShow.pauseDays']} onChange={(v) => edit((d) => void (d.policy.noShow.pauseDays = v), 'policy.noShow.pauseDays')} />
        </View>
      </View>
    </View>
  );
}
