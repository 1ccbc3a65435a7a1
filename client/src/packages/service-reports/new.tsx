import { Button, Input, Picker, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { REPORTED_KIND_LABELS, REPORTED_KINDS, ServiceReportBody } from '@linli/shared';
import { PhotoPicker } from '../../components/PhotoPicker';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { ErrorState, SignInFirst } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { newIdempotencyKey } from '../../services/idempotency';
import { errorMessage, fieldErrorsOf } from '../../services/request';
import { reportService } from '../../services/volunteer-service';
import { chinaToday, formatDay, monthDay, shiftDay } from '../../utils/booking-time';
import './reports.css';
import { pageClass } from '../../services/care';

type Kind = (typeof REPORTED_KINDS)[number];

/** What each kind is, in a line under the choice. */
const KIND_HINTS: Record<Kind, string> = {
  civility: '劝导乱停乱放、乱扔垃圾、闯红灯等不文明行为',
  station_duty: '在暖新驿站、党群服务中心等值班服务',
  good_deed: '邻居做的好人好事：写明是谁，社区核实后给他记积分',
};
const PHOTOS = 4;

interface Draft {
  kind: Kind;
  description: string;
  date: string;
  doerName: string;
  photos: string[];
}

/**
 * 报告志愿服务: what I did (文明劝导, 驿站值守) or a neighbour's good deed (好人好事, with his name),
 * what happened, which day, and up to four photos. Checked as the server checks it, each problem
 * under its field; confirmed in words (a report cannot be changed), sent once per key, then back
 * to 我报告的, where it waits for the community's decision.
 */
export default function NewServiceReportPage() {
  const { session } = useSession();
  const today = chinaToday();
  const [d, setDraft] = useState<Draft>({ kind: 'civility', description: '', date: today, doerName: '', photos: [] });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per report as written: a retried 提交 sends it once, a changed one is another.
  const key = useMemo(newIdempotencyKey, [d]);

  if (!session) return <SignInFirst />;

  const set = <K extends keyof Draft>(name: K, value: Draft[K], field: string = name) => {
    setDraft((x) => ({ ...x, [name]: value }));
    setErrors((x) => (x[field] ? { ...x, [field]: '' } : x));
    setError(null);
  };
  const goodDeed = d.kind === 'good_deed';
  const otherDay = d.date !== today && d.date !== shiftDay(today, -1);

  const submit = async () => {
    setError(null);
    const parsed = ServiceReportBody.safeParse({
      kind: d.kind,
      description: d.description,
      photos: d.photos,
      occurredOn: d.date,
      ...(goodDeed ? { doerName: d.doerName } : {}),
    });
    const problems: Record<string, string> = {};
    if (!parsed.success) for (const i of parsed.error.issues) problems[String(i.path[0] ?? 'description')] ??= i.message;
    if (goodDeed && !d.doerName.trim()) problems.doerName = '请写明做好事的人';
    if (!parsed.success || Object.keys(problems).length > 0) {
      setErrors(problems);
      setError('请先改正标红的内容');
      return;
    }
    const who = goodDeed ? `${d.doerName.trim()}的好人好事` : `我的${REPORTED_KIND_LABELS[d.kind]}`;
    const { confirm } = await Taro.showModal({
      title: '提交报告',
      content: `${formatDay(d.date)}，${who}。提交后不能修改，社区工作人员审核通过后记积分。`,
      confirmText: '提交',
      cancelText: '再改改',
    });
    if (!confirm) return;
    setBusy(true);
    setErrors({});
    try {
      await reportService(parsed.data, key);
      void Taro.showToast({ title: '已提交', icon: 'success' });
      const pages = Taro.getCurrentPages();
      if (pages[pages.length - 2]?.route?.includes('service-reports/index')) void Taro.navigateBack();
      else void Taro.redirectTo({ url: '/packages/service-reports/index' });
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields) setErrors(Object.fromEntries(Object.entries(fields).map(([f, m]) => [f === 'occurredOn' ? 'date' : f.split('.')[0]!, m])));
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={pageClass('page-lg sr-page')} data-testid='report-form'>
      <View className='card'>
        <View className='title'>做了什么服务</View>
        <View className='row wrap sr-chips' data-testid='sr-kind'>
          {REPORTED_KINDS.map((k) => (
            <View key={k} className={`chip ${d.kind === k ? 'chip-on' : ''}`} data-testid={`sr-kind-${k}`} onClick={() => set('kind', k)}>
              {REPORTED_KIND_LABELS[k]}
            </View>
          ))}
        </View>
        <View className='sr-hint'>{KIND_HINTS[d.kind]}</View>
        {goodDeed && (
          <View className={errors.doerName ? 'sr-bad' : ''}>
            <View className='sr-label'>做好事的人</View>
            <Input
              className='input'
              data-testid='sr-doer'
              value={d.doerName}
              maxlength={20}
              placeholder='邻居的姓名，如：张秀英'
              onInput={(e) => set('doerName', e.detail.value)}
            />
            {errors.doerName && <View className='field-error' data-testid='error-doerName'>{errors.doerName}</View>}
          </View>
        )}
        <View className={errors.description ? 'sr-bad' : ''}>
          <View className='sr-label'>经过</View>
          <Textarea
            className='textarea sr-textarea'
            data-testid='sr-description'
            value={d.description}
            maxlength={300}
            placeholder={goodDeed ? '他做了什么好事，在哪里' : '在哪里、做了什么，如：在名山路口劝导 5 辆电动车不逆行'}
            onInput={(e) => set('description', e.detail.value)}
          />
          {errors.description && <View className='field-error' data-testid='error-description'>{errors.description}</View>}
        </View>
      </View>

      <View className='card'>
        <View className='title'>哪一天</View>
        <View className='row wrap sr-chips' data-testid='sr-date'>
          {[0, -1].map((n) => {
            const day = shiftDay(today, n);
            return (
              <View key={n} className={`chip ${d.date === day ? 'chip-on' : ''}`} data-testid={`sr-date-${-n}`} onClick={() => set('date', day)}>
                {n === 0 ? '今天' : '昨天'} {monthDay(day)}
              </View>
            );
          })}
          <Picker mode='date' value={d.date} end={today} onChange={(e) => set('date', String(e.detail.value))}>
            <View className={`chip ${otherDay ? 'chip-on' : ''}`} data-testid='sr-date-pick'>
              {otherDay ? monthDay(d.date) : '更早'}
            </View>
          </Picker>
        </View>
        {errors.date && <View className='field-error'>{errors.date}</View>}
      </View>

      <View className='card'>
        <View className='title'>照片（选填）</View>
        <View className='sr-hint'>{`最多 ${PHOTOS} 张，拍下现场便于社区核实`}</View>
        <View style={{ marginTop: '16px' }}>
          <PhotoPicker max={PHOTOS} label='拍照或选照片' onChange={(keys) => set('photos', keys)} />
        </View>
        {errors.photos && <View className='field-error'>{errors.photos}</View>}
      </View>

      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='sr-submit' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
        提交报告
      </Button>
      <PrivacyPopup />
    </View>
  );
}
