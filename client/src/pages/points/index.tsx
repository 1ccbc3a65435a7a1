import { View } from '@tarojs/components';
import { ComingSoon } from '../../components/ComingSoon';

export default function PointsPage() {
  return (
    <View className='page'>
      <ComingSoon
        icon='🎁'
        title='积分兑换 · 时间银行'
        lines={['志愿服务、骑手任务经审核后记入积分', '到兑换点凭取货码兑换礼品', '每一笔积分都有记录可查']}
      />
    </View>
  );
}
