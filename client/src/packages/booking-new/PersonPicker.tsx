import { Input, View } from '@tarojs/components';
import { useState } from 'react';
import type { Person } from './usePeople';

/** Rows to search from: a long grid list gets a name filter. */
const SEARCH_FROM = 8;

/**
 * Step 1 when I may book for others (代约): 本人, or one of my family members I look after, or a
 * resident of my grid — each a big row with how I know him.
 */
export function PersonPicker({ me, people, onPick }: { me: string; people: Person[]; onPick: (p: Person | null) => void }) {
  const [q, setQ] = useState('');
  const shown = q.trim() ? people.filter((p) => p.name.includes(q.trim()) || p.note.includes(q.trim())) : people;
  return (
    <View data-testid='person-list'>
      <View className='bk-offering' data-testid='person-self' onClick={() => onPick(null)}>
        <View className='row between'>
          <View className='bk-offering-name'>本人（{me}）</View>
          <View className='bk-pick'>选择 ›</View>
        </View>
        <View className='bk-offering-line'>为自己预约</View>
      </View>
      <View className='title' style={{ margin: '24px 0 12px' }}>
        代约（为他人预约）
      </View>
      {people.length >= SEARCH_FROM && (
        <Input className='input' style={{ marginBottom: '20px' }} data-testid='person-search' value={q} placeholder='输入姓名或住址查找' onInput={(e) => setQ(e.detail.value)} />
      )}
      {shown.length === 0 && <View className='empty'>没有找到这位居民</View>}
      {shown.map((p) => (
        <View key={p.userId} className='bk-offering' data-testid={`person-${p.userId}`} onClick={() => onPick(p)}>
          <View className='row between'>
            <View className='bk-offering-name'>{p.name}</View>
            <View className='bk-pick'>代约 ›</View>
          </View>
          <View className='bk-offering-line'>
            {p.note}
            {p.phoneMasked ? ` · ${p.phoneMasked}` : ''}
          </View>
        </View>
      ))}
    </View>
  );
}
