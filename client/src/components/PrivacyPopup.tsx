import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import {
  agreePrivacy,
  declinePrivacy,
  getPrivacyState,
  newPopupId,
  PRIVACY_PAGE,
  type PrivacyPurpose,
  setPopupShown,
  subscribePrivacy,
} from '../services/privacy';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** What each purpose collects and why, in plain words. */
const PURPOSES: Record<PrivacyPurpose | 'general', { title: string; what: string; why: string; note: string }> = {
  location: {
    title: '使用您的位置',
    what: '位置',
    why: '查找附近驿站、确认您所在网格、标注反映问题的地点。',
    note: '只在您用到这些功能时获取一次，不会在后台一直定位。',
  },
  phone: {
    title: '使用您的手机号',
    what: '手机号',
    why: '便于网格员核实住址和联系您。',
    note: '手机号在界面上打码显示，其他居民看不到。',
  },
  photos: {
    title: '使用您的照片',
    what: '照片',
    why: '反映问题时拍下现场，方便工作人员了解情况。',
    note: '只上传您自己选中的照片。',
  },
  general: {
    title: '隐私保护提示',
    what: '个人信息',
    why: '为您提供接诉即办、延时服务和暖新驿站等社区服务。',
    note: '只收集办事需要的信息。',
  },
};

/**
 * Our privacy popup (services/privacy): mount once on each page that uses location, the phone
 * number or photos. It shows only on the page in front, while something is waiting for an answer.
 */
export function PrivacyPopup() {
  const [id] = useState(newPopupId);
  const [state, setState] = useState(getPrivacyState);

  useEffect(() => {
    const off = subscribePrivacy(() => setState(getPrivacyState()));
    setPopupShown(id, true);
    return () => {
      off();
      setPopupShown(id, false);
    };
  }, [id]);
  useDidShow(() => setPopupShown(id, true));
  useDidHide(() => setPopupShown(id, false));

  if (!state.ask || state.popup !== id) return null;
  const p = PURPOSES[state.ask.purpose ?? 'general'];
  const agreeId = `privacy-agree-${id}`; // ids are unique across the app in Taro
  return (
    <View className='privacy-mask' data-testid='privacy-popup'>
      <View className='privacy-sheet'>
        <View className='privacy-title'>{p.title}</View>
        <View className='privacy-text' data-testid='privacy-purpose'>
          <Text className='privacy-strong'>为什么需要您的{p.what}：</Text>
          {p.why}
        </View>
        <View className='privacy-text privacy-note'>{p.note}</View>
        <View className='privacy-text'>
          同意后，我们按《邻里隐私保护指引》使用您的信息。不同意也可以继续使用其他功能。
        </View>
        <Button
          className='btn'
          id={agreeId}
          data-testid='privacy-agree'
          openType={isWeapp ? 'agreePrivacyAuthorization' : undefined}
          onAgreePrivacyAuthorization={() => agreePrivacy(agreeId)}
          onClick={isWeapp ? undefined : () => agreePrivacy()}
        >
          同意并继续
        </Button>
        <Button className='btn-plain' data-testid='privacy-disagree' onClick={declinePrivacy}>
          不同意
        </Button>
        <View className='privacy-more' data-testid='privacy-view-notice' onClick={() => void Taro.navigateTo({ url: PRIVACY_PAGE })}>
          查看《邻里隐私保护指引》
        </View>
      </View>
    </View>
  );
}
