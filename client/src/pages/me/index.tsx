import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { GridInfo } from '@linli/shared';
import { ROLES, ROLE_LABELS } from '@linli/shared/plain';
import { ErrorState, Loading } from '../../components/StateView';
import { DEMO_LOGIN_ENABLED, fetchMe, fetchMyGrid, loginWithCode, loginWithWeChat, takeReturnTo } from '../../services/auth';
import { errorMessage, isApiError } from '../../services/request';
import { getSession, type Session, signOut, updateSessionUser } from '../../services/session';
import { fetchTeams } from '../../services/teams';
import { CareSwitch } from './CareSwitch';
import { CodeEntry } from './CodeEntry';
import { NewResidents } from './NewResidents';
import { StaffTools } from './StaffTools';
import { pageClass } from '../../services/care';

/** Demo people beyond one per role (the stand-in's `demo-u-…` codes): a grid team's sanitation member, a gas company's staff. */
const EXTRA_DEMO_LOGINS = [
  { code: 'demo-u-sanitation', label: '环卫（网格团队成员）' },
  { code: 'demo-u-gas-staff', label: '燃气公司工作人员' },
] as const;
const openRegister = () => Taro.navigateTo({ url: '/packages/register/index' });
const open = (pkg: string) => () => void Taro.navigateTo({ url: `/packages/${pkg}/index` });
const openPage = (path: string) => () => void Taro.navigateTo({ url: `/packages/${path}` });

