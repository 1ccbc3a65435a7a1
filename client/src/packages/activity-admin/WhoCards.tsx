/**
 * The activity form's "whose and who": which volunteer team it belongs to (staff may choose none; a
 * captain's is his team's), and who may sign up — 所有居民, 志愿者, 本队队员 once a team is chosen, or
 * 共建单位成员 with the unit whose standing post (岗位) it is (staff only, when the community has units).
 */
import { View } from '@tarojs/components';
import { JOINER_LABELS, type TeamDto, type UnitDto } from '@linli/shared';
import { Chips, FieldError } from './fields';
import type { Draft } from './format';

export const NO_TEAM = 'none';
/** Who may sign up, as this form offers it. */
const JOINER_CHOICES = ['anyone', 'volunteers', 'team', 'unit'] as const;
type Joiner = (typeof JOINER_CHOICES)[number];

function joinerHint(d: Pick<Draft, 'joiners'>, team: TeamDto | null, unit: UnitDto | null): string {
  if (d.joiners === 'volunteers') return '只有登记的志愿者（含兼职网格员）可以报名';
  if (d.joiners === 'team') return `只有${team?.name ?? '本队'}的队员可以报名`;
  if (d.joiners === 'unit') return unit ? `只有到社区报到的${unit.name}成员可以认领这个岗位` : '请选择哪个共建单位的岗位';
  return '本社区登记的居民都可以报名';
}

export function WhoCards(p: {
  d: Pick<Draft, 'teamId' | 'unitId' | 'joiners'>;
  staff: boolean;
  teams: TeamDto[];
  /** The community's 共建单位 (staff only; empty when it has none). */
  units: UnitDto[];
  errors: Record<string, string>;
  onTeam: (v: string) => void;
  onJoiners: (v: Joiner) => void;
  onUnit: (v: string) => void;
}) {
  const { d, staff, teams, units, errors } = p;
  const team = teams.find((t) => t.id === d.teamId) ?? null;
  const unit = units.find((u) => u.id === d.unitId) ?? null;
  const forUnit = d.joiners === 'unit';
  const offered = JOINER_CHOICES.filter((j) => (j !== 'team' || (d.teamId && !forUnit)) && (j !== 'unit' || (staff && units.length > 0)));
  return (
    <>
      {teams.length > 0 && !forUnit && (
        <View className='card'>
          <View className='title'>哪支志愿服务队的活动</View>
          <Chips
            name='teamId'
            value={d.teamId ?? NO_TEAM}
            options={[...(staff ? [{ value: NO_TEAM, label: '不属于服务队' }] : []), ...teams.map((t) => ({ value: t.id, label: t.name }))]}
            onChange={p.onTeam}
          />
          <FieldError name='teamId' errors={errors} />
          <View className='aa-hint'>{team ? `队长${team.captainName}确认参加名单；积分也记入本队积分榜` : '由社区确认参加名单'}</View>
        </View>
      )}

      <View className='card'>
        <View className='title'>谁可以报名</View>
        <Chips name='joiners' value={d.joiners} options={offered.map((j) => ({ value: j, label: JOINER_LABELS[j] }))} onChange={p.onJoiners} />
        <FieldError name='joiners' errors={errors} />
        {forUnit && (
          <View className='aa-field'>
            <View className='aa-label'>哪个共建单位的岗位</View>
            <Chips name='unitId' value={d.unitId ?? null} options={units.map((u) => ({ value: u.id, label: `${u.name}（${u.members} 人）` }))} onChange={p.onUnit} />
            <FieldError name='unitId' errors={errors} />
          </View>
        )}
        <View className='aa-hint' data-testid='aa-joiners-hint'>
          {joinerHint(d, team, unit)}
        </View>
      </View>
    </>
  );
}
