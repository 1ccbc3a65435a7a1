import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ensurePrivacy } from '../services/privacy';

/** Where the user is; when location is refused we fall back to the city centre and say so. */
export interface Place {
  lat: number;
  lng: number;
  datum: 'gcj02' | 'wgs84';
  source: 'device' | 'fallback';
}

/** 峨眉山市 centre (WGS-84), used when the user refuses or the device cannot locate. */
export const CITY_CENTRE: Place = { lat: 29.6, lng: 103.48, datum: 'wgs84', source: 'fallback' };

/** The page using this must mount <PrivacyPopup />: location is asked for only after 隐私授权. */
export function useLocation() {
  const [place, setPlace] = useState<Place | null>(null);
  const [denied, setDenied] = useState<string | null>(null);
  const [declined, setDeclined] = useState(false);

  /** `fromTap`: the user asked (重新定位), so a privacy refusal earlier is asked about again. */
  const locate = useCallback(async (fromTap = false) => {
    if (!(await ensurePrivacy('location', { auto: !fromTap }))) {
      setDeclined(true);
      setDenied('您未同意隐私保护指引，无法定位');
      setPlace(CITY_CENTRE);
      return;
    }
    setDeclined(false);
    // The mini-program's getLocation speaks GCJ-02; a browser only knows WGS-84.
    const datum = process.env.TARO_ENV === 'h5' ? 'wgs84' : 'gcj02';
    try {
      const res = await Taro.getLocation({ type: datum });
      setDenied(null);
      setPlace({ lat: res.latitude, lng: res.longitude, datum, source: 'device' });
    } catch (e) {
      const msg = (e as { errMsg?: string })?.errMsg ?? '';
      const privacy = /privacy/i.test(msg); // weapp: the platform's own 隐私授权 was refused
      setDeclined(privacy);
      setDenied(privacy ? '您未同意隐私保护指引，无法定位' : /deny|denied|auth/i.test(msg) ? '您未授权定位' : '暂时无法获取您的位置');
      setPlace(CITY_CENTRE);
    }
  }, []);

  useEffect(() => {
    void locate();
  }, [locate]);

  /**
   * 重新定位: after a privacy refusal, asks again; in the mini-program, otherwise lets the user
   * re-enable location in settings, then tries again.
   */
  const retry = useCallback(async () => {
    if (process.env.TARO_ENV === 'weapp' && !declined) {
      try {
        await Taro.openSetting();
      } catch {
        /* user closed settings */
      }
    }
    await locate(true);
  }, [locate, declined]);

  return { place, denied, declined, retry };
}
