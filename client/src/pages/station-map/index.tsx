import { Map, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { AMENITIES, type Amenity, type NearbyResponse } from '@linli/shared';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { errorMessage } from '../../services/request';
import { fetchNearby } from '../../services/stations';
import { formatDistance } from '../../utils/format';

const RADIUS = 3000;
const open = (id: string) => Taro.navigateTo({ url: `/pages/station-detail/index?id=${id}` });

/** Metres east/north of the centre (small-area projection, good to a few metres at city scale). */
function offsetMeters(c: { lat: number; lng: number }, p: { lat: number; lng: number }) {
  return {
    x: (p.lng - c.lng) * 111_320 * Math.cos((c.lat * Math.PI) / 180),
    y: (p.lat - c.lat) * 110_540,
  };
}

/** H5 has no map tiles here: a self-drawn plan of the stations around you, to scale. */
function Plan({ data }: { data: NearbyResponse }) {
  const reach = Math.max(500, ...data.items.map((s) => s.distanceMeters ?? 0)) * 1.1;
  const pos = (p: { lat: number; lng: number }) => {
    const { x, y } = offsetMeters(data.center, p);
    return { left: `${50 + (x / reach) * 50}%`, top: `${50 - (y / reach) * 50}%` };
  };
  const ring = (fraction: number) => ({
    width: `${fraction * 100}%`,
    height: `${fraction * 100}%`,
    left: `${50 - fraction * 50}%`,
    top: `${50 - fraction * 50}%`,
  });
  return (
    <View>
      <View className='plan' data-testid='station-plan'>
        <View className='plan-ring' style={ring(1)} />
        <View className='plan-ring' style={ring(0.5)} />
        <Text className='plan-scale'>外圈半径 {formatDistance(Math.round(reach))}</Text>
        <Text className='plan-north'>北 ↑</Text>
        <View className='plan-me' style={{ left: '50%', top: '50%' }} />
        {data.items.map((s, i) => (
          <View
            key={s.id}
            className={`plan-pin ${s.openNow ? '' : 'plan-pin-closed'}`}
            style={pos(s.location)}
            data-testid='plan-pin'
            onClick={() => void open(s.id)}
          >
            {i + 1}
          </View>
        ))}
      </View>
      {data.items.map((s, i) => (
        <View key={s.id} className='row between card' onClick={() => void open(s.id)}>
          <Text>
            {i + 1}. {s.name}
          </Text>
          <Text className='muted'>{formatDistance(s.distanceMeters)}</Text>
        </View>
      ))}
    </View>
  );
}

export default function StationMapPage() {
  const { params } = useRouter();
  const [data, setData] = useState<NearbyResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const amenities = (params.amenities ?? '').split(',').filter((a): a is Amenity => (AMENITIES as readonly string[]).includes(a));
    fetchNearby({
      lat: Number(params.lat),
      lng: Number(params.lng),
      datum: params.datum === 'wgs84' ? 'wgs84' : 'gcj02',
      radius: RADIUS,
      amenities,
      openNow: params.openNow === 'true',
      limit: 50,
    })
      .then(setData)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [params.lat, params.lng, params.datum, params.amenities, params.openNow]);

  if (error) return <View className='page'><ErrorState message={error} /></View>;
  if (!data) return <View className='page'><Loading /></View>;
  if (data.items.length === 0) return <View className='page'><Empty text='3 公里内没有符合条件的驿站' /></View>;

  if (process.env.TARO_ENV === 'weapp') {
    const markers = data.items.map((s, i) => ({
      id: i,
      latitude: s.location.lat,
      longitude: s.location.lng,
      title: s.name,
      iconPath: '',
      width: 28,
      height: 36,
      callout: { content: s.name, display: 'BYCLICK' as const, padding: 6, borderRadius: 6, fontSize: 12, color: '#222222', bgColor: '#ffffff', textAlign: 'center' as const, anchorX: 0, anchorY: 0, borderWidth: 0, borderColor: '#ffffff' },
    }));
    return (
      <Map
        style={{ width: '100%', height: '100vh' }}
        latitude={data.center.lat}
        longitude={data.center.lng}
        scale={14}
        showLocation
        markers={markers}
        includePoints={data.items.map((s) => ({ latitude: s.location.lat, longitude: s.location.lng }))}
        onMarkerTap={(e) => {
          const s = data.items[Number((e.detail as { markerId: number }).markerId)];
          if (s) void open(s.id);
        }}
        onError={() => setError('地图加载失败')}
      />
    );
  }
  return (
    <View className='page'>
      <Plan data={data} />
    </View>
  );
}
