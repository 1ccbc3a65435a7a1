import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { type ReactNode, useCallback, useState } from 'react';
import { type ActivityDto, SIGNUP_STATUS_LABELS, type SignupStatus } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { checkInActivity, fetchActivities, signUpActivity, withdrawActivity } from '../../services/points';
import { errorMessage, fieldErrorsOf, isApiError } from '../../services/request';
import { canScan, scanQr, sixDigitsOf } from '../../services/scan';
import { spacedBookingCode } from '../../utils/booking-time';
import { activityTime, checkInOpen, joinersText, rewardText } from '../../utils/points';
import './index.css';
import { pageClass } from '../../services/care';

const REGISTER_URL = `/packages/register/index?redirect=${encodeURIComponent('/packages/activities/index')}`;
const TAG: Record<SignupStatus, string> = {
  signed_up: 'tag-open', checked_in: 'tag-open', checked_out: 'tag-warn', confirmed: 'tag-open', withdrawn: 'tag-closed', absent: 'tag-closed',
};

function Line({ k, children }: { k: string; children: ReactNode }) {
  return (
    <View className='kv'>
      <Text className='muted kv-key'>{k}</Text>
      <View className='kv-value'>{children}</View>
    </View>
  );
}

/**
 * The organiser's six-digit code shown on site: 扫码 its QR code in the mini-program, or type it in
 * large, then 签到 (or 签退).
 */
function CodeBox({ out, busy, onSend }: { out: boolean; busy: boolean; onSend: (code: string) => Promise<string | null> }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const scanner = canScan();
  const sendCode = async (digits: string) => {
    setError(null);
    const refused = await onSend(digits);
    if (refused === null) setCode('');
    else if (refused) setError(refused);
  };
  const send = async () => {
    const digits = code.replace(/\D/g, '');
    if (digits.length !== 6) return setError('请输入 6 位签到码');
    await sendCode(digits);
  };
  const scan = async () => {
    const read = await scanQr({ onlyQr: true });
    if (!read) return; // closed the scanner
    const six = sixDigitsOf(read.result);
    if (six) await sendCode(six);
    else setError('没有识别到签到码，请扫组织者出示的签到二维码，或输入 6 位签到码');
  };
  const verb = out ? '签退' : '签到';
  return (
    <View className='ac-checkin' data-testid={out ? 'activity-checkout-box' : 'activity-checkin-box'}>
      {scanner && (
        <Button className='btn' style={{ marginBottom: '24px' }} data-testid={out ? 'activity-checkout-scan' : 'activity-checkin-scan'} disabled={busy || undefined} onClick={() => void scan()}>
          {`扫码${verb}`}
        </Button>
      )}
      <View className='label'>{scanner ? '也可以输入组织者公布的 6 位签到码' : out ? '离开时签退：输入现场公布的 6 位签到码' : '到场签到：输入组织者公布的 6 位签到码'}</View>
      <Input
        className='input ac-code'
        data-testid='activity-code'
        type='number'
        maxlength={6}
        value={code}
        placeholder='6 位签到码'
        onInput={(e) => setCode(e.detail.value)}
        onConfirm={() => void send()}
      />
      {error && <View className='field-error' data-testid='activity-code-error'>{error}</View>}
      <Button className={scanner ? 'btn-plain' : 'btn'} data-testid={out ? 'activity-checkout' : 'activity-checkin'} loading={busy} disabled={busy || undefined} onClick={() => void send()}>
        {verb}
      </Button>
    </View>
  );
}

/** What I can do now, by my sign-up: 报名; 签到 or 退出报名; 签退; or where it stands. */
function Actions({ a, busy, act }: { a: ActivityDto; busy: boolean; act: Acts }) {
  const status = a.mine?.status ?? null;
  const left = a.places - a.taken;
  const open = checkInOpen(a);
  if (status === null || status === 'withdrawn') {
    return (
      <Button className={`btn ${left <= 0 ? 'ac-off' : ''}`} data-testid='activity-signup' loading={busy} disabled={busy || left <= 0 || undefined} onClick={() => void act.signUp(a)}>
        {left <= 0 ? '名额已满' : '报名参加'}
      </Button>
    );
  }
  if (status === 'signed_up') {
    return (
      <>
        {open ? (
          <CodeBox out={false} busy={busy} onSend={(code) => act.checkIn(a, code, false)} />
        ) : (
          <View className='ac-note' data-testid='activity-note'>
            已报名。活动开始前 30 分钟起可以签到：到场后在这里输入组织者公布的 6 位签到码。
          </View>
        )}
        <Button className='btn-danger' data-testid='activity-withdraw' disabled={busy || undefined} onClick={() => void act.withdraw(a)}>
          退出报名
        </Button>
      </>
    );
  }
  if (status === 'checked_in') {
    return (
      <>
        <View className='ac-note ac-note-done' data-testid='activity-note'>
          已签到。活动结束离开时请签退，组织者确认后记入积分。
        </View>
        {open && <CodeBox out busy={busy} onSend={(code) => act.checkIn(a, code, true)} />}
      </>
    );
  }
  const said: Record<'checked_out' | 'confirmed' | 'absent', string> = {
    checked_out: '已签退，等组织者确认后记入积分和服务时长。',
    confirmed: `组织者已确认，记入 ${a.mine?.points ?? 0} 分。`,
    absent: '组织者记录您没有到场。',
  };
  return (
    <View className={`ac-note ${status === 'confirmed' ? 'ac-note-done' : ''}`} data-testid='activity-note'>
      {said[status]}
    </View>
  );
}

interface Acts {
  signUp(a: ActivityDto): Promise<void>;
  withdraw(a: ActivityDto): Promise<void>;
  /** Null when done; else the refusal of the code in words ('' when said on the card instead). */
  checkIn(a: ActivityDto, code: string, out: boolean): Promise<string | null>;
}

