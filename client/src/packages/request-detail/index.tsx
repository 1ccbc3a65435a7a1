import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { ErrorState, Loading } from '../../components/StateView';
import { getSession } from '../../services/session';
import { isOpen, isReporter, isGridLineStaff, isStaff } from './access';
import { ActionsCard } from './ActionsCard';
import { RatingCard } from './RatingCard';
import { RequestSummary } from './RequestSummary';
import { RevisitForm } from './RevisitForm';
import { Timeline } from './Timeline';
import { useDuplicates } from './useDuplicates';
import { useRequestDetail } from './useRequestDetail';
import { useStaffOptions } from './useStaffOptions';
import { pageClass } from '../../services/care';

/** One request: what it is, every step so far, and what the viewer can do on it now. */
export default function RequestDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  // Read once: a fresh object each render would re-run the effects that depend on it.
  const [user] = useState(() => getSession()?.user);
  const { request: r, setRequest, error, load } = useRequestDetail(id);
  const { grids, departments } = useStaffOptions(user);
  const duplicates = useDuplicates(r, user);

  if (error) return <View className={pageClass()}><ErrorState message={error} onRetry={() => void load()} /></View>;
  if (!r || !user) return <View className={pageClass()}><Loading /></View>;

  const staff = isStaff(user);
  const reporter = isReporter(user, r);
  return (
    <View className={pageClass()} data-testid='request-detail'>
      <RequestSummary request={r} />
      <Timeline events={r.timeline} />
      {(isOpen(r) || r.status === 'resolved') && (staff || reporter) && (
        <ActionsCard
          request={r}
          staff={staff}
          reporter={reporter}
          grids={grids}
          departments={departments}
          duplicates={duplicates}
          onChange={setRequest}
          reload={load}
        />
      )}
      {r.rating && <RatingCard rating={r.rating} mine={reporter} />}
      {isGridLineStaff(user) && r.status === 'closed' && <RevisitForm request={r} onChange={setRequest} reload={load} />}
      {/* 现场照片 (PhotoPicker) asks for 隐私授权 here */}
      <PrivacyPopup />
    </View>
  );
}
