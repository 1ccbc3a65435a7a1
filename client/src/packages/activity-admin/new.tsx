import { Button, Picker, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { JOINER_LABELS, type Role, type UnitDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { useTeams } from '../../hooks/useTeams';
import { newIdempotencyKey } from '../../services/idempotency';
import { createActivity } from '../../services/points-staff';
import { fetchStreetCommunities } from '../../services/registration';
import { errorMessage, fieldErrorsOf } from '../../services/request';
import { fetchUnits } from '../../services/units';
import { chinaToday, formatDay, monthDay, shiftDay } from '../../utils/booking-time';
import { Chips, Field, FieldError, TextInput, TimePick } from './fields';
import { chinaInstant, checkDraft, type Draft, durationText, fieldOf, laterClock, rewardText, weeksText } from './format';
import { NO_TEAM, WhoCards } from './WhoCards';
import './index.css';
import { pageClass } from '../../services/care';

/** Who publishes activities (the server narrows them to their community, or the street); a team's captain publishes his team's. */
const PUBLISHERS: readonly Role[] = ['community_admin', 'street_admin'];
const NEAR_DAYS = [
  { label: '今天', days: 0 },
  { label: '明天', days: 1 },
  { label: '后天', days: 2 },
];

/**
 * 发布活动 (community and street admins): what, where, which day from when to when, how many
 * places, the points (per person or per hour) and who may sign up — checked as the server checks
 * it, each problem under its field; confirmed in words (a published activity cannot be changed),
 * sent once per key, then the activity's page with its check-in code.
 */
export default function NewActivityPage() {
  const { session, goLogin } = useSession();
  const user = session?.user;
  const staff = !!user && user.roles.some((r) => PUBLISHERS.includes(r));
  const wholeStreet = !!user?.roles.includes('street_admin');
  const [communities, setCommunities] = useState<{ id: string; name: string }[]>([]);
  const [d, setDraft] = useState<Draft>(() => ({
    communityId: null, // the street admin picks one; a community admin's is his own
    title: '',
    description: '',
    place: '',
    date: shiftDay(chinaToday(), 1),
    start: '09:00',
    end: '11:00',
    places: '10',
    per: 'person',
    points: '20',
    joiners: 'anyone',
    teamId: null,
    unitId: null,
    repeatWeeks: '1',
  }));
  // The community's teams: staff may give an activity to any of them; a captain publishes for his own only.
  const { teams, captainOf } = useTeams(wholeStreet ? d.communityId : user?.communityId);
  const teamChoices = staff ? (teams ?? []) : captainOf;
  const allowed = staff || captainOf.length > 0;
  // The community's 共建单位: staff publish their standing posts (岗位) for their members only.
  const [units, setUnits] = useState<UnitDto[]>([]);
  const unitsOf = staff ? (wholeStreet ? d.communityId : (user?.communityId ?? null)) : null;
  useEffect(() => {
    setUnits([]);
    if (!unitsOf) return;
    let live = true; // another community chosen meanwhile: not its units
    fetchUnits(unitsOf).then((r) => live && setUnits(r.items), () => undefined); // none offered when they cannot be read
    return () => {
      live = false;
    };
  }, [unitsOf]);
  const deciding = !!user && !staff && !!user.communityId && teams === null;
  // A captain's activity is always his team's: the first (usually only) team is chosen for him.
  useEffect(() => {
    if (!staff && !d.teamId && captainOf[0]) setDraft((x) => ({ ...x, teamId: captainOf[0]!.id }));
  }, [staff, d.teamId, captainOf]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per activity as written: a retried 发布 publishes it once, a changed one is another.
  const key = useMemo(newIdempotencyKey, [d]);

  useEffect(() => {
    if (!user?.streetId) return;
    fetchStreetCommunities(user.streetId)
      .then((r) => setCommunities(r.items.map((c) => ({ id: c.id, name: c.name }))))
      .catch(() => undefined); // the community admin's own is known without names
  }, [user?.streetId]);

  if (deciding) {
    return (
      <View className={pageClass('page-lg')}>
        <Loading />
      </View>
    );
  }
  if (!session || !allowed) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '没有发布活动的权限' : '请先登录'}</View>
          {session && <View className='muted'>社区和街道管理员、志愿服务队队长可以发布志愿服务活动</View>}
          <Button className='btn' onClick={() => void (session ? Taro.navigateBack() : goLogin())}>
            {session ? '返回' : '去登录'}
          </Button>
        </View>
      </View>
    );
  }

  /** A change to a field clears the problem shown under it. */
  const set = <K extends keyof Draft>(name: K, value: Draft[K], field: string = name) => {
    setDraft((x) => ({ ...x, [name]: value }));
    setErrors((x) => (x[field] ? { ...x, [field]: '' } : x));
    setError(null);
  };
  const setStart = (start: string) => {
    // The end follows a start moved past it (an hour later), so the pair stays in order.
    setDraft((x) => ({ ...x, start, end: x.end > start ? x.end : laterClock(start, 60) }));
    setErrors((x) => ({ ...x, start: '', end: '' }));
    setError(null);
  };
  const today = chinaToday();
  const otherDay = !NEAR_DAYS.some((n) => shiftDay(today, n.days) === d.date);
  const minutes = Math.round((Date.parse(chinaInstant(d.date, d.end)) - Date.parse(chinaInstant(d.date, d.start))) / 60_000);
  const communityName = communities.find((c) => c.id === user?.communityId)?.name;
  const team = d.joiners === 'unit' ? null : (teamChoices.find((t) => t.id === d.teamId) ?? null);
  const unit = d.joiners === 'unit' ? (units.find((u) => u.id === d.unitId) ?? null) : null;
  const weeks = Number(d.repeatWeeks);
  const setTeam = (v: string) => {
    const teamId = v === NO_TEAM ? null : v;
    // 本队队员 needs a team: without one, anyone may sign up again.
    setDraft((x) => ({ ...x, teamId, joiners: !teamId && x.joiners === 'team' ? 'anyone' : x.joiners }));
    setErrors((x) => ({ ...x, teamId: '', joiners: '' }));
    setError(null);
  };

  const submit = async () => {
    setError(null);
    const checked = checkDraft({ ...d, communityId: wholeStreet ? d.communityId : (user?.communityId ?? null) });
    if (!checked.body) {
      setErrors(checked.errors);
      setError('请先改正标红的内容');
      return;
    }
    const b = checked.body;
    const whose = unit ? `${unit.name}的岗位` : team ? `${team.name}的活动` : '';
    const who = unit ? `${unit.name}的成员可以认领` : `${JOINER_LABELS[b.joiners]}可以报名`;
    const repeat = weeksText(d.date, b.repeatWeeks);
    const { confirm } = await Taro.showModal({
      title: b.repeatWeeks > 1 ? `发布 ${b.repeatWeeks} 周的活动` : '发布活动',
      content: `${whose}「${b.title}」${formatDay(d.date)} ${d.start}–${d.end}${repeat ? `，${repeat}` : ''}，${b.place}。${b.repeatWeeks > 1 ? '每次' : ''}名额 ${b.places} 人，${rewardText(b.reward)}，${who}。发布后居民马上可以报名，活动内容不能再修改。`,
      confirmText: '发布',
      cancelText: '再改改',
    });
    if (!confirm) return;
    setBusy(true);
    setErrors({});
    try {
      const { activity, series } = await createActivity(b, key);
      void Taro.showToast({ title: series?.length ? `已发布 ${series.length + 1} 周` : '已发布', icon: 'success' });
      void Taro.redirectTo({ url: `/packages/activity-admin/detail?id=${encodeURIComponent(activity.id)}` });
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields) setErrors(Object.fromEntries(Object.entries(fields).map(([f, m]) => [fieldOf(f), m])));
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={pageClass('page-lg aa-page')} data-testid='activity-form'>
      {wholeStreet && (
        <View className='card'>
          <View className='title'>哪个社区的活动</View>
          <Chips
            name='communityId'
            value={d.communityId}
            options={communities.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(v) => {
              set('communityId', v);
              setTeam(NO_TEAM); // another community's teams and units
              setDraft((x) => ({ ...x, unitId: null, joiners: x.joiners === 'unit' ? 'anyone' : x.joiners }));
            }}
          />
          <FieldError name='communityId' errors={errors} />
        </View>
      )}
      <View className='card'>
        <View className='title'>活动内容{communityName && !wholeStreet ? `（${communityName}）` : ''}</View>
        <Field label='活动名称' name='title' errors={errors}>
          <TextInput name='title' value={d.title} maxlength={40} placeholder='如：银龄互助：探访独居老人' onChange={(v) => set('title', v)} />
        </Field>
        <Field label='活动地点' name='place' errors={errors}>
          <TextInput name='place' value={d.place} maxlength={60} placeholder='如：名山社区党群服务中心集合' onChange={(v) => set('place', v)} />
        </Field>
        <Field label='活动说明（选填）' name='description' errors={errors}>
          <Textarea
            className='textarea aa-textarea'
            data-testid='aa-description'
            value={d.description}
            maxlength={500}
            placeholder='做什么、带什么、注意什么'
            onInput={(e) => set('description', e.detail.value)}
          />
        </Field>
      </View>

      <View className='card'>
        <View className='title'>时间</View>
        <Field label='日期' name='date' errors={errors}>
          <View className='row wrap aa-chips' data-testid='aa-date'>
            {NEAR_DAYS.map((n) => {
              const day = shiftDay(today, n.days);
              return (
                <View key={n.days} className={`chip ${d.date === day ? 'chip-on' : ''}`} data-testid={`aa-date-${n.days}`} onClick={() => set('date', day, 'start')}>
                  {n.label} {monthDay(day)}
                </View>
              );
            })}
            <Picker mode='date' value={d.date} start={today} onChange={(e) => set('date', String(e.detail.value), 'start')}>
              <View className={`chip ${otherDay ? 'chip-on' : ''}`} data-testid='aa-date-pick'>
                {otherDay ? monthDay(d.date) : '其他日期'}
              </View>
            </Picker>
          </View>
        </Field>
        <View className='row between aa-times'>
          <Field label='开始' name='start' errors={errors} half>
            <TimePick name='start' value={d.start} onChange={setStart} />
          </Field>
          <Field label='结束' name='end' errors={errors} half>
            <TimePick name='end' value={d.end} onChange={(v) => set('end', v)} />
          </Field>
        </View>
        <View className='aa-words' data-testid='aa-when'>
          {formatDay(d.date)} {d.start}–{d.end}
          {minutes > 0 ? `，共 ${durationText(minutes)}` : ''}
          {weeks > 1 && weeks <= 12 ? `；${weeksText(d.date, weeks)}` : ''}
        </View>
        <Field label='每周重复' hint='填 1 只办这一次；填 4 就是每周同一时间办一次，连续 4 周（如共建单位的岗位），最多 12 周' name='repeatWeeks' errors={errors}>
          <View className='row'>
            <TextInput name='repeatWeeks' type='number' value={d.repeatWeeks ?? '1'} maxlength={2} onChange={(v) => set('repeatWeeks', v)} />
            <View className='aa-unit'>周</View>
          </View>
        </Field>
      </View>

      <View className='card'>
        <View className='title'>名额和积分</View>
        <Field label='名额' name='places' errors={errors}>
          <View className='row'>
            <TextInput name='places' type='number' value={d.places} maxlength={3} onChange={(v) => set('places', v)} />
            <View className='aa-unit'>人</View>
          </View>
        </Field>
        <Field label='积分怎么算' name='per' errors={errors}>
          <Chips
            name='per'
            value={d.per}
            options={[
              { value: 'person', label: '按人次' },
              { value: 'hour', label: '按小时' },
            ]}
            onChange={(v) => set('per', v, 'points')}
          />
        </Field>
        <Field label={d.per === 'person' ? '每人得多少积分' : '每小时得多少积分'} hint={d.per === 'hour' ? '按确认的服务时长折算，不足一小时按比例，向下取整' : undefined} name='points' errors={errors}>
          <View className='row'>
            <TextInput name='points' type='number' value={d.points} maxlength={3} onChange={(v) => set('points', v)} />
            <View className='aa-unit'>{d.per === 'person' ? '积分/人' : '积分/小时'}</View>
          </View>
        </Field>
      </View>

      <WhoCards
        d={d}
        staff={staff}
        teams={teamChoices}
        units={units}
        errors={errors}
        onTeam={setTeam}
        onJoiners={(v) => {
          set('joiners', v);
          if (v === 'unit' && !d.unitId && units.length === 1) set('unitId', units[0]!.id, 'unitId'); // the only one
        }}
        onUnit={(v) => set('unitId', v)}
      />

      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='aa-submit' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
        发布活动
      </Button>
    </View>
  );
}
