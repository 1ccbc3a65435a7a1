import { View } from '@tarojs/components';
import { ComingSoon } from '../../components/ComingSoon';

export default function BookingPage() {
  return (
    <View className='page'>
      <ComingSoon
        icon='🕗'
        title='延时服务预约'
        lines={['党群服务中心工作日延时至 20:00，周末轮值', '在线预约办事时段，可取消、可改约', '到点提醒，不白跑']}
      />
    </View>
  );
}
