import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActivityDto, SignupDto, SignupStatus } from '@linli/shared';
import { QrCode } from '../../components/QrCode';
import { ErrorState, Loading, SignInFirst } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { cancelActivity, confirmAttendance, fetchActivity, fetchSignups } from '../../services/points-staff';
import { errorMessage, isApiError } from '../../services/request';
import { chinaClock } from '../../utils/booking-time';
import { spacedSix } from '../redemption-desk/sites';
import { activityTime, defaultMinutes, joinersText, pointsFor, rewardText } from './format';
import { type Decision, SignupRow } from './SignupRow';
import './index.css';
import { pageClass } from '../../services/care';

/** Whose attendance the organiser still decides (the confirmed are credited, once). */
const OPEN: readonly SignupStatus[] = ['signed_up', 'checked_in', 'checked_out', 'absent'];


/** What the last confirmation did: how many were credited, and whether it only recorded who did not come. */
interface Confirmed {
  credited: number;
  nobodyCame: boolean;
  absent: number;
}

/**
 * The organiser's page of an activity (志愿活动管理): when and where; the six-digit check-in code
 * shown large and as a QR code for volunteers to check in and out on site; who signed up, each
 * with his status; before the start, 取消活动 (after a confirmation); and, once the activity has
 * started, who came (ticked; those who checked in are ticked already), for how long on per-hour
 * activities, and who did not (全部记为没来 when nobody came) — confirmed after a modal, each
 * credited once; the number credited is shown.
 */
