import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { type ReactNode, useCallback, useState } from 'react';
import { type AccountDto, DoneNeedBody, NEED_KIND_LABELS, NEED_STATUS_LABELS, type NeedDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { cancelNeed, confirmNeed, fetchNeed, finishNeed, takeNeed } from '../../services/needs';
import { fetchMyAccount } from '../../services/points';
import { errorMessage, isApiError } from '../../services/request';
import { formatTime } from '../../utils/format';
import { Stars, ToggleRow } from './controls';
import { minutesText, needWhen, pointsFor, served, STATUS_TAG, takesNeeds } from './format';
import './needs.css';
import { pageClass } from '../../services/care';

function Line({ k, children, testid }: { k: string; children: ReactNode; testid?: string }) {
  return (
    <View className='kv'>
      <Text className='muted kv-key'>{k}</Text>
      <View className='kv-value' data-testid={testid}>
        {children}
      </View>
    </View>
  );
}

/** Where the need stands, in words for the one reading it. */
function progress(n: NeedDto): { text: string; done?: boolean } {
  const v = n.volunteerName ?? '志愿者';
  const volunteer = n.role === 'volunteer';
  switch (n.status) {
    case 'open':
      return { text: volunteer || n.role === 'none' ? '等待志愿者接单。' : '等待志愿者接单，社区也会帮忙安排。' };
    case 'taken':
      return { text: volunteer ? '您已接单，请按时到达。服务完成后，在下面填写实际服务时长。' : `${v}已接单，会按约定的时间来帮忙。` };
    case 'done':
      return { text: volunteer ? `已提交，等待${n.requesterName}确认。` : `${v}已完成服务（${minutesText(n.minutes)}），请确认并评价。` };
    case 'confirmed':
      return volunteer
        ? { text: `已确认完成。您获得 ${pointsFor(n.minutes)} 积分，服务时长 ${minutesText(n.minutes)} 已存入时间银行。`, done: true }
        : { text: `已完成${n.paidMinutes > 0 ? `，时间银行已支付 ${minutesText(n.paidMinutes)}` : ''}。谢谢您的评价。`, done: true };
    case 'cancelled':
      return { text: '这个需求已取消。' };
  }
}

/** The volunteer says it is done: the minutes actually served and a note. */
function DoneForm({ n, busy, onDone }: { n: NeedDto; busy: boolean; onDone: (body: { minutes: number; note: string }) => void }) {
  const [minutes, setMinutes] = useState(String(n.minutes));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const typed = /^\d{1,3}$/.test(minutes.trim()) ? Number(minutes.trim()) : null;
  const send = () => {
    const checked = DoneNeedBody.safeParse({ minutes: typed ?? Number.NaN, note });
    if (typed === null || !checked.success) {
      const found: Record<string, string> = {};
      if (typed === null) found.minutes = '请填写实际服务了多少分钟（整数）';
      for (const issue of checked.success ? [] : checked.error.issues) found[String(issue.path[0])] ??= issue.message;
      setErrors(found);
      return;
    }
    setErrors({});
    onDone(checked.data);
  };
  return (
    <View className='card' data-testid='need-done-form'>
      <View className='title'>服务完成</View>
      <View className={errors.minutes ? 'nd-bad' : ''}>
        <View className='nd-label'>实际服务时长</View>
        <View className='row'>
          <Input className='input' style={{ flex: 1 }} data-testid='need-done-minutes' type='number' maxlength={3} value={minutes} onInput={(e) => setMinutes(e.detail.value)} />
          <View className='nd-unit'>分钟</View>
        </View>
        {typed !== null && typed > 0 && <View className='nd-words' data-testid='need-done-words'>{`${minutesText(typed)}，可得 ${pointsFor(typed)} 积分`}</View>}
        {errors.minutes && <View className='field-error' data-testid='error-minutes'>{errors.minutes}</View>}
      </View>
      <View className={errors.note ? 'nd-bad' : ''}>
        <View className='nd-label'>服务情况（选填）</View>
        <Textarea className='textarea' style={{ marginTop: '8px' }} data-testid='need-done-note' value={note} maxlength={200} placeholder='如：已陪同复查并取药' onInput={(e) => setNote(e.detail.value)} />
        {errors.note && <View className='field-error'>{errors.note}</View>}
      </View>
      <Button className='btn' data-testid='need-done' loading={busy} disabled={busy || undefined} onClick={send}>
        提交服务完成
      </Button>
    </View>
  );
}

type Confirmation = { score: number; comment: string | null; payWithHours: boolean };

/**
 * The requester (or the carer who posted) confirms: stars, a comment, and whether to pay with hours.
 * `refused` is the server's refusal of a payment the bank cannot cover: said here, with 不用时间支付.
 */
function ConfirmForm(p: { n: NeedDto; bank: number | null; busy: boolean; refused: string | null; onConfirm: (body: Confirmation) => void }) {
  const { n, bank, busy, refused, onConfirm } = p;
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [pay, setPay] = useState(n.payWithHours);
  const [error, setError] = useState<string | null>(null);
  const mine = n.role === 'requester';
  const whose = mine ? '我的' : `${n.requesterName}的`;
  return (
    <View className='card' data-testid='need-confirm-form'>
      <View className='title'>确认完成并评价</View>
      <View className='nd-label'>给{n.volunteerName ?? '志愿者'}打分</View>
      <Stars
        score={score}
        onChange={(s) => {
          setScore(s);
          setError(null);
        }}
      />
      <View className='nd-label'>说几句（选填）</View>
      <Textarea className='textarea' style={{ marginTop: '8px' }} data-testid='need-comment' value={comment} maxlength={200} placeholder='如：很耐心，谢谢' onInput={(e) => setComment(e.detail.value)} />
      <ToggleRow
        on={pay}
        testid='need-confirm-pay'
        title={`用时间银行支付 ${minutesText(n.minutes)}`}
        sub={mine && bank !== null ? `我的时间银行：${minutesText(bank)}` : `从${whose}时间银行支付`}
        onChange={setPay}
      />
      {pay && !refused && mine && bank !== null && bank < n.minutes && (
        <View className='field-error' data-testid='need-confirm-short'>
          {`时间银行只有 ${minutesText(bank)}，不够支付。可以关掉“用时间银行支付”再确认。`}
        </View>
      )}
      {error && <View className='field-error'>{error}</View>}
      {refused && pay ? (
        <View className='error' style={{ marginTop: '20px', marginBottom: 0 }} data-testid='need-confirm-refused'>
          <View>{`${refused}。可以不用时间银行支付，直接确认完成，志愿者同样获得积分和服务时长。`}</View>
          <Button className='btn' data-testid='need-confirm-free' loading={busy} disabled={busy || undefined} onClick={() => onConfirm({ score, comment: comment.trim() || null, payWithHours: false })}>
            不用时间支付，确认完成
          </Button>
        </View>
      ) : (
        <Button
          className='btn'
          data-testid='need-confirm'
          loading={busy}
          disabled={busy || undefined}
          onClick={() => {
            if (score === 0) return setError('请先点星星打分');
            onConfirm({ score, comment: comment.trim() || null, payWithHours: pay });
          }}
        >
          确认完成
        </Button>
      )}
    </View>
  );
}

/**
 * 需求详情: what, when, where, how long, for whom and who serves it, its status in words, and what
 * the reader can do now: 接单 (a volunteer, after a confirmation), 服务完成 with the minutes served
 * (the volunteer who took it), 确认完成 with stars and paying with hours or not (the requester or
 * his carer; a bank that cannot cover it offers to confirm without paying), 取消 (before it is done).
 */
export default function NeedDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { session } = useSession();
  const [n, setN] = useState<NeedDto | null>(null);
  const [account, setAccount] = useState<AccountDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The time bank could not pay (409 insufficient_hours): the confirm form offers 不用时间支付. */
  const [refused, setRefused] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const { need } = await fetchNeed(id);
      setN(need);
      if (need.role === 'requester') {
        fetchMyAccount()
          .then(setAccount)
          .catch(() => undefined);
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  /** Runs one action: busy meanwhile, the need as answered, or the refusal said and the need read again. */
  const run = async (action: () => Promise<{ need: NeedDto }>, done: string): Promise<boolean> => {
    setBusy(true);
    setActionError(null);
    try {
      setN((await action()).need);
      void Taro.showToast({ title: done, icon: 'success' });
      return true;
    } catch (e) {
      setActionError(errorMessage(e));
      void load();
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (error) return <View className={pageClass('page-lg')}><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!n) return <View className={pageClass('page-lg')}><Loading /></View>;

  const asker = n.role === 'requester' || n.role === 'poster';
  const canTake = n.status === 'open' && n.role === 'none' && takesNeeds(session?.user);
  const canCancel = (asker || n.role === 'staff') && (n.status === 'open' || n.status === 'taken');
  const said = progress(n);

  const take = async () => {
    const { confirm } = await Taro.showModal({
      title: '接单',
      content: `接下「${n.title}」：${needWhen(n.when)}，${n.place}，预计 ${minutesText(n.minutes)}。接单后请按时到达。`,
      confirmText: '确定接单',
      cancelText: '再想想',
    });
    if (confirm) await run(() => takeNeed(n.id), '接单成功');
  };
  const finish = async (body: { minutes: number; note: string }) => {
    const { confirm } = await Taro.showModal({
      title: '提交服务完成',
      content: `「${n.title}」实际服务 ${minutesText(body.minutes)}。提交后由${n.requesterName}确认，确认后您获得 ${pointsFor(body.minutes)} 积分，服务时长存入时间银行。提交后不能修改。`,
      confirmText: '提交',
      cancelText: '再看看',
    });
    if (confirm) await run(() => finishNeed(n.id, body), '已提交');
  };
  const confirmDone = async (body: Confirmation) => {
    const whose = n.role === 'requester' ? '您的' : `${n.requesterName}的`;
    const left = n.role === 'requester' && account ? `，支付后剩 ${minutesText(Math.max(0, account.bankMinutes - n.minutes))}` : '';
    const paying = body.payWithHours ? `从${whose}时间银行支付 ${minutesText(n.minutes)}${left}` : '不用时间银行支付';
    const { confirm } = await Taro.showModal({
      title: '确认完成',
      content: `确认${n.volunteerName ?? '志愿者'}已完成「${n.title}」，评 ${body.score} 星，${paying}。确认后志愿者获得积分和服务时长，不能撤销。`,
      confirmText: '确认',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(true);
    setActionError(null);
    try {
      setN((await confirmNeed(n.id, body)).need);
      setRefused(null);
      void Taro.showToast({ title: '已确认', icon: 'success' });
      if (n.role === 'requester') void fetchMyAccount().then(setAccount).catch(() => undefined);
    } catch (e) {
      // Said on the page, not in a second dialog (H5 drops a dialog opened while the last one closes).
      if (isApiError(e) && e.code === 'insufficient_hours') setRefused(e.message);
      else {
        setActionError(errorMessage(e));
        void load();
      }
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消需求',
      content: `取消「${n.title}」后${n.status === 'taken' && n.volunteerName ? `，${n.volunteerName}就不用来了` : '，志愿者就看不到它了'}。取消后不能恢复，还需要帮助请重新发布。`,
      confirmText: '确定取消',
      cancelText: '不取消',
      confirmColor: '#a12a21',
    });
    if (confirm) await run(() => cancelNeed(n.id), '已取消');
  };

  return (
    <View className={pageClass('page-lg')} data-testid='need-detail'>
      {params.fresh === '1' && n.status === 'open' && (
        <View className='banner' data-testid='need-posted'>
          发布成功。本社区的志愿者现在可以看到并接单，接单后这里会显示是谁来帮忙。
        </View>
      )}
      <View className='card'>
        <View className='nd-head'>
          <Text className='nd-title' data-testid='need-title'>
            {n.title}
          </Text>
          <Text className={`tag ${STATUS_TAG[n.status]}`} data-testid='need-status'>
            {NEED_STATUS_LABELS[n.status]}
          </Text>
        </View>
        <View className='nd-kind'>{NEED_KIND_LABELS[n.kind]}</View>
        <View className={`nd-note ${said.done ? 'nd-note-done' : ''}`} data-testid='need-progress'>
          {said.text}
        </View>
        <View className='nd-info' style={{ marginTop: '12px' }}>
          <Line k='时间' testid='need-when'>{needWhen(n.when)}</Line>
          <Line k='地点'>{n.place}</Line>
          <Line k={served(n) ? '服务时长' : '预计时长'} testid='need-minutes'>
            {minutesText(n.minutes)}
          </Line>
          <Line k='支付' testid='need-pay'>
            {n.status === 'confirmed'
              ? n.paidMinutes > 0
                ? `时间银行已支付 ${minutesText(n.paidMinutes)}`
                : '没有用时间银行支付'
              : n.payWithHours
                ? '用时间银行支付'
                : '不用时间银行支付'}
          </Line>
          <Line k='需求人' testid='need-requester'>
            {n.requesterName}
            {n.postedByName ? `（${n.postedByName}代为发布）` : ''}
          </Line>
          {n.phone && (
            <Line k='联系电话' testid='need-phone'>
              {n.phone}
            </Line>
          )}
          <Line k='志愿者' testid='need-volunteer'>
            {n.volunteerName ?? '等待接单'}
          </Line>
          {n.description && <Line k='说明'>{n.description}</Line>}
          {n.doneNote && <Line k='服务情况' testid='need-done-note-text'>{n.doneNote}</Line>}
          {n.rating && (
            <Line k='评价' testid='need-rating'>
              <Text className='nd-star-on'>{'★'.repeat(n.rating.score)}</Text>
              {` ${n.rating.score} 星${n.rating.comment ? `，${n.rating.comment}` : ''}`}
            </Line>
          )}
          <Line k='发布时间'>{formatTime(n.createdAt)}</Line>
        </View>
        {n.role === 'volunteer' && n.phone && n.status === 'taken' && !n.phone.includes('*') && (
          <Button className='btn-plain' data-testid='need-call' onClick={() => void Taro.makePhoneCall({ phoneNumber: n.phone! }).catch(() => undefined)}>
            打电话给{n.requesterName}
          </Button>
        )}
      </View>

      {actionError && (
        <View className='error' data-testid='need-error'>
          {actionError}
        </View>
      )}
      {canTake && (
        <Button className='btn' data-testid='need-take' loading={busy} disabled={busy || undefined} onClick={() => void take()}>
          接单
        </Button>
      )}
      {n.role === 'volunteer' && n.status === 'taken' && <DoneForm n={n} busy={busy} onDone={(b) => void finish(b)} />}
      {asker && n.status === 'done' && <ConfirmForm n={n} bank={account?.bankMinutes ?? null} busy={busy} refused={refused} onConfirm={(b) => void confirmDone(b)} />}
      {canCancel && (
        <Button className='btn-danger' data-testid='need-cancel' disabled={busy || undefined} onClick={() => void cancel()}>
          取消需求
        </Button>
      )}
    </View>
  );
}
