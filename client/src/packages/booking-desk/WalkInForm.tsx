import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { CentreDto, WalkInDto } from '@linli/shared';
import { recordWalkIn } from '../../services/booking-desk';
import { newIdempotencyKey } from '../../services/idempotency';
import { errorMessage } from '../../services/request';
import { chinaClock } from '../../utils/booking-time';

/**
 * 现场办理登记: someone served without booking — what for and (if he likes) his name — counted in
 * the day's figures; today's are listed below.
 */
export function WalkInForm({ centre, walkIns, onRecorded }: { centre: CentreDto; walkIns: WalkInDto[]; onRecorded: () => void }) {
  const offerings = centre.offerings.filter((o) => o.active);
  const [offeringId, setOfferingId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per walk-in written down: a retried 登记 records him once.
  const [key, setKey] = useState(newIdempotencyKey);

  const save = async () => {
    if (!offeringId) return setError('请选择办理的事项');
    setBusy(true);
    setError(null);
    try {
      await recordWalkIn(centre.id, { offeringId, name: name.trim() }, key);
      setKey(newIdempotencyKey());
      setName('');
      setOfferingId(null);
      void Taro.showToast({ title: '已登记', icon: 'success' });
      onRecorded();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' data-testid='walk-in'>
      <View className='title'>现场办理登记</View>
      <View className='muted'>没有预约、直接来办事的居民，登记一下，计入当天统计</View>
      <View className='row wrap' style={{ marginTop: '16px' }}>
        {offerings.map((o) => (
          <View key={o.id} className={`chip ${offeringId === o.id ? 'chip-on' : ''}`} data-testid={`walk-in-${o.id}`} onClick={() => setOfferingId(o.id)}>
            {o.name}
          </View>
        ))}
      </View>
      <Input className='input' data-testid='walk-in-name' value={name} maxlength={20} placeholder='姓名（选填）' onInput={(e) => setName(e.detail.value)} />
      {error && <View className='field-error'>{error}</View>}
      <Button className='btn' data-testid='walk-in-save' loading={busy} disabled={busy || undefined} onClick={() => void save()}>
        登记
      </Button>
      {walkIns.length > 0 && (
        <View data-testid='walk-in-list' style={{ marginTop: '16px' }}>
          {walkIns.map((w) => (
            <View key={w.id} className='dk-row'>
              {chinaClock(w.at)} {w.offeringName}
              {w.name ? ` · ${w.name}` : ''}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
