import { Button, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type Amenity, REPORT_TYPES, REPORT_TYPE_LABELS, type ReportType, type StationDetailDto } from '@linli/shared';
import { ErrorState, Loading } from '../../components/StateView';
import { newIdempotencyKey } from '../../services/idempotency';
import { errorMessage, fieldErrorsOf } from '../../services/request';
import { fetchStation, reportProblem } from '../../services/stations';
import { amenityText } from '../../utils/format';
import { pageClass } from '../../services/care';

export default function StationReportPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [station, setStation] = useState<StationDetailDto | null>(null);
  const [type, setType] = useState<ReportType>('amenity_broken');
  const [amenity, setAmenity] = useState<Amenity | null>(null);
  const [text, setText] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  // A second tap before the first has drawn 提交中 sends nothing (and would reuse the key anyway).
  const sending = useRef(false);
  // One key per report as written: a retry of the same report reuses it, an edited report gets a new one.
  const idempotencyKey = useMemo(newIdempotencyKey, [type, amenity, text]);

  useEffect(() => {
    fetchStation(id)
      .then((r) => setStation(r.station))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [id]);

  const submit = async () => {
    if (sending.current || done) return;
    sending.current = true;
    setBusy(true);
    setFieldErrors({});
    setError(null);
    try {
      await reportProblem(id, { type, text, ...(type === 'amenity_broken' && amenity ? { amenity } : {}) }, idempotencyKey);
      setDone(true); // stays sent while the page closes: nothing to tap twice
      await Taro.showToast({ title: '已提交，感谢反馈', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields) setFieldErrors(fields);
      else setError(errorMessage(e));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  if (!station) return <View className={pageClass()}>{error ? <ErrorState message={error} /> : <Loading />}</View>;

  return (
    <View className={pageClass()} data-testid='report-form'>
      <View className='card'>
        <View className='title'>{station.name}</View>
        <View className='muted'>告诉站长和社区哪里出了问题，处理后会在驿站页面更新。</View>
      </View>
      <View className='card'>
        <View className='title'>问题类型</View>
        <View className='row wrap' style={{ marginTop: '12px' }}>
          {REPORT_TYPES.map((t) => (
            <View key={t} className={`chip ${type === t ? 'chip-on' : ''}`} data-testid={`type-${t}`} onClick={() => setType(t)}>
              {REPORT_TYPE_LABELS[t]}
            </View>
          ))}
        </View>
        {type === 'amenity_broken' && (
          <View>
            <View className='title' style={{ marginTop: '12px' }}>
              哪项设施
            </View>
            <View className='row wrap' style={{ marginTop: '12px' }}>
              {station.amenities.map((a) => (
                <View key={a} className={`chip ${amenity === a ? 'chip-on' : ''}`} data-testid={`amenity-${a}`} onClick={() => setAmenity(a)}>
                  {amenityText(a)}
                </View>
              ))}
            </View>
            {fieldErrors.amenity && <View className='field-error'>{fieldErrors.amenity}</View>}
          </View>
        )}
      </View>
      <View className='card'>
        <View className='title'>问题描述</View>
        <Textarea
          className='textarea'
          data-testid='report-text'
          value={text}
          maxlength={300}
          placeholder='例如：充电柜没电了，插座不通电'
          onInput={(e) => setText(e.detail.value)}
        />
        {fieldErrors.text && <View className='field-error'>{fieldErrors.text}</View>}
      </View>
      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='submit-report' loading={busy} disabled={busy || done || undefined} onClick={() => void submit()}>
        {done ? '已提交' : '提交反馈'}
      </Button>
    </View>
  );
}
