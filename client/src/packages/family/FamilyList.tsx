import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { FamilyLinkDto } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { endFamilyLink, fetchFamily } from '../../services/family';
import { errorMessage } from '../../services/request';
import { formatTime } from '../../utils/format';

type Direction = FamilyLinkDto['direction'];

const GROUPS: { direction: Direction; title: string; hint: string; empty: string }[] = [
  { direction: 'carer', title: '我照看的家人', hint: '您可以代他们预约服务、查看他们的积分', empty: '还没有您照看的家人' },
  { direction: 'cared', title: '照看我的家人', hint: '他们可以代您预约服务、查看您的积分', empty: '还没有照看您的家人' },
];

/** What ending a link does, said before it is done (it cannot be undone). */
const endWarning = (l: FamilyLinkDto): string =>
  l.direction === 'carer'
    ? `解除后，您将不能再代${l.name}预约服务、查看对方的积分。如需恢复，要重新发起并由对方同意。`
    : `解除后，${l.name}将不能再代您预约服务、查看您的积分。如需恢复，要由对方重新发起、您再同意。`;

/**
 * 我的家人: my links in two groups (我照看的家人 / 照看我的家人), each with 解除 after a
 * confirmation. `initial` is a list just returned by the server (after consenting), shown while
 * the list is read again.
 */
export function FamilyList({ initial }: { initial?: FamilyLinkDto[] }) {
  const [items, setItems] = useState<FamilyLinkDto[] | null>(initial ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await fetchFamily()).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const end = async (l: FamilyLinkDto) => {
    const { confirm } = await Taro.showModal({ title: '解除关联', content: endWarning(l), confirmText: '确定解除', cancelText: '不解除', confirmColor: '#c8372d' });
    if (!confirm) return;
    setBusyId(l.userId);
    setError(null);
    try {
      setItems((await endFamilyLink(l.userId)).items);
      void Taro.showToast({ title: '已解除', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  };

  if (!items) return error ? <ErrorState message={error} onRetry={() => void load()} /> : <Loading />;
  return (
    <View data-testid='family-list'>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {GROUPS.map((g) => {
        const group = items.filter((l) => l.direction === g.direction);
        return (
          <View key={g.direction} className='card' data-testid={`family-${g.direction}`}>
            <View className='title'>{g.title}</View>
            <View className='muted'>{g.hint}</View>
            {group.length === 0 && <Empty text={g.empty} />}
            {group.map((l) => (
              <View key={l.userId} className='invite-row' data-testid={`family-${l.userId}`}>
                <View className='row between'>
                  <View>
                    <View className='resident-name' data-testid='family-name'>
                      {l.name}
                    </View>
                    <View>
                      <Text className='tag tag-amenity' data-testid='family-relation'>
                        您的{l.relationLabel}
                      </Text>
                    </View>
                    <View className='muted'>{formatTime(l.since)} 起关联</View>
                  </View>
                  <Button
                    className='btn-inline btn-plain'
                    data-testid={`end-${l.userId}`}
                    loading={busyId === l.userId}
                    disabled={!!busyId || undefined}
                    onClick={() => void end(l)}
                  >
                    解除
                  </Button>
                </View>
              </View>
            ))}
          </View>
        );
      })}
    </View>
  );
}
