import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { Role, ServiceRecordResponse } from '@linli/shared';
import type { z } from 'zod';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { errorMessage, fieldErrorsOf } from '../../services/request';
import { fetchCommunities } from '../../services/requests';
import { fetchServiceRecord } from '../../services/volunteer-service';
import { chinaClock, chinaToday, monthDay, shiftDay } from '../../utils/booking-time';
import { servedText, signedPoints } from '../../utils/points';
import './index.css';
import { pageClass } from '../../services/care';
import { usePullRound } from '../../hooks/usePullToRefresh';

type ServiceRecord = z.infer<typeof ServiceRecordResponse>;

/** Who exports a community's service record (the server narrows them to their community, or the street). */
const EXPORTERS: readonly Role[] = ['community_admin', 'street_admin'];

/** Quick ranges (China dates, both ends included). */
function ranges(today: string): { id: string; label: string; from: string; to: string }[] {
  const y = today.slice(0, 4);
  const m = Number(today.slice(5, 7));
  const monthStart = `${today.slice(0, 7)}-01`;
  const lastMonthEnd = shiftDay(monthStart, -1);
  const q = `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  return [
    { id: 'month', label: '本月', from: monthStart, to: today },
    { id: 'last-month', label: '上月', from: `${lastMonthEnd.slice(0, 7)}-01`, to: lastMonthEnd },
    { id: 'quarter', label: '本季度', from: q, to: today },
    { id: 'year', label: '今年', from: `${y}-01-01`, to: today },
  ];
}

/** 12月1日, with the year when it is not this one (2025年12月1日). */
const dateText = (d: string, today: string): string => `${d.slice(0, 4) === today.slice(0, 4) ? '' : `${d.slice(0, 4)}年`}${monthDay(d)}`;

/**
 * Saves the CSV: in the mini-program to the user's files, then opened (or, where the phone cannot
 * open a CSV, copied for pasting into a computer); in H5 downloaded as a file.
 */
async function saveCsv(csv: string, filename: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return `已下载「${filename}」`;
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`;
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath, data: csv, encoding: 'utf8', success: () => resolve(), fail: (e) => reject(new Error(e.errMsg)) }),
  );
  try {
    await Taro.openDocument({ filePath, showMenu: true });
    return `已生成「${filename}」，可从右上角菜单转发或保存`;
  } catch {
    await Taro.setClipboardData({ data: csv });
    void Taro.showToast({ title: '已复制，可粘贴到电脑保存为 CSV', icon: 'none', duration: 3000 });
    return `手机打不开 CSV 文件，内容已复制：粘贴到电脑的记事本，保存为「${filename}」即可用表格软件打开`;
  }
}

/**
 * 服务记录导出 (community and street admins): a community's service over a period (本月, 上月,
 * 本季度, 今年 or any two dates) as rows — when, who, what, how long, the points and whether the
 * work was verified or added by hand — with the total, and the same as a CSV file for the
 * registered volunteer organisation. The page says plainly that it is not a 志愿服务记录证明.
 */
