import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';
import { type RewardDto, SITE_SCOPE_LABELS } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { SITE_STAFF_ROLES } from '../redemption-desk/sites';
import { useStaffSites } from '../redemption-desk/useStaffSites';
import { releaseText } from './draft';
import './index.css';
import { pageClass } from '../../services/care';

/** The site last managed, chosen again next time. */
const LAST_SITE = 'linli.reward-admin.site';

function RewardRow({ r, onOpen }: { r: RewardDto; onOpen: () => void }) {
  const released = !r.releaseAt || Date.parse(r.releaseAt) <= Date.now();
  return (
    <View className={`ra-item ${r.active ? '' : 'ra-off'}`} data-testid='ra-reward' onClick={onOpen}>
      <View className='row between'>
        <Text className='ra-name'>{r.name}</Text>
        <Text className='ra-go'>修改 ›</Text>
      </View>
      <View className='row wrap ra-tags'>
        <Text className={`tag ${r.active ? 'tag-open' : 'tag-closed'}`} data-testid='ra-reward-shelf'>
          {r.active ? '在架' : '已下架'}
        </Text>
        <Text className='tag tag-amenity'>{r.cost} 积分</Text>
        <Text className={`tag ${r.stock === 0 ? 'tag-warn' : 'tag-amenity'}`} data-testid='ra-reward-stock'>
          {r.stock === 0 ? '无库存' : `库存 ${r.stock}`}
        </Text>
        {r.monthlyLimit !== null && <Text className='tag tag-amenity'>每人每月限 {r.monthlyLimit} 次</Text>}
        {r.releaseAt && !released && <Text className='tag tag-warn'>{releaseText(r.releaseAt)} 开兑</Text>}
      </View>
      {r.description && <View className='ra-desc'>{r.description}</View>}
    </View>
  );
}

/**
 * 兑换点管理 (site staff, community and street admins): pick the site, see its rewards on and off
 * the shelf (cost, stock, monthly limits, release times), put a new one on the shelf or change one.
 */
export default function RewardAdminPage() {
  const { session, goLogin } = useSession();
  const user = session?.user;
  const allowed = !!user && user.roles.some((r) => SITE_STAFF_ROLES.includes(r));
  const { sites, siteId, pickSite, error, load } = useStaffSites(user, allowed, LAST_SITE);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && allowed) void load();
    shown.current = true;
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (!session || !allowed) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '没有兑换点管理权限' : '请先登录'}</View>
          {session && <View className='muted'>兑换点工作人员和社区、街道管理员可以管理兑换物品</View>}
          <Button className='btn' onClick={() => void (session ? Taro.navigateBack() : goLogin())}>
            {session ? '返回' : '去登录'}
          </Button>
        </View>
      </View>
    );
  }
  if (!sites) return <View className={pageClass('page-lg')}>{error ? <ErrorState message={error} onRetry={() => void load()} /> : <Loading />}</View>;
  if (sites.length === 0) return <View className={pageClass('page-lg')}><Empty text='您所在的社区还没有积分兑换点' /></View>;

  const site = sites.find((s) => s.id === siteId) ?? sites[0]!;
  const choose = pickSite;
  const edit = (rewardId?: string) =>
    void Taro.navigateTo({ url: `/packages/reward-admin/edit?siteId=${encodeURIComponent(site.id)}${rewardId ? `&rewardId=${encodeURIComponent(rewardId)}` : ''}` });
  const onShelf = site.rewards.filter((r) => r.active);
  const offShelf = site.rewards.filter((r) => !r.active);

  return (
    <View className={pageClass('page-lg')} data-testid='reward-admin'>
      <View className='card'>
        <View className='title' data-testid='ra-site'>
          {site.name}
        </View>
        <View className='ra-line'>{site.address}</View>
        <View className='ra-line'>开放时间：{site.hours}</View>
        <View className='ra-line'>
          服务：{SITE_SCOPE_LABELS[site.serves]} · 兑换后 {site.holdDays} 天内领取
        </View>
        {sites.length > 1 && (
          <View className='row wrap' style={{ marginTop: '16px' }} data-testid='ra-sites'>
            {sites.map((s) => (
              <View key={s.id} className={`chip ${s.id === site.id ? 'chip-on' : ''}`} data-testid={`ra-site-${s.id}`} onClick={() => choose(s.id)}>
                {s.name}
              </View>
            ))}
          </View>
        )}
      </View>
      <Button className='btn' data-testid='ra-new' onClick={() => edit()}>
        上架新物品
      </Button>
      <View className='ra-section'>在架物品（{onShelf.length}）</View>
      {onShelf.length === 0 && <View className='card ra-none'>还没有在架的物品</View>}
      {onShelf.length > 0 && (
        <View className='card' data-testid='ra-on-shelf'>
          {onShelf.map((r) => (
            <RewardRow key={r.id} r={r} onOpen={() => edit(r.id)} />
          ))}
        </View>
      )}
      {offShelf.length > 0 && (
        <View>
          <View className='ra-section'>已下架（{offShelf.length}）</View>
          <View className='card' data-testid='ra-off-shelf'>
            {offShelf.map((r) => (
              <RewardRow key={r.id} r={r} onOpen={() => edit(r.id)} />
            ))}
          </View>
        </View>
      )}
      <View className='ra-note'>居民兑换后凭领取码到兑换点领取。库存为 0 时居民不能再兑换；逾期未领的，积分和库存会自动退回。</View>
    </View>
  );
}