export default function MePage() {
  const [session, setSession] = useState<Session | null>(() => getSession());
  const [grid, setGrid] = useState<GridInfo | null>(null);
  const [gridState, setGridState] = useState<'idle' | 'loading' | 'none' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Whether I captain a volunteer team (志愿活动管理 for my team). */
  const [captain, setCaptain] = useState(false);

  const loadCaptain = useCallback(async (s: Session) => {
    // Community and street admins manage activities anyway; others may captain a team.
    if (!s.user.communityId || s.user.roles.some((r) => r === 'community_admin' || r === 'street_admin')) return setCaptain(false);
    try {
      setCaptain((await fetchTeams(s.user.communityId)).items.some((t) => t.captain));
    } catch {
      setCaptain(false); // the entry only shows when known
    }
  }, []);

  /** Only someone placed in a grid (a resident, a grid worker) has one to show: others are not asked (it would be a 404). */
  const loadGrid = useCallback(async (s: Session | null = getSession()) => {
    if (!s?.user.gridId) {
      setGrid(null);
      return setGridState('none');
    }
    setGridState('loading');
    try {
      setGrid((await fetchMyGrid()).grid);
      setGridState('idle');
    } catch (e) {
      setGrid(null);
      setGridState(isApiError(e) && e.status === 404 ? 'none' : 'error');
    }
  }, []);

  /** The user as stored now (the address may have been verified since the last login). */
  const refreshMe = useCallback(async () => {
    try {
      const next = updateSessionUser((await fetchMe()).user);
      if (next) setSession(next);
    } catch {
      /* keep the stored user; a 401 has already cleared the session */
      setSession(getSession());
    }
  }, []);

  useDidShow(() => {
    const s = getSession();
    setSession(s);
    if (s) {
      void refreshMe();
      void loadGrid(s);
      void loadCaptain(s);
    }
  });

  const login = async (code?: string) => {
    setBusy(true);
    setError(null);
    try {
      const s = code ? await loginWithCode(code) : await loginWithWeChat();
      setSession(s);
      // Sent here to sign in from another page (an invitation): back to it.
      const back = takeReturnTo();
      if (back) {
        void Taro.navigateTo({ url: back });
        return;
      }
      void loadGrid(s);
      void loadCaptain(s);
      Taro.showToast({ title: '登录成功', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const logout = () => {
    signOut();
    setSession(null);
    setGrid(null);
    setCaptain(false);
  };

  if (!session) {
    return (
      <View className={pageClass()}>
        <View className='card'>
          <View className='h1'>欢迎使用邻里</View>
          <View className='muted'>接诉即办 · 延时服务 · 志愿积分 · 暖新驿站</View>
          {process.env.TARO_ENV === 'weapp' && (
            <Button className='btn' loading={busy} onClick={() => void login()}>
              微信一键登录
            </Button>
          )}
        </View>
        <CareSwitch />
        {error && <ErrorState message={error} />}
        {DEMO_LOGIN_ENABLED && (
          <View className='card' data-testid='demo-logins'>
            <View className='title'>演示账号（本地环境）</View>
            <View className='muted'>选择一个角色登录，体验该角色看到的功能</View>
            {ROLES.map((r) => (
              <Button
                key={r}
                className='btn-plain'
                data-testid={`demo-login-${r}`}
                disabled={busy || undefined}
                onClick={() => void login(`demo-${r.replace(/_/g, '-')}`)}
              >
                {ROLE_LABELS[r]}
              </Button>
            ))}
            {EXTRA_DEMO_LOGINS.map((d) => (
              <Button key={d.code} className='btn-plain' data-testid={`demo-login-${d.code}`} disabled={busy || undefined} onClick={() => void login(d.code)}>
                {d.label}
              </Button>
            ))}
            <Button
              className='btn-plain'
              data-testid='demo-login-new'
              disabled={busy || undefined}
              onClick={() => void login(`newuser-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`)}
            >
              新用户（尚未登记住址）
            </Button>
          </View>
        )}
      </View>
    );
  }

  const u = session.user;
  return (
    <View className={pageClass()}>
      <View className='card' data-testid='me-card'>
        <View className='h1'>{u.name}</View>
        <View className='row wrap'>
          {u.roles.map((r) => (
            <Text key={r} className='tag tag-amenity'>
              {ROLE_LABELS[r]}
            </Text>
          ))}
        </View>
        {u.phoneMasked && <View className='muted'>手机 {u.phoneMasked}</View>}
      </View>
      <View className='card' data-testid='my-address'>
        <View className='title'>我的住址</View>
        {u.communityId === null || !u.address ? (
          <View>
            <View className='address-line'>尚未登记住址</View>
            <View className='muted'>登记后可以反映问题、预约服务，网格员会核实您的住址</View>
            <Button className='btn' data-testid='open-register' onClick={() => void openRegister()}>
              登记住址
            </Button>
          </View>
        ) : (
          <View>
            <View className='row wrap address-line'>
              <Text data-testid='my-address-text' style={{ marginRight: '16px' }}>
                {u.address}
              </Text>
              <Text className={`tag ${u.verified ? 'tag-open' : 'tag-warn'}`} data-testid='my-address-status'>
                {u.verified ? '已核实' : '待网格员核实'}
              </Text>
            </View>
            <Button className='btn-plain' data-testid='open-register' onClick={() => void openRegister()}>
              修改住址
            </Button>
          </View>
        )}
      </View>
      {/* Staff appointed to a community or a street (placed, but in no grid) have no 我的网格 to show. */}
      {(u.gridId || u.streetId === null) && (
        <View className='card' data-testid='my-grid'>
          <View className='title'>我的网格</View>
          {gridState === 'loading' && <Loading />}
          {gridState === 'none' && <View className='muted'>登记住址后，这里会显示您的网格和网格员</View>}
          {gridState === 'error' && <ErrorState message='网格信息加载失败' onRetry={() => void loadGrid()} />}
          {grid && (
            <View>
              <View style={{ margin: '8px 0' }}>
                {grid.streetName} · {grid.communityName} · {grid.name}
              </View>
              <View className='muted'>{grid.households} 户</View>
              {grid.contacts.map((c) => (
                <View key={c.userId} className='row between' style={{ marginTop: '16px' }}>
                  <Text>
                    {c.role === 'grid_leader' ? '网格长' : '网格员'} {c.name}
                  </Text>
                  <Button className='btn-plain btn-inline' onClick={() => void Taro.makePhoneCall({ phoneNumber: c.phone })}>
                    拨打 {c.phone}
                  </Button>
                </View>
              ))}
            </View>
          )}
        </View>
      )}
      <CareSwitch />
      {u.roles.includes('grid_worker') && u.gridId && <NewResidents gridId={u.gridId} />}
      <StaffTools user={u} captain={captain} />
      <View className='card' data-testid='my-more'>
        <Button className='btn-plain btn-entry' style={{ marginTop: 0 }} data-testid='open-family' onClick={open('family')}>
          我的家人
        </Button>
        <Button className='btn-plain btn-entry' data-testid='open-rider' onClick={open('rider')}>
          骑手身份
        </Button>
        <Button className='btn-plain btn-entry' data-testid='open-errands' onClick={open('errands')}>
          我的代办
        </Button>
        <Button className='btn-plain btn-entry' data-testid='open-errand-new' onClick={openPage('errands/new')}>
          申请代办
        </Button>
      </View>
      <CodeEntry />
      <Button className='btn-plain' onClick={logout}>
        退出登录
      </Button>
    </View>
  );
}