function ActivityCard({ a, busy, error, act }: { a: ActivityDto; busy: boolean; error: string | null; act: Acts }) {
  const left = a.places - a.taken;
  const mine = a.mine && a.mine.status !== 'withdrawn' ? a.mine.status : null;
  return (
    <View className='card' data-testid={`activity-${a.id}`}>
      <View className='row between'>
        <Text className='title'>{a.title}</Text>
        {mine && (
          <Text className={`tag ${TAG[mine]}`} data-testid='activity-status'>
            {SIGNUP_STATUS_LABELS[mine]}
          </Text>
        )}
      </View>
      <View className='ac-when' data-testid='activity-when'>
        {activityTime(a)}
      </View>
      <View className='ac-info'>
        <Line k='地点'>{a.place}</Line>
        <Line k='积分'>
          <Text className='ac-reward' data-testid='activity-reward'>
            {rewardText(a.reward)}
          </Text>
          ，另记服务时长
        </Line>
        <Line k='名额'>
          {left > 0 ? (
            <Text className='ac-left' data-testid='activity-left'>{`还剩 ${left} 个（共 ${a.places} 个）`}</Text>
          ) : (
            <Text className='ac-full' data-testid='activity-left'>{`名额已满（共 ${a.places} 个）`}</Text>
          )}
        </Line>
        <Line k='谁可报名'>{joinersText(a)}</Line>
        <Line k='组织者'>{a.organiserName}</Line>
      </View>
      {a.description && <View className='ac-desc'>{a.description}</View>}
      {a.organiser && a.checkInCode && (
        <View className='banner' style={{ marginTop: '16px', marginBottom: 0 }} data-testid='activity-organiser-code'>
          您是组织者。现场签到码：<Text className='ac-organiser-code'>{spacedBookingCode(a.checkInCode)}</Text>
        </View>
      )}
      {error && (
        <View className='error' style={{ marginTop: '16px', marginBottom: 0 }} data-testid='activity-error'>
          {error}
        </View>
      )}
      <Actions a={a} busy={busy} act={act} />
    </View>
  );
}

/**
 * 志愿活动: my community's upcoming activities with when, where, the points they earn (每人 N 分 /
 * 每小时 N 分), places left and my sign-up in words. 报名参加; 退出报名 (after a confirmation) before
 * checking in; 签到 and 签退 on site by typing the organiser's six-digit code.
 */
export default function ActivitiesPage() {
  const [items, setItems] = useState<ActivityDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [needPlace, setNeedPlace] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await fetchActivities()).items);
      setNeedPlace(false);
    } catch (e) {
      if (isApiError(e) && e.status === 400 && fieldErrorsOf(e)?.communityId) setNeedPlace(true);
      else setError(errorMessage(e));
    }
  }, []);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const put = (next: ActivityDto) => setItems((list) => list?.map((x) => (x.id === next.id ? next : x)) ?? null);
  const sayError = (id: string, message: string | null) =>
    setErrors((all) => {
      const { [id]: _old, ...rest } = all;
      return message ? { ...rest, [id]: message } : rest;
    });
  /** Runs one action on one activity: busy meanwhile, the card updated, or the refusal said on it. */
  const run = async (a: ActivityDto, action: () => Promise<{ activity: ActivityDto }>, done: string): Promise<string | null> => {
    setBusy(a.id);
    sayError(a.id, null);
    try {
      put((await action()).activity);
      void Taro.showToast({ title: done, icon: 'success' });
      return null;
    } catch (e) {
      // A mistyped code is said under the code; anything else on the card, read afresh.
      if (isApiError(e) && e.status === 400) return fieldErrorsOf(e)?.code ?? errorMessage(e);
      sayError(a.id, errorMessage(e));
      void load();
      return '';
    } finally {
      setBusy(null);
    }
  };
  const act: Acts = {
    signUp: async (a) => void (await run(a, () => signUpActivity(a.id), '报名成功')),
    withdraw: async (a) => {
      const { confirm } = await Taro.showModal({
        title: '退出报名',
        content: `退出「${a.title}」后，名额会让给其他人；想再参加需要重新报名，名额满了就报不上了。`,
        confirmText: '确定退出',
        cancelText: '不退出',
        confirmColor: '#a12a21',
      });
      if (confirm) await run(a, () => withdrawActivity(a.id), '已退出');
    },
    checkIn: (a, code, out) => run(a, () => checkInActivity(a.id, { code, out }), out ? '已签退' : '签到成功'),
  };

  if (needPlace) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card banner' data-testid='activities-need-place'>
          <View className='title'>先告诉我们您住在哪里</View>
          <View style={{ marginTop: '8px' }}>登记住址后，这里会列出您所在社区的志愿活动。</View>
          <Button className='btn' data-testid='activities-go-register' onClick={() => void Taro.navigateTo({ url: REGISTER_URL })}>
            去登记住址
          </Button>
        </View>
      </View>
    );
  }
  if (error) return <View className={pageClass('page-lg')}><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!items) return <View className={pageClass('page-lg')}><Loading /></View>;

  return (
    <View className={pageClass('page-lg')} data-testid='activities-page'>
      <View className='muted' style={{ marginBottom: '20px', lineHeight: 1.6 }}>
        报名参加社区志愿服务，到场签到、离开签退，组织者确认后记入积分和服务时长。
      </View>
      {items.length === 0 && <Empty text='近期没有志愿活动，过几天再来看看' />}
      {items.map((a) => (
        <ActivityCard key={a.id} a={a} busy={busy === a.id} error={errors[a.id] ?? null} act={act} />
      ))}
    </View>
  );
}
