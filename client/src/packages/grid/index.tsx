import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { GridInfo } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { pageClass } from '../../services/care';
import { fetchGridBoard } from '../../services/grid-board';
import { errorMessage, isApiError } from '../../services/request';
import './grid.css';

/**
 * 网格公示牌: what the printed board on the wall says, opened by its code — the grid, its community
 * and street, whom to call (a tap calls), and 我要反映问题. Anyone may open it, signed in or not.
 * WeChat's scanner opens it with `scene` = the grid id; a link with `id`.
 */
export default function GridBoardPage() {
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? params.scene ?? '');
  const [grid, setGrid] = useState<GridInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setGrid((await fetchGridBoard(id)).grid);
    } catch (e) {
      setError(isApiError(e) && e.status === 404 ? '没有找到这个网格，请核对公示牌上的二维码' : errorMessage(e));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  useShareAppMessage(() => ({ title: grid ? `${grid.communityName}${grid.name}公示牌` : '网格公示牌', path: `/packages/grid/index?id=${encodeURIComponent(id)}` }));

  if (!grid) return <View className={pageClass('page-lg')}>{error ? <ErrorState message={error} onRetry={() => void load()} /> : <Loading />}</View>;
  return (
    <View className={pageClass('page-lg')} data-testid='grid-board'>
      <View className='card'>
        <View className='gb-place'>
          {grid.streetName} · {grid.communityName}
        </View>
        <View className='gb-name' data-testid='grid-board-name'>
          {grid.name}
        </View>
        <View className='muted'>{grid.households} 户</View>
      </View>
      <View className='card'>
        <View className='title'>有事找网格员</View>
        {grid.contacts.length === 0 && <View className='muted'>网格员正在安排中，可拨打社区电话或直接反映问题</View>}
        {grid.contacts.map((c) => (
          <View key={c.userId} className='gb-contact' data-testid='grid-board-contact'>
            <View>
              <View className='gb-contact-name'>{c.name}</View>
              <Text className='gb-contact-role'>{c.role === 'grid_leader' ? '网格长' : '网格员'}</Text>
            </View>
            <Button className='btn btn-inline gb-call' data-testid='grid-board-call' onClick={() => void Taro.makePhoneCall({ phoneNumber: c.phone })}>
              拨打 {c.phone}
            </Button>
          </View>
        ))}
      </View>
      <Button className='btn' data-testid='grid-board-file' onClick={() => void Taro.navigateTo({ url: '/packages/request-new/index' })}>
        我要反映问题
      </Button>
      <View className='muted' style={{ marginTop: '16px' }}>
        遇到火情、燃气泄漏、有人受伤或违法犯罪，请直接拨打 119、120、110。
      </View>
    </View>
  );
}
