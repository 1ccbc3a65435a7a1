import { Button, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ApplicationDto } from '@linli/shared';
import { ErrorState } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { fetchMe } from '../../services/auth';
import { updateSessionUser } from '../../services/session';
import { ApplicationForm } from './ApplicationForm';
import { ApplicationStatus } from './ApplicationStatus';
import { Declaration } from './Declaration';
import { type Platform, readMemo, type RiderMemo, writeMemo } from './memo';
import { pageClass } from '../../services/care';

/**
 * 骑手身份: declare or withdraw being a rider (with the platform); a rider applies to be a part-time
 * grid worker (兼职网格员) of a grid of his community and sees the application he sent. The outcome
 * shows in his roles: an approval makes him 兼职网格员 (his session is renewed on the next sign-in).
 */
export default function RiderPage() {
  const { session, loginError, refresh, goLogin } = useSession();
  const user = session?.user ?? null;
  const userId = user?.id ?? null;
  const [memo, setMemo] = useState<RiderMemo>({});
  const [again, setAgain] = useState(false);

  useEffect(() => {
    if (userId) setMemo(readMemo(userId));
  }, [userId]);

  // The roles as stored now (an approval may have come since the last sign-in; a stale session signs out).
  useEffect(() => {
    if (!userId) return;
    fetchMe()
      .then(({ user: fresh }) => updateSessionUser(fresh))
      .catch(() => undefined)
      .finally(() => void refresh());
  }, [userId, refresh]);

  if (!user) {
    return (
      <View className={pageClass('page-lg')} data-testid='rider-login'>
        <View className='card'>
          <View className='title'>请先登录</View>
          <View className='muted'>登录后登记骑手身份、申请成为兼职网格员</View>
          {loginError && <ErrorState message={loginError} onRetry={() => void refresh()} />}
          <Button
            className='btn'
            onClick={() => void goLogin()}
          >
            去登录
          </Button>
        </View>
      </View>
    );
  }

  const remember = (change: Partial<RiderMemo>) => setMemo(writeMemo(user.id, change));
  const declared = (platform: Platform | null) => {
    remember({ platform: platform ?? undefined });
    void refresh();
  };
  const applied = (application: ApplicationDto) => {
    remember({ application });
    setAgain(false);
  };

  const helper = user.roles.includes('parttime_grid_worker');
  const sent = memo.application && !again ? memo.application : null;
  // His roles tell the outcome the API does not send him: appointed to the grid he applied for.
  const shown: ApplicationDto | null = sent && helper && sent.gridId === user.gridId ? { ...sent, status: 'approved' } : sent;

  return (
    <View className={pageClass('page-lg')} data-testid='rider-page'>
      <Declaration user={user} platform={memo.platform ?? null} onChanged={declared} />
      {helper && !shown && (
        <View className='card' data-testid='rider-helper'>
          <View className='title'>您是兼职网格员</View>
          <View className='muted'>在送件途中留意安全隐患，发现问题可以在“接诉即办”里上报。</View>
        </View>
      )}
      {shown && <ApplicationStatus application={shown} onAgain={() => setAgain(true)} />}
      {!helper && !shown && user.roles.includes('rider') && <ApplicationForm user={user} onApplied={applied} />}
    </View>
  );
}