export default function ActivityAdminDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { session } = useSession();
  const [activity, setActivity] = useState<ActivityDto | null>(null);
  const [signups, setSignups] = useState<SignupDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [signupError, setSignupError] = useState<string | null>(null);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [minutes, setMinutes] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [credited, setCredited] = useState<Confirmed | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [cancelProblem, setCancelProblem] = useState<string | null>(null);
  const [, setTick] = useState(0);

  /** Those who checked in (or out) are ticked as came, those marked absent as not; the rest wait for the organiser. */
  const preset = (list: SignupDto[]) =>
    setDecisions((old) => {
      const next: Record<string, Decision> = {};
      for (const s of list) {
        if (!OPEN.includes(s.status)) continue;
        const was = old[s.userId];
        if (was) next[s.userId] = was;
        else if (s.status === 'checked_in' || s.status === 'checked_out') next[s.userId] = 'came';
        else if (s.status === 'absent') next[s.userId] = 'absent';
      }
      return next;
    });

  const loadSignups = useCallback(async () => {
    setSignupError(null);
    try {
      const { items } = await fetchSignups(id);
      setSignups(items);
      preset(items);
    } catch (e) {
      setSignupError(errorMessage(e));
    }
  }, [id]);
  const load = useCallback(async () => {
    setError(null);
    try {
      const { activity: a } = await fetchActivity(id);
      setActivity(a);
      if (a.organiser) await loadSignups();
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id, loadSignups]);

  const signedIn = !!session;
  useEffect(() => {
    if (signedIn && id) void load();
  }, [signedIn, id, load]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && session) void load();
    shown.current = true;
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));
  // At the start the page turns to confirming attendance (and reads who checked in since).
  const startsAt = activity ? Date.parse(activity.start) : 0;
  useEffect(() => {
    const wait = startsAt - Date.now();
    if (!startsAt || wait <= 0) return;
    const t = setTimeout(() => {
      setTick((n) => n + 1);
      void loadSignups();
    }, Math.min(wait + 300, 2_147_000_000));
    return () => clearTimeout(t);
  }, [startsAt, loadSignups]);

  if (!session) return <SignInFirst />;
  if (!activity) return <View className={pageClass('page-lg')}>{error ? <ErrorState message={error} onRetry={() => void load()} /> : <Loading />}</View>;

  const a = activity;
  const started = Date.now() >= Date.parse(a.start);
  const cancelled = a.status === 'cancelled';
  const open = cancelled ? [] : (signups ?? []).filter((s) => OPEN.includes(s.status));
  // Marked absent and left so: nothing more to confirm for them (ticking 来了 still credits them).
  const toDecide = open.filter((s) => !(s.status === 'absent' && decisions[s.userId] !== 'came'));
  const decide = (userId: string, d: Decision) => {
    setDecisions((x) => ({ ...x, [userId]: d }));
    setProblem(null);
  };

  /** Nobody came: every one still to decide is marked 没来 (the organiser still confirms). */
  const allAbsent = () => {
    setDecisions((x) => ({ ...x, ...Object.fromEntries(toDecide.map((s) => [s.userId, 'absent' as const])) }));
    setProblem(null);
  };

  const cancel = async () => {
    setCancelProblem(null);
    const { confirm: ok } = await Taro.showModal({
      title: '取消活动',
      content: `取消「${a.title}」后，居民不能再报名，活动不再出现在活动列表里。${a.taken > 0 ? `已报名的 ${a.taken} 人不会自动收到通知，请另行告知。` : ''}取消不能撤销。`,
      confirmText: '取消活动',
      cancelText: '不取消',
      confirmColor: '#a12a21',
    });
    if (!ok) return;
    setCancelling(true);
    try {
      const { activity: next } = await cancelActivity(a.id);
      setActivity(next);
      void Taro.showToast({ title: '活动已取消', icon: 'success' });
    } catch (e) {
      setCancelProblem(isApiError(e) && e.code === 'activity_started' ? '活动已经开始，不能取消了。可以在下面确认参加情况。' : errorMessage(e));
      void load();
    } finally {
      setCancelling(false);
    }
  };

  const confirm = async () => {
    setProblem(null);
    const came = open.filter((s) => decisions[s.userId] === 'came');
    const absent = open.filter((s) => decisions[s.userId] === 'absent');
    const newlyAbsent = absent.filter((s) => s.status !== 'absent');
    if (came.length === 0 && newlyAbsent.length === 0) {
      setProblem('请为报名的人选择“来了”或“没来”');
      return;
    }
    const attendees: { userId: string; minutes?: number }[] = [];
    for (const s of came) {
      const typed = (minutes[s.userId] ?? '').trim();
      if (a.reward.per === 'hour' && typed) {
        const m = Number(typed);
        if (!/^\d+$/.test(typed) || m < 1 || m > 720) {
          setProblem(`${s.name} 的服务时长请填写 1–720 分钟`);
          return;
        }
        attendees.push({ userId: s.userId, minutes: m });
      } else attendees.push({ userId: s.userId });
    }
    const total = came.reduce((sum, s) => sum + pointsFor(a.reward, minutesOf(s)), 0);
    const names = (list: SignupDto[]) => list.map((s) => s.name).join('、');
    const { confirm: ok } = await Taro.showModal({
      title: '确认参加名单',
      content:
        came.length === 0
          ? `都没有来：记为未到 ${absent.length} 人：${names(absent)}，不记积分。之后如有人其实来了，仍可改为“来了”为他记入积分。`
          : `来了 ${came.length} 人：${names(came)}，共记 ${total} 积分${absent.length ? `；记为未到 ${absent.length} 人：${names(absent)}` : ''}。积分确认后立即记入，不能撤销。`,
      confirmText: '确认',
      cancelText: '再看看',
    });
    if (!ok) return;
    setBusy(true);
    try {
      const res = await confirmAttendance(a.id, { attendees, absent: absent.map((s) => s.userId) });
      setSignups(res.items);
      preset(res.items);
      // The server leaves those who checked out with the code as they are when marked absent: say so rather than pretend.
      const kept = absent.filter((s) => res.items.find((x) => x.userId === s.userId)?.status !== 'absent');
      if (kept.length) setProblem(`${names(kept)} 已用签到码签退，没有记为未到`);
      if (came.length > 0 || absent.length > kept.length) setCredited({ credited: res.credited, nobodyCame: came.length === 0, absent: absent.length - kept.length });
      setMinutes({});
    } catch (e) {
      setProblem(isApiError(e) && e.code === 'not_started' ? '活动开始后才能确认参加情况' : errorMessage(e));
      void loadSignups();
    } finally {
      setBusy(false);
    }
  };
  function minutesOf(s: SignupDto): number {
    const typed = Number((minutes[s.userId] ?? '').trim());
    return a.reward.per === 'hour' && Number.isInteger(typed) && typed > 0 ? typed : defaultMinutes(a, s);
  }

  return (
    <View className={pageClass('page-lg aa-page')} data-testid='activity-admin'>
      <View className='card'>
        <View className='h1' data-testid='aa-title'>
          {a.title}
        </View>
        <View className='aa-kv' data-testid='aa-time'>
          <Text className='aa-k'>时间</Text>
          <Text>{activityTime(a)}</Text>
        </View>
        <View className='aa-kv'>
          <Text className='aa-k'>地点</Text>
          <Text>{a.place}</Text>
        </View>
        <View className='aa-kv' data-testid='aa-places'>
          <Text className='aa-k'>名额</Text>
          <Text>
            已报名 {a.taken} / {a.places} 人
          </Text>
        </View>
        <View className='aa-kv'>
          <Text className='aa-k'>积分</Text>
          <Text>{rewardText(a.reward)}</Text>
        </View>
        <View className='aa-kv'>
          <Text className='aa-k'>报名</Text>
          <Text data-testid='aa-joiners'>{a.joiners === 'unit' ? `${joinersText(a)}可以认领` : `${joinersText(a)}可以报名`}</Text>
        </View>
        <View className='aa-kv'>
          <Text className='aa-k'>组织</Text>
          <Text>{a.organiserName}</Text>
        </View>
        {a.description && <View className='aa-desc'>{a.description}</View>}
        {cancelled && (
          <View className='error aa-cancelled' data-testid='aa-cancelled'>
            活动已取消，居民不能再报名。
          </View>
        )}
      </View>

      {!a.organiser && (
        <View className='card banner' data-testid='aa-not-organiser'>
          只有活动的组织者和社区管理员可以看到签到码、报名名单和确认参加情况。
        </View>
      )}

      {a.organiser && a.checkInCode && !cancelled && (
        <View className='card aa-code-card' data-testid='aa-checkin'>
          <View className='title center'>现场签到码</View>
          <View className='code-big' data-testid='aa-checkin-code'>
            {spacedSix(a.checkInCode)}
          </View>
          <View className='aa-code-hint'>请在活动现场出示。志愿者在活动页输入这 6 位数字（或扫下面的二维码）签到、签退；开始前 30 分钟可以签到。</View>
          <QrCode text={a.checkInCode} testid='aa-checkin-qr' />
        </View>
      )}

      {a.organiser && (
        <View className='card' data-testid='aa-signups'>
          <View className='row between'>
            <View className='title'>报名名单{signups ? `（${signups.length} 人）` : ''}</View>
            <Button className='btn-plain aa-refresh' data-testid='aa-refresh' onClick={() => void loadSignups()}>
              刷新
            </Button>
          </View>
          {signupError && <ErrorState message={signupError} onRetry={() => void loadSignups()} />}
          {!signups && !signupError && <Loading />}
          {signups && signups.length === 0 && <View className='aa-none'>还没有人报名</View>}
          {signups && signups.length > 0 && cancelled && (
            <View className='aa-line aa-muted' data-testid='aa-cancelled-note'>
              活动已取消，请告知下面报名的人。
            </View>
          )}
          {signups && signups.length > 0 && !started && !cancelled && (
            <View className='aa-line aa-muted' data-testid='aa-before-start'>
              活动开始后（{chinaClock(a.start)}）可以在这里确认谁来了，为他们记入积分。
            </View>
          )}
          {signups?.map((s) => (
            <SignupRow
              key={s.userId}
              activity={a}
              signup={s}
              deciding={started && !cancelled && OPEN.includes(s.status)}
              decision={decisions[s.userId]}
              minutes={minutes[s.userId] ?? ''}
              points={pointsFor(a.reward, minutesOf(s))}
              onDecide={(d) => decide(s.userId, d)}
              onMinutes={(v) => setMinutes((x) => ({ ...x, [s.userId]: v }))}
            />
          ))}
          {started && toDecide.length > 0 && (
            <View data-testid='aa-confirm-box'>
              {toDecide.every((s) => decisions[s.userId] !== 'came') && toDecide.some((s) => decisions[s.userId] !== 'absent') && (
                <Button className='btn-plain' data-testid='aa-all-absent' disabled={busy || undefined} onClick={allAbsent}>
                  都没有来：全部记为没来
                </Button>
              )}
              {problem && (
                <View className='field-error' data-testid='aa-problem'>
                  {problem}
                </View>
              )}
              <Button className='btn' data-testid='aa-confirm' loading={busy} disabled={busy || undefined} onClick={() => void confirm()}>
                {toDecide.some((s) => decisions[s.userId] === 'came') ? '确认参加名单，记入积分' : '确认参加名单'}
              </Button>
            </View>
          )}
          {credited !== null && (
            <View className='aa-done' data-testid='aa-credited'>
              {credited.credited > 0
                ? `✓ 已为 ${credited.credited} 人记入积分`
                : credited.nobodyCame
                  ? `✓ 已记录：${credited.absent} 人都没来，不记积分`
                  : '没有新记入的积分：名单中的人此前已经确认过'}
            </View>
          )}
        </View>
      )}

      {a.organiser && !started && !cancelled && (
        <View className='card' data-testid='aa-cancel-box'>
          <View className='aa-line aa-muted'>活动开始前可以取消。开始后不能取消，只能确认谁来了。</View>
          {cancelProblem && (
            <View className='field-error' data-testid='aa-cancel-problem'>
              {cancelProblem}
            </View>
          )}
          <Button className='btn-danger' data-testid='aa-cancel' loading={cancelling} disabled={cancelling || undefined} onClick={() => void cancel()}>
            取消活动
          </Button>
        </View>
      )}
      {a.organiser && started && !cancelled && cancelProblem && (
        <View className='card error' data-testid='aa-cancel-problem'>
          {cancelProblem}
        </View>
      )}
    </View>
  );
}
