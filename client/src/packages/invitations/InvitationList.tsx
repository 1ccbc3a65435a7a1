import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { INVITATION_STATUSES, INVITATION_STATUS_LABELS, type InvitationDto } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { fetchInvitations, revokeInvitation } from '../../services/invitations';
import { errorMessage } from '../../services/request';
import { formatTime } from '../../utils/format';
import { useLatest } from '../../hooks/useLatest';

type Status = InvitationDto['status'];
type Filter = Status | 'all';
const FILTERS: Filter[] = ['all', ...INVITATION_STATUSES];
const filterLabel = (f: Filter) => (f === 'all' ? '全部' : INVITATION_STATUS_LABELS[f]);
const STATUS_TAG: Record<Status, string> = { open: 'tag-warn', accepted: 'tag-open', revoked: 'tag-closed', expired: 'tag-closed' };

/** What revoking does, said before it is done (it cannot be undone). */
const revokeWarning = (i: InvitationDto): string =>
  i.status === 'accepted'
    ? `撤销后，${i.inviteeName}将不再担任${i.roleLabel}，其登录立即失效。此操作不能恢复。`
    : `撤销后，邀请码 ${i.code} 将不能再使用。此操作不能恢复。`;

/**
 * 邀请记录: the admin's invitations, newest first, filtered by status; 撤销 (after a confirmation)
 * for open and accepted ones; 查看邀请码 shows an open one's code and QR again.
 */
export function InvitationList({ onShowCode }: { onShowCode: (invitation: InvitationDto) => void }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [items, setItems] = useState<InvitationDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyCode, setBusyCode] = useState<string | null>(null);

  const begin = useLatest();
  const load = useCallback(async (f: Filter) => {
    const latest = begin();
    setError(null);
    try {
      const { items } = await fetchInvitations(f === 'all' ? {} : { status: f });
      if (latest()) setItems(items);
    } catch (e) {
      if (latest()) setError(errorMessage(e));
    }
  }, [begin]);

  useEffect(() => {
    void load(filter);
  }, [load, filter]);

  const choose = (f: Filter) => {
    if (f === filter) return;
    setItems(null);
    setFilter(f);
  };

  const revoke = async (i: InvitationDto) => {
    const { confirm } = await Taro.showModal({ title: '撤销邀请', content: revokeWarning(i), confirmText: '确定撤销', cancelText: '不撤销', confirmColor: '#c8372d' });
    if (!confirm) return;
    setBusyCode(i.code);
    setError(null);
    try {
      const { invitation } = await revokeInvitation(i.code);
      setItems((list) => list?.map((x) => (x.code === i.code ? invitation : x)) ?? null);
      void Taro.showToast({ title: '已撤销', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyCode(null);
    }
  };

  return (
    <View className='card' data-testid='invitation-list'>
      <View className='title'>邀请记录</View>
      <View className='row wrap' style={{ marginTop: '16px' }}>
        {FILTERS.map((f) => (
          <View key={f} className={`chip ${filter === f ? 'chip-on' : ''}`} data-testid={`filter-${f}`} onClick={() => choose(f)}>
            {filterLabel(f)}
          </View>
        ))}
      </View>
      {error && <ErrorState message={error} onRetry={() => void load(filter)} />}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <Empty text={filter === 'all' ? '还没有邀请过人员' : `没有${filterLabel(filter)}的邀请`} />}
      {items?.map((i) => (
        <View key={i.code} className='invite-row' data-testid={`invitation-${i.code}`}>
          <View className='row between'>
            <Text className='resident-name'>{i.inviteeName}</Text>
            <Text className={`tag ${STATUS_TAG[i.status]}`} data-testid='invitation-status'>
              {INVITATION_STATUS_LABELS[i.status]}
            </Text>
          </View>
          <View className='invite-role'>{i.roleLabel}</View>
          <View>{i.placeName}</View>
          <View className='muted'>
            {formatTime(i.createdAt)} 邀请 · 邀请码 {i.code}
          </View>
          {i.status === 'accepted' && i.acceptedAt && <View className='muted'>{formatTime(i.acceptedAt)} 已接受</View>}
          {i.status === 'open' && <View className='muted'>有效期至 {formatTime(i.expiresAt)}</View>}
          {(i.status === 'open' || i.status === 'accepted') && (
            <View className='row' style={{ marginTop: '12px', justifyContent: 'flex-end' }}>
              {i.status === 'open' && (
                <Button className='btn-inline btn-plain' data-testid={`show-${i.code}`} onClick={() => onShowCode(i)}>
                  查看邀请码
                </Button>
              )}
              <Button
                className='btn-inline btn-plain'
                data-testid={`revoke-${i.code}`}
                loading={busyCode === i.code}
                disabled={!!busyCode || undefined}
                onClick={() => void revoke(i)}
              >
                撤销
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
