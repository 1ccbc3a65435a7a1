import { Button, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { GridInfo } from '@linli/shared';
import { QrCode } from '../../components/QrCode';
import { ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { pageClass } from '../../services/care';
import { fetchGridBoard, gridBoardCodePath, gridBoardPath } from '../../services/grid-board';
import { errorMessage } from '../../services/request';
import { fetchCommunities } from '../../services/requests';
import './grid.css';

const CARERS = ['grid_worker', 'community_admin', 'street_admin'];

/**
 * 网格公示牌二维码 (grid workers, community and street admins): the grids one looks after; for the
 * chosen one, the sheet to print and put on the board — the grid's name, its QR code (WeChat's
 * 小程序码 in the mini-program) and whom to call. Scanning it opens 网格公示牌.
 */
export default function GridBoardsPage() {
  const { session, goLogin } = useSession();
  const user = session?.user;
  const allowed = !!user?.roles.some((r) => CARERS.includes(r));
  const [grids, setGrids] = useState<{ id: string; name: string }[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [board, setBoard] = useState<GridInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!allowed || !user) return;
    // A grid worker prints his own grid's; admins any of their communities'.
    if (user.roles.includes('grid_worker') && !user.roles.some((r) => r === 'community_admin' || r === 'street_admin') && user.gridId) {
      setGrids([{ id: user.gridId, name: '我的网格' }]);
      setChosen(user.gridId);
      return;
    }
    fetchCommunities()
      .then((r) => {
        const all = r.items.flatMap((c) => c.grids.map((g) => ({ id: g.id, name: r.items.length > 1 ? `${c.name}${g.name}` : g.name })));
        setGrids(all);
        setChosen((x) => x ?? all[0]?.id ?? null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [allowed, user]);

  useEffect(() => {
    if (!chosen) return;
    // Another grid chosen before this one's board came: its answer no longer counts.
    let live = true;
    setBoard(null);
    fetchGridBoard(chosen)
      .then((r) => live && setBoard(r.grid))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [chosen]);

  if (!session || !allowed) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '网格员和社区、街道工作人员可以打印公示牌二维码' : '请先登录'}</View>
          {!session && (
            <Button className='btn' onClick={() => void goLogin()}>
              去登录
            </Button>
          )}
        </View>
      </View>
    );
  }
  if (error) return <View className={pageClass('page-lg')}><ErrorState message={error} /></View>;
  if (!grids) return <View className={pageClass('page-lg')}><Loading /></View>;
  if (grids.length === 0) return <View className={pageClass('page-lg')}><View className='empty'>还没有网格</View></View>;

  const print = () => {
    if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.print();
  };
  return (
    <View className={pageClass('page-lg')} data-testid='grid-boards'>
      {grids.length > 1 && (
        <View className='row wrap gb-no-print'>
          {grids.map((g) => (
            <View key={g.id} className={`chip ${g.id === chosen ? 'chip-on' : ''}`} data-testid='grid-boards-grid' onClick={() => setChosen(g.id)}>
              {g.name}
            </View>
          ))}
        </View>
      )}
      {!board && <Loading />}
      {board && (
        <View className='card gb-print' data-testid='grid-boards-sheet'>
          <View className='gb-print-title'>
            {board.communityName}
            {board.name}
          </View>
          <View className='gb-print-sub'>微信扫一扫：联系网格员、反映问题</View>
          <QrCode text={gridBoardPath(board.id)} wxacode={gridBoardCodePath(board.id)} testid='grid-boards-qr' />
          {board.contacts.map((c) => (
            <View key={c.userId} className='gb-print-sub'>
              {c.role === 'grid_leader' ? '网格长' : '网格员'} {c.name} {c.phone}
            </View>
          ))}
          <View className='gb-print-hint'>打印后张贴在网格公示牌上。居民扫码即可看到网格员电话，并直接反映问题。</View>
        </View>
      )}
      {board && process.env.TARO_ENV === 'h5' && (
        <Button className='btn gb-no-print' data-testid='grid-boards-print' onClick={print}>
          打印
        </Button>
      )}
      {board && process.env.TARO_ENV === 'weapp' && <View className='muted gb-no-print'>长按二维码可保存图片，再拿去打印。</View>}
    </View>
  );
}
