import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { RIDER_PLATFORMS, RIDER_PLATFORM_LABELS, type User } from '@linli/shared';
import { ErrorState } from '../../components/StateView';
import { errorMessage } from '../../services/request';
import { declareRider } from '../../services/riders';
import type { Platform } from './memo';

/**
 * 骑手身份: not a rider yet — choose the delivery platform, 登记为骑手; a rider — his platform (if this
 * phone knows it), 更换配送平台 and 取消骑手身份 (after a confirmation). Each change comes with a new
 * session, stored by the service; `onChanged` reads it again.
 */
export function Declaration({ user, platform, onChanged }: { user: User; platform: Platform | null; onChanged: (platform: Platform | null) => void }) {
  const isRider = user.roles.includes('rider');
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState<Platform | null>(platform);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choosing = !isRider || editing;

  const run = async (rider: boolean, p: Platform | null, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await declareRider(rider ? { rider, platform: p ?? undefined } : { rider });
      setEditing(false);
      onChanged(p);
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    if (!chosen) return setFieldError('请选择配送平台');
    void run(true, chosen, isRider ? '已更换' : '已登记');
  };

  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消骑手身份',
      content: '取消后，您将不再显示为骑手，也不能申请兼职网格员。已担任的岗位不受影响。以后可以重新登记。',
      confirmText: '确定取消',
      cancelText: '不取消',
      confirmColor: '#c8372d',
    });
    if (confirm) void run(false, null, '已取消');
  };

  return (
    <View className='card' data-testid='rider-declaration'>
      <View className='row between'>
        <View className='title'>骑手身份</View>
        <Text className={`tag ${isRider ? 'tag-open' : 'tag-closed'}`} data-testid='rider-status'>
          {isRider ? '已登记为骑手' : '未登记'}
        </Text>
      </View>
      {isRider && platform && !editing && (
        <View className='kv' data-testid='rider-platform'>
          <Text className='muted kv-key'>配送平台</Text>
          <Text>{RIDER_PLATFORM_LABELS[platform]}</Text>
        </View>
      )}
      {!isRider && <View className='muted'>您是外卖、快递骑手吗？登记后可以申请成为兼职网格员，在送件途中帮社区留意问题。</View>}
      {choosing && (
        <View>
          <View className='label' style={{ marginTop: '24px' }}>
            您在哪个平台配送
          </View>
          <View className='row wrap' style={{ marginTop: '8px' }}>
            {RIDER_PLATFORMS.map((p) => (
              <View
                key={p}
                className={`chip ${chosen === p ? 'chip-on' : ''}`}
                data-testid={`platform-${p}`}
                onClick={() => {
                  setChosen(p);
                  setFieldError(null);
                }}
              >
                {RIDER_PLATFORM_LABELS[p]}
              </View>
            ))}
          </View>
          {fieldError && (
            <View className='field-error' data-testid='error-platform'>
              {fieldError}
            </View>
          )}
        </View>
      )}
      {error && <ErrorState message={error} />}
      {choosing ? (
        <Button className='btn' data-testid='declare-rider' loading={busy} disabled={busy || undefined} onClick={save}>
          {isRider ? '保存配送平台' : '登记为骑手'}
        </Button>
      ) : (
        <Button className='btn-plain' data-testid='change-platform' disabled={busy || undefined} onClick={() => setEditing(true)}>
          更换配送平台
        </Button>
      )}
      {isRider && editing && (
        <Button
          className='btn-plain'
          data-testid='keep-platform'
          disabled={busy || undefined}
          onClick={() => {
            setEditing(false);
            setChosen(platform);
            setFieldError(null);
          }}
        >
          不更换
        </Button>
      )}
      {isRider && !editing && (
        <Button className='btn-danger' data-testid='withdraw-rider' loading={busy} disabled={busy || undefined} onClick={() => void withdraw()}>
          取消骑手身份
        </Button>
      )}
    </View>
  );
}
