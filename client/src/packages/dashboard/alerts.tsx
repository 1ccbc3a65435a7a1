import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { StaffAlerts } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { pageClass } from '../../services/care';
import { ApiError, errorMessage } from '../../services/request';
import { fetchCommunities, fetchStaffAlerts, saveStaffAlerts } from '../../services/requests';
import { getSession } from '../../services/session';

/**
 * 工作群提醒: the community admin pastes the webhook of a WeCom group robot (企业微信群机器人) for the
 * community and, where a grid has its own group, for the grid. New, escalated and overdue items are told
 * there: the grid's group if set, else the community's.
 */
export default function StaffAlertsPage() {
  const [user] = useState(() => getSession()?.user);
  const communityId = user?.communityId ?? '';
  const [alerts, setAlerts] = useState<StaffAlerts | null>(null);
  const [grids, setGrids] = useState<{ id: string; name: string }[]>([]);
  const [community, setCommunity] = useState('');
  const [perGrid, setPerGrid] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (a: StaffAlerts) => {
    setAlerts(a);
    setCommunity(a.communityWebhook ?? '');
    setPerGrid(Object.fromEntries(a.grids.map((g) => [g.gridId, g.webhook])));
  };
  useEffect(() => {
    if (!communityId) return;
    fetchStaffAlerts(communityId)
      .then((r) => show(r.alerts))
      .catch((e: unknown) => setError(errorMessage(e)));
    fetchCommunities()
      .then((r) => setGrids(r.items.find((c) => c.id === communityId)?.grids ?? []))
      .catch(() => setGrids([]));
  }, [communityId]);

  const save = async () => {
    if (!alerts) return;
    const listed = grids.filter((g) => (perGrid[g.id] ?? '').trim() !== '');
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      const r = await saveStaffAlerts(communityId, {
        communityWebhook: community.trim() || null,
        grids: listed.map((g) => ({ gridId: g.id, webhook: perGrid[g.id]!.trim() })),
        version: alerts.version,
      });
      show(r.alerts);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        // grids.<i>.webhook → the grid's own field
        setErrors(Object.fromEntries(e.fields.map((f) => [f.field.startsWith('grids.') ? listed[Number(f.field.split('.')[1])]?.id ?? f.field : f.field, f.message])));
      } else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (error && !alerts) return <View className={pageClass()}><ErrorState message={error} /></View>;
  if (!alerts) return <View className={pageClass()}><Loading /></View>;
  return (
    <View className={pageClass()} data-testid='staff-alerts'>
      <View className='card'>
        <View className='title'>社区工作群</View>
        <View className='muted'>在企业微信群里添加“群机器人”，复制它的 Webhook 地址粘贴到这里。新事项、超时和上报的事项会发到群里。</View>
        <Input className='input' data-testid='alerts-community' value={community} maxlength={300} placeholder='https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' onInput={(e) => setCommunity(e.detail.value)} />
        {errors.communityWebhook && <View className='field-error'>{errors.communityWebhook}</View>}
      </View>
      {grids.length > 0 && (
        <View className='card'>
          <View className='title'>各网格的工作群（选填）</View>
          <View className='muted'>网格有自己的群就填上，这个网格的事项发到网格群；不填的发到社区群。</View>
          {grids.map((g) => (
            <View key={g.id} style={{ marginTop: '16px' }}>
              <View>{g.name}</View>
              <Input className='input' data-testid={`alerts-grid-${g.id}`} value={perGrid[g.id] ?? ''} maxlength={300} placeholder='不填则发到社区群' onInput={(e) => setPerGrid((p) => ({ ...p, [g.id]: e.detail.value }))} />
              {errors[g.id] && <View className='field-error'>{errors[g.id]}</View>}
            </View>
          ))}
        </View>
      )}
      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='alerts-save' loading={busy} disabled={busy || undefined} onClick={() => void save()}>
        保存
      </Button>
    </View>
  );
}
