/** One person on the organiser's sign-up list: status, check-in times, credited points, and — while deciding — came or not, and for how long. */
import { Input, Text, View } from '@tarojs/components';
import { type ActivityDto, SIGNUP_STATUS_LABELS, type SignupDto, type SignupStatus } from '@linli/shared';
import { chinaClock } from '../../utils/booking-time';
import { defaultMinutes, durationText } from './format';

export type Decision = 'came' | 'absent';

const TAG: Record<SignupStatus, string> = {
  signed_up: 'tag-amenity',
  checked_in: 'tag-warn',
  checked_out: 'tag-warn',
  confirmed: 'tag-open',
  withdrawn: 'tag-closed',
  absent: 'tag-closed',
};

interface Props {
  activity: ActivityDto;
  signup: SignupDto;
  deciding: boolean;
  decision: Decision | undefined;
  /** The minutes typed for a per-hour activity ('' when none). */
  minutes: string;
  /** The points he will be credited as things stand. */
  points: number;
  onDecide: (d: Decision) => void;
  onMinutes: (value: string) => void;
}

export function SignupRow({ activity: a, signup: s, deciding, decision: d, minutes, points, onDecide, onMinutes }: Props) {
  return (
    <View className={`aa-person ${d === 'came' ? 'aa-person-came' : ''}`} data-testid='aa-signup' data-user={s.userId}>
      <View className='row between'>
        <Text className='aa-name'>{s.name}</Text>
        <Text className={`tag ${TAG[s.status]}`} data-testid='aa-signup-status'>
          {SIGNUP_STATUS_LABELS[s.status]}
        </Text>
      </View>
      {(s.checkInAt || s.checkOutAt) && (
        <View className='aa-line'>
          {s.checkInAt ? `签到 ${chinaClock(s.checkInAt)}` : ''}
          {s.checkInAt && s.checkOutAt ? ' · ' : ''}
          {s.checkOutAt ? `签退 ${chinaClock(s.checkOutAt)}` : ''}
        </View>
      )}
      {s.status === 'confirmed' && (
        <View className='aa-line aa-credited' data-testid='aa-signup-points'>
          已记 {s.points ?? 0} 积分{s.minutes ? ` · 服务 ${durationText(s.minutes)}` : ''}
        </View>
      )}
      {deciding && (
        <View>
          <View className='row wrap aa-decide'>
            <View className={`chip aa-choice ${d === 'came' ? 'chip-on' : ''}`} data-testid='aa-came' onClick={() => onDecide('came')}>
              {d === 'came' ? '✓ 来了' : '来了'}
            </View>
            <View className={`chip aa-choice ${d === 'absent' ? 'chip-on' : ''}`} data-testid='aa-absent' onClick={() => onDecide('absent')}>
              {d === 'absent' ? '✓ 没来' : '没来'}
            </View>
          </View>
          {d === 'came' && a.reward.per === 'hour' && (
            <View className='row aa-minutes'>
              <Text className='aa-minutes-label'>服务时长</Text>
              <Input
                className='input aa-minutes-input'
                data-testid='aa-minutes'
                type='number'
                maxlength={3}
                value={minutes}
                placeholder={String(defaultMinutes(a, s))}
                onInput={(e) => onMinutes(e.detail.value)}
              />
              <Text className='aa-minutes-label'>分钟</Text>
            </View>
          )}
          {d === 'came' && (
            <View className='aa-line aa-muted'>
              将记 {points} 积分
              {a.reward.per === 'hour' && !minutes.trim() ? `（${s.checkInAt && s.checkOutAt ? '按签到签退' : '按活动时长'} ${durationText(defaultMinutes(a, s))}）` : ''}
            </View>
          )}
        </View>
      )}
    </View>
  );
}
