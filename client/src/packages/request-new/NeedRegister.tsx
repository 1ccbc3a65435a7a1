import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

/** The register page, coming back here once registered (this page is replaced, not stacked twice). */
const goRegister = (reason: 'address' | 'name') =>
  Taro.redirectTo({
    url: `/packages/register/index?redirect=${encodeURIComponent('/packages/request-new/index')}${reason === 'name' ? '&need=name' : ''}`,
  });

/** Filing needs a registered address (and a real name): one clear way forward instead of a dead end. */
export function NeedRegister({ reason }: { reason: 'address' | 'name' }) {
  return (
    <View className='card banner page-lg' data-testid='need-register'>
      <View className='title'>{reason === 'address' ? '先登记住址' : '请补填真实姓名'}</View>
      <View style={{ marginTop: '8px' }}>
        {reason === 'address'
          ? '反映问题前，请先登记您住的社区和楼栋，网格员才能找到您、及时办理。'
          : '反映问题需要您的真实姓名，方便网格员联系您。'}
      </View>
      <Button className='btn' data-testid='go-register' onClick={() => void goRegister(reason)}>
        {reason === 'address' ? '先登记住址' : '去补填姓名'}
      </Button>
    </View>
  );
}
