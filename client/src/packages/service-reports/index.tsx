import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ServiceReportDto } from '@linli/shared';
import { Empty, ErrorState, Loading, SignInFirst } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { errorMessage } from '../../services/request';
import { getSession } from '../../services/session';
import { fetchServiceReports } from '../../services/volunteer-service';
import { ReportCard, REVIEWERS } from './card';
import './reports.css';
import { pageClass } from '../../services/care';

/**
 * 我报告的志愿服务: 报告志愿服务 on top, then what I reported, newest first, each with its status in
 * words (待审核, 已通过 with the points, 未通过 with the reason). Staff also find 审核志愿服务 here.
 */
export default function MyServiceReportsPage() {
  const { session } = useSession();
  const [items, setItems] = useState<ServiceReportDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await fetchServiceReports('mine')).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  // Also back from the form: the new report is on top.
  useDidShow(() => {
    if (getSession()) void load();
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (!session) return <SignInFirst title='登录后报告志愿服务' />;

  return (
    <View className={pageClass('page-lg')} data-testid='my-reports'>
      <View className='card'>
        <View className='sr-intro'>文明劝导、驿站值守，或看到邻居做好人好事，都可以报告。社区工作人员核实后记积分。</View>
        <Button className='btn' data-testid='sr-new' onClick={() => void Taro.navigateTo({ url: '/packages/service-reports/new' })}>
          报告志愿服务
        </Button>
        {session.user.roles.some((r) => REVIEWERS.includes(r)) && (
          <Button className='btn-plain' data-testid='sr-open-review' onClick={() => void Taro.navigateTo({ url: '/packages/service-reports/review' })}>
            审核志愿服务
          </Button>
        )}
      </View>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && !items && <Loading />}
      {items && items.length === 0 && <Empty text='还没有报告过志愿服务' />}
      {items?.map((r) => (
        <ReportCard key={r.id} report={r} />
      ))}
    </View>
  );
}
