import { Button, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { REPORTED_KIND_LABELS, type ResidentDto, type ServiceReportDto } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { useSession } from '../../hooks/useSession';
import { errorMessage } from '../../services/request';
import { getSession } from '../../services/session';
import { decideServiceReport, fetchServiceReports } from '../../services/volunteer-service';
import { ReportCard, REVIEWERS } from './card';
import { PersonChooser } from './PersonChooser';
import './reports.css';
import { pageClass } from '../../services/care';

/** A pending report with the staff's decision: whom to credit (a good deed), a note, 通过 or 不通过 (each confirmed). */
function ReviewItem({ report: r, onDecided }: { report: ServiceReportDto; onDecided: (next: ServiceReportDto) => void }) {
  const [person, setPerson] = useState<ResidentDto | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [problem, setProblem] = useState<{ field: 'person' | 'note' | null; message: string } | null>(null);
  const goodDeed = r.kind === 'good_deed';

  const decide = async (approve: boolean) => {
    setProblem(null);
    if (approve && goodDeed && !person) return setProblem({ field: 'person', message: '请先选择做好事的居民' });
    if (!approve && note.trim().length < 2) return setProblem({ field: 'note', message: '请写明不通过的原因，报告人会看到' });
    const who = goodDeed ? person!.name : r.reporterName;
    const { confirm } = await Taro.showModal({
      title: approve ? '通过' : '不通过',
      content: approve
        ? `通过${r.reporterName}报告的「${REPORTED_KIND_LABELS[r.kind]}」，给${who}记积分。通过后不能撤销。`
        : `不通过${r.reporterName}报告的「${REPORTED_KIND_LABELS[r.kind]}」，原因：${note.trim()}。报告人会看到原因，不能撤销。`,
      confirmText: approve ? '通过' : '不通过',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(approve ? 'approve' : 'reject');
    try {
      const { report } = await decideServiceReport(r.id, { approve, note: note.trim() || null, ...(approve && goodDeed ? { userId: person!.userId } : {}) });
      onDecided(report);
    } catch (e) {
      setProblem({ field: null, message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <ReportCard report={r} staff>
      {goodDeed && <PersonChooser communityId={r.communityId} initial={r.doerName} chosen={person} onChoose={(p) => {
            setPerson(p);
            setProblem(null);
          }} />}
      {goodDeed && person && <View className='sr-chosen' data-testid='sr-person-chosen'>{`记积分给：${person.name}`}</View>}
      {problem?.field === 'person' && <View className='field-error'>{problem.message}</View>}
      <View className={problem?.field === 'note' ? 'sr-bad' : ''}>
        <View className='sr-label'>留言（不通过时必填）</View>
        <Textarea
          className='textarea sr-textarea'
          data-testid='sr-note'
          value={note}
          maxlength={100}
          placeholder='如：照片看不清，请补充说明'
          onInput={(e) => {
            setNote(e.detail.value);
            setProblem(null);
          }}
        />
        {problem?.field === 'note' && <View className='field-error' data-testid='error-note'>{problem.message}</View>}
      </View>
      {problem?.field === null && <ErrorState message={problem.message} />}
      <View className='sr-actions'>
        <Button className='btn' data-testid='sr-approve' loading={busy === 'approve'} disabled={!!busy || undefined} onClick={() => void decide(true)}>
          通过
        </Button>
        <Button className='btn-plain' data-testid='sr-reject' loading={busy === 'reject'} disabled={!!busy || undefined} onClick={() => void decide(false)}>
          不通过
        </Button>
      </View>
    </ReportCard>
  );
}

/**
 * 审核志愿服务 (community and street admins): the community's reports waiting for a decision, each
 * with what happened, the photos and who reported it. 通过 credits the reporter (a good deed: the
 * resident staff pick by name) once; 不通过 says why. Each asks first; the answer stays on the card.
 */
export default function ReviewServiceReportsPage() {
  const { session, goLogin } = useSession();
  const allowed = !!session?.user.roles.some((r) => REVIEWERS.includes(r));
  const [items, setItems] = useState<ServiceReportDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await fetchServiceReports('review')).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useDidShow(() => {
    if (getSession()?.user.roles.some((r) => REVIEWERS.includes(r))) void load();
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (!session || !allowed) {
    return (
      <View className={pageClass('page-lg')}>
        <View className='card'>
          <View className='title'>{session ? '没有审核权限' : '请先登录'}</View>
          {session && <View className='muted'>社区和街道管理员可以审核志愿服务</View>}
          <Button className='btn' onClick={() => void (session ? Taro.navigateBack() : goLogin())}>
            {session ? '返回' : '去登录'}
          </Button>
        </View>
      </View>
    );
  }

  const decided = (next: ServiceReportDto) => setItems((list) => list?.map((x) => (x.id === next.id ? next : x)) ?? null);
  const pending = items?.filter((r) => r.status === 'pending').length ?? 0;
  return (
    <View className={pageClass('page-lg sr-page')} data-testid='review-reports'>
      {items && <View className='sr-intro' style={{ marginBottom: '20px' }}>{pending > 0 ? `待审核 ${pending} 条` : '暂时没有待审核的报告'}</View>}
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && !items && <Loading />}
      {items && items.length === 0 && <Empty text='没有待审核的志愿服务' />}
      {items?.map((r) =>
        r.status === 'pending' ? (
          <ReviewItem key={r.id} report={r} onDecided={decided} />
        ) : (
          <ReportCard key={r.id} report={r} staff>
            <View className={`sr-done ${r.status === 'approved' ? '' : 'sr-done-no'}`} data-testid='sr-decided'>
              {r.status === 'approved' ? `已通过，${r.doerName} +${r.points ?? 0} 分` : '已不通过，报告人会看到原因'}
            </View>
          </ReportCard>
        ),
      )}
    </View>
  );
}
