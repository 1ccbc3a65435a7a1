import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';

/** Where the user is; when location is refused we fall back to the city centre and say so. */
export interface Place {
  lat: number;
  lng: number;
  datum: 'gcj02' | 'wgs84';
  source: 'device' | 'fallback';
}

/** 峨眉山市 centre (WGS-84), used when the user refuses or the device cannot locate. */
export const CITY_CENTRE: Place = { lat: 29.6, lng: 103.48, datum: 'wgs84', source: 'fallback' };

export function useLocation() {
  const [place, setPlace] = useState<Place | null>(null);
  const [denied, setDenied] = useState<string | null>(null);

  const locate = useCallback(async () => {
    // The mini-program's getLocation speaks GCJ-02; a browser only knows WGS-84.
    const datum = process.env.TARO_ENV === 'h5' ? 'wgs84' : 'gcj02';
    try {
      const res = await Taro.getLocation({ type: datum });
      setDenied(null);
      setPlace({ lat: res.latitude, lng: res.longitude, datum, source: 'device' });
    } catch (e) {
      const msg = (e as { errMsg?: string })?.errMsg ?? '';
      setDenied(/deny|denied|auth/i.test(msg) ? '您未授权定位' : '暂时无法获取您的位置');
      setPlace(CITY_CENTRE);
    }
  }, []);

  useEffect(() => {
    void locate();
  }, [locate]);

  /** In the mini-program, lets the user re-enable location in settings, then tries again. */
  const retry = useCallback(async () => {
    if (process.env.TARO_ENV === 'weapp') {
      try {
        await Taro.openSetting();
      } catch {
        /* user closed settings */
      }
    }
    await locate();
  }, [locate]);

  return { place, denied, retry };
}
