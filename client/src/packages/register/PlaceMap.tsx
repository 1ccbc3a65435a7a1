import { Image, Map, View } from '@tarojs/components';
import type { PlaceDto } from '@linli/shared';

type LatLng = { lat: number; lng: number };

/** The grid outline as an SVG picture, to scale (small-area projection), north up. */
function outlineSvg(boundary: LatLng[], label: string): string {
  const W = 600;
  const H = 360;
  const PAD = 40;
  const lat0 = boundary.reduce((s, p) => s + p.lat, 0) / boundary.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = boundary.map((p) => p.lng * k);
  const ys = boundary.map((p) => p.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((W - 2 * PAD) / Math.max(maxX - minX, 1e-9), (H - 2 * PAD) / Math.max(maxY - minY, 1e-9));
  const offX = (W - (maxX - minX) * scale) / 2;
  const offY = (H - (maxY - minY) * scale) / 2;
  const points = boundary
    .map((_, i) => `${(offX + (xs[i]! - minX) * scale).toFixed(1)},${(offY + (maxY - ys[i]!) * scale).toFixed(1)}`)
    .join(' ');
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<rect width="${W}" height="${H}" rx="16" fill="#eef3ea"/>` +
    `<polygon points="${points}" fill="#c8372d" fill-opacity="0.12" stroke="#c8372d" stroke-width="4" stroke-linejoin="round"/>` +
    `<text x="${W / 2}" y="${H / 2}" font-size="30" text-anchor="middle" dominant-baseline="middle" fill="#8a241d" stroke="#ffffff" stroke-width="6" paint-order="stroke" font-family="PingFang SC, Microsoft YaHei, sans-serif">${esc(label)}</text>` +
    `<text x="${W - 16}" y="34" font-size="24" text-anchor="end" fill="#667" font-family="PingFang SC, Microsoft YaHei, sans-serif">北 ↑</text>` +
    `</svg>`
  );
}

/**
 * The grid the resident is placed in, drawn for him to confirm. weapp: the native map with the
 * boundary polygon and his position (both GCJ-02). H5 has no map tiles here: the outline, to scale.
 */
export function PlaceMap({ place, me }: { place: PlaceDto; me?: LatLng | null }) {
  const label = place.gridName ?? place.communityName;
  if (place.boundary.length < 3) return null;
  if (process.env.TARO_ENV === 'weapp') {
    const points = place.boundary.map((p) => ({ latitude: p.lat, longitude: p.lng }));
    const centre = me ?? {
      lat: place.boundary.reduce((s, p) => s + p.lat, 0) / place.boundary.length,
      lng: place.boundary.reduce((s, p) => s + p.lng, 0) / place.boundary.length,
    };
    return (
      <Map
        id='register-map'
        style={{ width: '100%', height: '480rpx', borderRadius: '16rpx' }}
        latitude={centre.lat}
        longitude={centre.lng}
        scale={16}
        showLocation
        includePoints={points}
        polygons={[{ points, strokeWidth: 2, strokeColor: '#c8372dff', fillColor: '#c8372d22', zIndex: 1 }]}
        markers={[]}
        onError={() => undefined}
      />
    );
  }
  return (
    <View data-testid='place-outline'>
      <Image
        style={{ width: '100%', display: 'block' }}
        mode='widthFix'
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(outlineSvg(place.boundary, label))}`}
      />
      <View className='muted' style={{ marginTop: '8px' }}>
        红线内为{label}的范围
      </View>
    </View>
  );
}
