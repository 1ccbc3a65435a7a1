import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { type Amenity, AMENITY_LABELS, REPORT_TYPE_LABELS, type ReportDto, type StationDetailDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { errorMessage } from '../../services/request';
import { getSession } from '../../services/session';
import { checkIn, closeReport, fetchOpenReports, fetchStation, patchStation } from '../../services/stations';
import { amenityText, formatHours, formatSince, formatTime } from '../../utils/format';
import { pageClass } from '../../services/care';
import { stationShare } from './share';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';

const CONFIRM_BY: Record<string, string> = { keeper: '站长', admin: '社区', checkin: '骑手签到' };

export default function StationDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [station, setStation] = useState<StationDetailDto | null>(null);
  const [reports, setReports] = useState<ReportDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Why the last management action failed, shown in the panel (not in a second dialog). */
  const [panelError, setPanelError] = useState<string | null>(null);
  const user = getSession()?.user;
  const canManage =
    !!station &&
    !!user &&
    ((user.roles.includes('station_keeper') && station.keeperId === user.id) ||
      (user.roles.includes('community_admin') && user.communityId === station.communityId) ||
      user.roles.includes('street_admin'));
  const canCheckIn = !!user && (user.roles.includes('rider') || user.roles.includes('volunteer'));

  const load = useCallback(async () => {
    setError(null);
    try {
      const s = (await fetchStation(id)).station;
      setStation(s);
      const me = getSession()?.user;
      if (me && (me.id === s.keeperId || me.roles.includes('community_admin') || me.roles.includes('street_admin'))) {
        setReports((await fetchOpenReports(id)).items);
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [id]);

  usePullToRefresh(load);
  useDidShow(() => {
    void load();
  });
  // 转发: the station as it is named, opening here (the mini-program only; H5 has no share menu).
  useShareAppMessage(() => stationShare(station ?? { id, name: '暖新驿站', address: '骑手休息、饮水、充电的地方' }));

  const run = async (what: () => Promise<void>, onPanel = false) => {
    setBusy(true);
    setPanelError(null);
    try {
      await what();
    } catch (e) {
      if (onPanel) setPanelError(errorMessage(e));
      else void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  if (error) return <View className={pageClass()}><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!station) return <View className={pageClass()}><Loading /></View>;

  const navigate = () => {
    const { lat, lng } = station.location;
    if (process.env.TARO_ENV === 'weapp') {
      void Taro.openLocation({ latitude: lat, longitude: lng, name: station.name, address: station.address, scale: 17 });
    } else {
      const url = `https://uri.amap.com/marker?position=${lng},${lat}&name=${encodeURIComponent(station.name)}&coordinate=gaode&callnative=1`;
      window.open(url, '_blank');
    }
  };

  const doCheckIn = () =>
    run(async () => {
      const r = await checkIn(station.id);
      void Taro.showToast({ title: r.alreadyCheckedIn ? '今天已签到过' : '签到成功', icon: 'success' });
      await load();
    });

  const toggleClosure = () =>
    run(async () => {
      const closing = station.status === 'open';
      const s = (await patchStation(station.id, closing ? { status: 'temporarily_closed', closureNote: '临时闭站' } : { status: 'open' })).station;
      setStation(s);
    }, true);

  const confirmInfo = () =>
    run(async () => {
      setStation((await patchStation(station.id, { confirm: true })).station);
      void Taro.showToast({ title: '已确认信息', icon: 'success' });
    }, true);

  /** Marks one amenity out of order (or back in order); the others stay as they are, with their notes. */
  const setOutage = (amenity: Amenity, broken: boolean) =>
    run(async () => {
      const others = station.outOfOrder.filter((o) => o.amenity !== amenity).map((o) => ({ amenity: o.amenity }));
      const outOfOrder = broken ? [...others, { amenity }] : others;
      setStation((await patchStation(station.id, { outOfOrder })).station);
      void Taro.showToast({ title: broken ? `${AMENITY_LABELS[amenity]}已暂停使用` : `${AMENITY_LABELS[amenity]}已恢复`, icon: 'none' });
    }, true);

  const resolve = (r: ReportDto) =>
    run(async () => {
      await closeReport(station.id, r.id, '已处理完毕');
      await load();
    }, true);

  const broken = new Map(station.outOfOrder.map((o) => [o.amenity, o]));
  return (
    <View className={pageClass()} data-testid='station-detail'>
      <View className='card'>
        <View className='h1'>{station.name}</View>
        <View className='muted'>{station.address}</View>
        <View className='row wrap' style={{ marginTop: '12px' }}>
          {station.status === 'temporarily_closed' ? (
            <Text className='tag tag-closed'>暂停开放{station.closureNote ? `：${station.closureNote}` : ''}</Text>
          ) : station.openNow ? (
            <Text className='tag tag-open'>营业中</Text>
          ) : (
            <Text className='tag tag-closed'>已打烊</Text>
          )}
          <Text className='tag tag-amenity'>今日到访 {station.todayVisitors} 人</Text>
        </View>
        {station.lastConfirmed && (
          <View className='muted' data-testid='freshness'>
            信息确认于 {formatSince(station.lastConfirmed.at)}（{CONFIRM_BY[station.lastConfirmed.by]}）
          </View>
        )}
      </View>

      {(station.openIssues.length > 0 || station.outOfOrder.length > 0) && (
        <View className='card' data-testid='open-issues'>
          <View className='title'>当前问题</View>
          {station.outOfOrder.map((o) => (
            <View key={o.amenity} className='muted'>
              ⚠️ {AMENITY_LABELS[o.amenity]}暂停使用，自 {formatTime(o.since)}
              {o.note ? `（${o.note}）` : ''}
            </View>
          ))}
          {station.openIssues.map((i) => (
            <View key={i.reportId} className='muted'>
              ⚠️ {i.amenity ? `${AMENITY_LABELS[i.amenity]}` : ''}
              {REPORT_TYPE_LABELS[i.type]}：{i.text}，自 {formatTime(i.since)}
            </View>
          ))}
        </View>
      )}

      <View className='card'>
        <View className='title'>开放时间</View>
        {formatHours(station.hours).map((l) => (
          <View key={l}>{l}</View>
        ))}
      </View>

      <View className='card'>
        <View className='title'>服务设施</View>
        <View className='row wrap' style={{ marginTop: '8px' }}>
          {station.amenities.map((a) => (
            <Text key={a} className={`tag ${broken.has(a) ? 'tag-broken' : 'tag-amenity'}`} data-testid={`station-amenity-${a}`} aria-label={broken.has(a) ? `${AMENITY_LABELS[a]}暂停使用` : AMENITY_LABELS[a]}>
              {amenityText(a)}
            </Text>
          ))}
        </View>
        {broken.size > 0 && <View className='muted'>划线的设施暂停使用</View>}
      </View>

      <View className='row' style={{ gap: '16px' }}>
        <Button className='btn' style={{ flex: 1 }} data-testid='navigate' onClick={navigate}>
          导航前往
        </Button>
        {station.phone && (
          <Button className='btn-plain' style={{ flex: 1 }} onClick={() => void Taro.makePhoneCall({ phoneNumber: station.phone! })}>
            打电话
          </Button>
        )}
      </View>
      {canCheckIn && (
        <Button className='btn-plain' data-testid='check-in' disabled={busy || undefined} onClick={() => void doCheckIn()}>
          我到了，签到
        </Button>
      )}
      <Button
        className='btn-plain'
        data-testid='report-problem'
        onClick={() => void Taro.navigateTo({ url: `/packages/station-report/index?id=${station.id}` })}
      >
        反馈问题
      </Button>

      {canManage && (
        <View className='card' style={{ marginTop: '24px' }} data-testid='keeper-panel'>
          <View className='title'>站点管理</View>
          <Button className='btn-plain' disabled={busy || undefined} onClick={() => void confirmInfo()}>
            确认信息无误
          </Button>
          <Button className='btn-plain' disabled={busy || undefined} onClick={() => void toggleClosure()}>
            {station.status === 'open' ? '临时闭站' : '恢复开放'}
          </Button>
          {panelError && (
            <View className='field-error' role='alert' data-testid='keeper-error'>
              {panelError}
            </View>
          )}
          <View className='title' style={{ marginTop: '16px' }}>
            设施状态
          </View>
          <View className='muted'>设施坏了点“暂停使用”：骑手看到它划线，按这项设施找驿站时也不算本站；修好后点“恢复使用”。</View>
          {station.amenities.map((a) => (
            <View key={a} className='row between' style={{ marginTop: '12px' }} data-testid={`amenity-state-${a}`}>
              <Text className={`tag ${broken.has(a) ? 'tag-broken' : 'tag-amenity'}`}>{amenityText(a)}</Text>
              <Button className='btn-plain btn-inline' data-testid={`toggle-outage-${a}`} disabled={busy || undefined} onClick={() => void setOutage(a, !broken.has(a))}>
                {broken.has(a) ? '恢复使用' : '暂停使用'}
              </Button>
            </View>
          ))}
          <View className='title' style={{ marginTop: '16px' }}>
            待处理反馈（{reports.length}）
          </View>
          {reports.map((r) => (
            <View key={r.id} className='row between' style={{ marginTop: '12px' }}>
              <Text className='muted'>
                {REPORT_TYPE_LABELS[r.type]}：{r.text}
              </Text>
              <Button className='btn-plain btn-inline' disabled={busy || undefined} onClick={() => void resolve(r)}>
                已处理
              </Button>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