export default function ServiceRecordPage() {
  const { session, goLogin } = useSession();
  const user = session?.user;
  const allowed = !!user && user.roles.some((r) => EXPORTERS.includes(r));
  const wholeStreet = !!user?.roles.includes('street_admin');
  const today = chinaToday();
  const quick = ranges(today);
  const [communities, setCommunities] = useState<{ id: string; name: string }[] | null>(null);
  const [communityId, setCommunityId] = useState<string | null>(null);
  const [from, setFrom] = useState(quick[0]!.from);
  const [to, setTo] = useState(quick[0]!.to);
  const [record, setRecord] = useState<ServiceRecord | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const round = usePullRound();

  useEffect(() => {
    if (!allowed) return;
    fetchCommunities()
      .then((r) => {
        setCommunities(r.items.map((c) => ({ id: c.id, name: c.name })));
        setCommunityId((id) => id ?? (wholeStreet ? (r.items[0]?.id ?? null) : (user?.communityId ?? null)));
      })
      .catch((e: unknown) => {
        setError(errorMessage(e));
        if (!wholeStreet) setCommunityId(user?.communityId ?? null);
      });
  }, [allowed, wholeStreet, user?.communityId]);

  useEffect(() => {
    if (!communityId) return;
    let live = true;
    setLoading(true);
    setError(null);
    setSaved(null);
    fetchServiceRecord(communityId, from, to)
      .then((r) => live && setRecord(r))
      .catch((e: unknown) => {
        if (!live) return;
        setRecord(null);
        const fields = fieldErrorsOf(e);
        setError(fields ? Object.values(fields)[0]! : errorMessage(e));
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [communityId, from, to, round]);

  if (!session || !allowed) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '没有导出权限' : '请先登录'}</View>
          {session && <View className='muted'>社区和街道管理员可以导出服务记录</View>}
          <Button className='btn' onClick={() => void (session ? Taro.navigateBack() : goLogin())}>
            {session ? '返回' : '去登录'}
          </Button>
        </View>
      </View>
    );
  }

  const exportCsv = async () => {
    if (!record) return;
    setSaving(true);
    setSaved(null);
    try {
      setSaved(await saveCsv(record.csv, record.filename));
    } catch (e) {
      setError(`导出失败：${(e as Error).message || '请稍后再试'}`);
    } finally {
      setSaving(false);
    }
  };
  const pickRange = (f: string, t: string) => {
    setFrom(f);
    setTo(t);
  };
  const communityName = communities?.find((c) => c.id === communityId)?.name;
  const points = record?.rows.reduce((s, r) => s + r.points, 0) ?? 0;

  return (
    <View className={pageClass('page-lg rc-page')} data-testid='service-record'>
      <View className='rc-notice' data-testid='rc-notice'>
        这是{communityName ?? '本社区'}的志愿服务记录，供登记的志愿服务组织核对、录入。它不是志愿服务记录证明，证明只能由该志愿服务组织出具。
      </View>
      {wholeStreet && communities && (
        <View className='card'>
          <View className='title'>社区</View>
          <View className='row wrap rc-chips'>
            {communities.map((c) => (
              <View key={c.id} className={`chip ${c.id === communityId ? 'chip-on' : ''}`} data-testid={`rc-community-${c.id}`} onClick={() => setCommunityId(c.id)}>
                {c.name}
              </View>
            ))}
          </View>
        </View>
      )}
      <View className='card'>
        <View className='title'>时间范围</View>
        <View className='row wrap rc-chips'>
          {quick.map((r) => (
            <View key={r.id} className={`chip ${r.from === from && r.to === to ? 'chip-on' : ''}`} data-testid={`rc-range-${r.id}`} onClick={() => pickRange(r.from, r.to)}>
              {r.label}
            </View>
          ))}
        </View>
        <View className='rc-range'>
          <View className='rc-half'>
            <View className='rc-label'>开始日期</View>
            <Picker mode='date' value={from} end={today} onChange={(e) => setFrom(String(e.detail.value))}>
              <View className='input rc-pick' data-testid='rc-from'>
                {dateText(from, today)}
              </View>
            </Picker>
          </View>
          <View className='rc-to'>至</View>
          <View className='rc-half'>
            <View className='rc-label'>结束日期</View>
            <Picker mode='date' value={to} start={from} end={today} onChange={(e) => setTo(String(e.detail.value))}>
              <View className='input rc-pick' data-testid='rc-to'>
                {dateText(to, today)}
              </View>
            </Picker>
          </View>
        </View>
      </View>

      {error && <ErrorState message={error} />}
      {loading && !record && <Loading />}
      {record && (
        <View className='card rc-total' data-testid='rc-total'>
          <View>
            共<Text className='rc-total-num' data-testid='rc-count'>{record.rows.length}</Text>条，服务时长合计
            <Text className='rc-total-num' data-testid='rc-minutes'>{servedText(record.totalMinutes)}</Text>
          </View>
          <View>{`积分合计 ${points} 分`}</View>
          <Button className='btn' data-testid='rc-export' loading={saving} disabled={saving || record.rows.length === 0 || undefined} onClick={() => void exportCsv()}>
            导出 CSV
          </Button>
          {saved && (
            <View className='rc-saved' data-testid='rc-saved'>
              {saved}
            </View>
          )}
        </View>
      )}
      {record && record.rows.length === 0 && <Empty text='这段时间没有服务记录' />}
      {record && record.rows.length > 0 && (
        <View className='card' data-testid='rc-rows'>
          <View className='rc-head'>
            <Text className='rc-name'>姓名 · 服务内容</Text>
            <Text>时长 · 积分</Text>
          </View>
          {record.rows.map((r, i) => (
            <View key={`${r.at}-${i}`} className='rc-row' data-testid='rc-row'>
              <View className='rc-row-top'>
                <Text className='rc-name'>{r.name}</Text>
                <Text className='rc-nums'>
                  {r.minutes !== 0 ? `${r.minutes < 0 ? '−' : ''}${servedText(Math.abs(r.minutes))}` : ''}
                  <Text className={`rc-points ${r.points < 0 ? 'rc-minus' : ''}`}>{`${signedPoints(r.points)} 分`}</Text>
                </Text>
              </View>
              <View className='rc-reason'>{r.reason}</View>
              <View className='rc-when'>
                <Text className='rc-at'>{`${monthDay(chinaToday(Date.parse(r.at)))} ${chinaClock(r.at)}`}</Text>
                <Text className={`tag ${r.verified ? 'tag-open' : 'rc-tag-manual'}`}>{r.verified ? '活动/任务核实' : '工作人员补记'}</Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
