import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { Category, DutyLists, NotHandledItem } from '@linli/shared';
import { fetchDutyLists } from '../../services/requests';

/** Where to go for one thing the community does not handle: the office, its phone (tap to call), the address. */
function WhereToGo({ item, strong }: { item: NotHandledItem; strong?: boolean }) {
  return (
    <View className={strong ? 'fl-need' : ''} style={{ marginTop: '12px' }} data-testid='not-handled-item'>
      <View style={{ fontWeight: 600 }}>{item.name}</View>
      <View>请到：{item.office}</View>
      {item.address && <View className='muted'>地址：{item.address}</View>}
      {item.phone && (
        <View className='chip' style={{ marginTop: '8px' }} onClick={() => void Taro.makePhoneCall({ phoneNumber: item.phone! }).catch(() => undefined)}>
          📞 {item.phone}
        </View>
      )}
      {item.note && <View className='muted'>{item.note}</View>}
    </View>
  );
}

/**
 * Under the category picker: the community's duty lists in plain words. When the picked category is
 * one the community does not handle, where to go instead, first; otherwise a folded list of what it
 * does not handle, what it does (履职事项) and what it helps with (协助事项). A category not admitted to
 * grids says the community handles it itself.
 */
export function DutyHints({ communityId, selected }: { communityId: string | null | undefined; selected: Category | null }) {
  const [lists, setLists] = useState<DutyLists | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!communityId) return;
    let live = true;
    fetchDutyLists(communityId)
      .then((r) => live && setLists(r.lists))
      .catch(() => live && setLists(null)); // the hints are a help; filing works without them
    return () => {
      live = false;
    };
  }, [communityId]);
  const elsewhere = selected && lists ? lists.notHandled.filter((n) => n.categoryIds.includes(selected.id)) : [];
  const hasLists = !!lists && lists.notHandled.length + lists.performs.length + lists.assists.length > 0;
  if (!hasLists && !(selected && !selected.gridAdmitted)) return null;
  return (
    <View className='card' data-testid='duty-hints'>
      {selected && !selected.gridAdmitted && (
        <View className='muted' data-testid='community-handles'>
          “{selected.name}”由社区直接受理（不在网格准入事项清单中）。
        </View>
      )}
      {elsewhere.length > 0 && (
        <View data-testid='not-handled-match'>
          <View className='title'>这类事不归社区办，您可以直接去：</View>
          {elsewhere.map((n) => (
            <WhereToGo key={n.name} item={n} strong />
          ))}
          <View className='muted' style={{ marginTop: '8px' }}>
            仍需要社区帮忙联系的，也可以继续提交。
          </View>
        </View>
      )}
      {hasLists && (
        <View className='chip' style={{ marginTop: '12px' }} data-testid='duty-lists-toggle' onClick={() => setOpen((o) => !o)}>
          {open ? '收起社区职责清单' : '看看哪些事社区办、哪些事不归社区'}
        </View>
      )}
      {open && lists && (
        <View data-testid='duty-lists'>
          {lists.notHandled.length > 0 && <View className='title' style={{ marginTop: '16px' }}>不属于社区办理（请到以下地方）</View>}
          {lists.notHandled.map((n) => (
            <WhereToGo key={n.name} item={n} />
          ))}
          {lists.performs.length > 0 && <View className='title' style={{ marginTop: '16px' }}>社区履职事项</View>}
          {lists.performs.map((d) => (
            <View key={d.name}>
              · {d.name}
              {d.note && <Text className='muted'>（{d.note}）</Text>}
            </View>
          ))}
          {lists.assists.length > 0 && <View className='title' style={{ marginTop: '16px' }}>社区协助事项</View>}
          {lists.assists.map((d) => (
            <View key={d.name}>
              · {d.name}
              {d.note && <Text className='muted'>（{d.note}）</Text>}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
