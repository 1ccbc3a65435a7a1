import { Image, Map, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef } from 'react';
import { type Direction, type Frame, fromPlan, nudge, outlineSvg, type Point, spanInWords, toPlan } from './logic';

interface Props {
  frame: Frame;
  /** The point placed; null: not yet (the pin waits at the middle, dashed). */
  pin: Point | null;
  onPin: (p: Point) => void;
  /** The device location, drawn as a blue dot when it is in the plan's datum. */
  device: Point | null;
  /** The mini-program's map picker names the place: offered for the address field. */
  onPlaceName?: (name: string) => void;
}

const MOVES: { dir: Direction; label: string }[] = [
  { dir: 'up', label: '↑ 往上' },
  { dir: 'down', label: '↓ 往下' },
  { dir: 'left', label: '← 往左' },
  { dir: 'right', label: '→ 往右' },
];

type PointerLike = { clientX?: number; clientY?: number };
type PlanEvent = { currentTarget?: unknown; touches?: ArrayLike<PointerLike>; changedTouches?: ArrayLike<PointerLike> } & PointerLike;

/** Where on the plan (fractions of its side) a tap or a finger is, from the event (H5). */
function planPosition(e: PlanEvent): { x: number; y: number } | null {
  const el = e.currentTarget as { getBoundingClientRect?: () => DOMRect } | undefined;
  const rect = el?.getBoundingClientRect?.();
  const p = e.touches?.[0] ?? e.changedTouches?.[0] ?? e;
  if (!rect || !rect.width || p.clientX === undefined || p.clientY === undefined) return null;
  return { x: (p.clientX - rect.left) / rect.width, y: (p.clientY - rect.top) / rect.height };
}

/**
 * Where the problem is, when the phone's location is refused or wrong. H5 (no map tiles): a drawn
 * plan of the resident's grid, to scale and north up, with a pin he places by tapping, drags, or
 * moves with buttons (no gesture is the only way). The mini-program: its map (tap to place) and
 * WeChat's own map picker (chooseLocation).
 */
export function PinPicker({ frame, pin, onPin, device, onPlaceName }: Props) {
  const dragging = useRef(false);
  const shown: Point = pin ?? { ...frame.center, datum: frame.datum };
  const moves = (
    <View className='pin-moves'>
      {MOVES.map((m) => (
        <View key={m.dir} className='chip' data-testid={`pin-${m.dir}`} onClick={() => onPin(nudge(frame, shown, m.dir))}>
          {m.label}
        </View>
      ))}
      {!pin && (
        <View className='chip' data-testid='pin-here' onClick={() => onPin(shown)}>
          就标在图钉这里
        </View>
      )}
    </View>
  );

  if (process.env.TARO_ENV === 'weapp') {
    const choose = async () => {
      try {
        const res = await Taro.chooseLocation({ latitude: shown.lat, longitude: shown.lng });
        onPin({ lat: res.latitude, lng: res.longitude, datum: 'gcj02' });
        if (res.name || res.address) onPlaceName?.(res.name || res.address);
      } catch {
        /* closed, or not available: the map and the buttons remain */
      }
    };
    const outline = frame.outline?.map((p) => ({ latitude: p.lat, longitude: p.lng })) ?? [];
    return (
      <View data-testid='pin-picker'>
        <View className='chip' data-testid='pin-choose' onClick={() => void choose()}>
          🗺️ 打开地图选点
        </View>
        <Map
          id='pin-map'
          style={{ width: '100%', height: '600rpx', borderRadius: '16rpx' }}
          latitude={shown.lat}
          longitude={shown.lng}
          scale={16}
          showLocation
          polygons={outline.length ? [{ points: outline, strokeWidth: 2, strokeColor: '#c8372dff', fillColor: '#c8372d14', zIndex: 1 }] : []}
          markers={[{ id: 0, latitude: shown.lat, longitude: shown.lng, iconPath: '/assets/tab/requests-on.png', width: 36, height: 36, alpha: pin ? 1 : 0.5 }]}
          onTap={(e) => {
            const d = e.detail as { latitude?: number; longitude?: number };
            if (typeof d.latitude === 'number' && typeof d.longitude === 'number') onPin({ lat: d.latitude, lng: d.longitude, datum: 'gcj02' });
          }}
          onError={() => undefined}
        />
        {moves}
      </View>
    );
  }

  const at = toPlan(frame, shown);
  const clamp = (v: number) => Math.min(0.97, Math.max(0.03, v));
  const me = device && device.datum === frame.datum ? toPlan(frame, device) : null;
  const svg = outlineSvg(frame);
  const place = (e: PlanEvent) => {
    const pos = planPosition(e);
    if (pos) onPin(fromPlan(frame, pos));
  };
  return (
    <View data-testid='pin-picker'>
      <View
        className='plan pin-plan'
        data-testid='pin-plan'
        onClick={(e) => place(e as unknown as PlanEvent)}
        onTouchMove={(e) => {
          if (dragging.current) place(e as unknown as PlanEvent);
        }}
        onTouchEnd={() => {
          dragging.current = false;
        }}
      >
        {svg && <Image className='pin-outline' mode='scaleToFill' src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />}
        <Text className='plan-north'>北 ↑</Text>
        <Text className='plan-scale'>{spanInWords(frame)}</Text>
        {me && me.x > 0 && me.x < 1 && me.y > 0 && me.y < 1 && <View className='pin-me' style={{ left: `${me.x * 100}%`, top: `${me.y * 100}%` }} />}
        <View
          className={`pin ${pin ? 'pin-on' : ''}`}
          data-testid='pin'
          data-placed={pin ? 'yes' : 'no'}
          data-lat={shown.lat}
          data-lng={shown.lng}
          data-datum={shown.datum}
          style={{ left: `${clamp(at.x) * 100}%`, top: `${clamp(at.y) * 100}%` }}
          onTouchStart={() => {
            dragging.current = true;
          }}
        >
          {pin ? '📍' : '?'}
        </View>
      </View>
      {moves}
    </View>
  );
}
