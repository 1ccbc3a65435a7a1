import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { FamilyLinkCodeDto, FamilyLinkDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { consentFamilyLink, fetchFamilyLink } from '../../services/family';
import { errorMessage, isApiError } from '../../services/request';
import { formatTime } from '../../utils/format';

/** Why a code that is no longer open cannot be consented to (as the server words it). */
const CLOSED: Record<Exclude<FamilyLinkCodeDto['status'], 'open'>, string> = {
  used: '该关联码已被使用',
  expired: '该关联码已过期，请让家人重新发起',
};

/**
 * 家人关联请求: who asks to look after me, as what, and what that allows (代您预约、查看您的积分,
 * revocable at any time); 同意 (after a confirmation) or 不同意 (nothing is sent: the code just
 * lapses after 7 days). `onDone` gets my links after consenting, or null after declining.
 */
export function Consent({ code, onDone }: { code: string; onDone: (items: FamilyLinkDto[] | null, request: FamilyLinkCodeDto) => void }) {
  const [req, setReq] = useState<FamilyLinkCodeDto | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setReq((await fetchFamilyLink(code)).request);
    } catch (e) {
      setLoadError(isApiError(e) && e.status === 404 ? '没有找到这个关联码，请核对后重新输入' : errorMessage(e));
    }
  }, [code]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!req) return loadError ? <ErrorState message={loadError} onRetry={() => void load()} /> : <Loading />;

  const consent = async () => {
    const { confirm } = await Taro.showModal({
      title: '同意关联',
      content: `同意后，${req.requesterName}可以代您预约服务、查看您的积分。您随时可以在“我的家人”中解除。`,
      confirmText: '同意',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      const { items } = await consentFamilyLink(code);
      void Taro.showToast({ title: '已同意', icon: 'success' });
      onDone(items, req);
    } catch (e) {
      // 不能同意自己发起的 / 已被使用 / 已过期: the server says which, in Chinese.
      setError(errorMessage(e));
      if (isApiError(e) && e.status === 409) void load();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View data-testid='family-consent'>
      <View className='card'>
        <View className='muted'>家人关联请求</View>
        <View className='h1' style={{ marginTop: '8px' }} data-testid='consent-requester'>
          {req.requesterName}
        </View>
        {req.note && (
          <View className='place-line' style={{ marginTop: 0 }} data-testid='consent-note'>
            “{req.note}”
          </View>
        )}
        <View style={{ marginTop: '16px' }}>
          请求照看您。您是{req.requesterName}的<Text className='invite-role' data-testid='consent-relation'>{req.relationLabel}</Text>。
        </View>
        <View className='kv'>
          <Text className='muted kv-key'>有效期至</Text>
          <Text>{formatTime(req.expiresAt)}</Text>
        </View>
      </View>
      <View className='card notice' data-testid='consent-allows'>
        <View className='title'>同意后，{req.requesterName}可以</View>
        <View className='notice-item'>· 代您预约社区服务</View>
        <View className='notice-item'>· 查看您的积分</View>
        <View className='notice-item muted'>您随时可以在“我的家人”中解除，解除后对方就不能再代您办理。</View>
      </View>
      {error && <ErrorState message={error} />}
      {req.status === 'open' ? (
        <View>
          <Button className='btn' data-testid='consent-yes' loading={busy} disabled={busy || undefined} onClick={() => void consent()}>
            同意
          </Button>
          <Button className='btn-plain' data-testid='consent-no' disabled={busy || undefined} onClick={() => onDone(null, req)}>
            不同意
          </Button>
          <View className='muted' style={{ marginTop: '16px' }}>
            如果您不认识对方，或不想让对方代您办理，请点“不同意”。
          </View>
        </View>
      ) : (
        !error && (
          <View className='banner' data-testid='consent-closed'>
            {CLOSED[req.status]}
          </View>
        )
      )}
    </View>
  );
}
