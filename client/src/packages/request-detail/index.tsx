import { View } from '@tarojs/components';
import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { ErrorState, Loading } from '../../components/StateView';
import { getSession } from '../../services/session';
import { actsFor, isOpen, isReporter, isGridLineStaff, isStaff } from './access';
import { ActionsCard } from './ActionsCard';
import { EvaluationsCard } from './EvaluationsCard';
import { NeighbourCard } from './NeighbourCard';
import { PhoneUpdateForm } from './PhoneUpdateForm';
import { RatingCard } from './RatingCard';
import { RequestSummary } from './RequestSummary';
import { RevisitForm } from './RevisitForm';
import { Timeline } from './Timeline';
import { useDuplicates } from './useDuplicates';
import { useRequestDetail } from './useRequestDetail';
import { useStaffOptions } from './useStaffOptions';
import { pageClass } from '../../services/care';
import { requestShare } from './wording';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';

/**
 * One request: what it is, every step so far, and what the viewer can do on it now. A step refused
 * because the item moved on meanwhile reloads it and says so on top (该事项已有变化，已为您刷新).
 */
export default function RequestDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  // Read once: a fresh object each render would re-run the effects that depend on it.
  const [user] = useState(() => getSession()?.user);
  const { request: r, update, error, notice, load, refreshAfterRefusal } = useRequestDetail(id);
  usePullToRefresh(load);
  const { grids, departments } = useStaffOptions(user);
  const duplicates = useDuplicates(r, user);
  // 转发: the category and status only (no name, phone or words of the reporter); it opens here.
  useShareAppMessage(() => requestShare(r ?? { id, categoryName: '接诉即办', status: 'submitted' }));

  if (error) return <View className={pageClass()}><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!r || !user) return <View className={pageClass()}><Loading /></View>;

  // Staff steps are offered to the unit the item is with now (after it moved on, others only follow it).
  const staff = isStaff(user) && actsFor(user, r);
  const reporter = isReporter(user, r);
  return (
    <View className={pageClass()} data-testid='request-detail'>
      {notice && (
        <View className='banner' role='alert' data-testid='changed-notice'>
          {notice}
        </View>
      )}
      <RequestSummary request={r} />
      <NeighbourCard request={r} />
      <Timeline events={r.timeline} />
      {(isOpen(r) || r.status === 'resolved') && (staff || reporter) && (
        <ActionsCard
          request={r}
          staff={staff}
          reporter={reporter}
          grids={grids}
          departments={departments}
          duplicates={duplicates}
          onChange={update}
          onRefused={refreshAfterRefusal}
        />
      )}
      {r.forNeighbour && isStaff(user) && r.status !== 'merged' && r.status !== 'withdrawn' && (
        <PhoneUpdateForm request={r} onChange={update} onRefused={refreshAfterRefusal} />
      )}
      {r.rating && <RatingCard rating={r.rating} mine={reporter} />}
      {isStaff(user) && (r.status === 'resolved' || r.status === 'closed' || r.departments.length > 0) && <EvaluationsCard request={r} />}
      {isGridLineStaff(user) && r.status === 'closed' && <RevisitForm request={r} onChange={update} onRefused={refreshAfterRefusal} />}
      {/* 现场照片 (PhotoPicker) asks for 隐私授权 here */}
      <PrivacyPopup />
    </View>
  );
}
