import { View } from '@tarojs/components';
import { ComingSoon } from '../../components/ComingSoon';

export default function RequestsPage() {
  return (
    <View className='page'>
      <ComingSoon
        icon='📣'
        title='接诉即办'
        lines={['随手拍、随时报：小区里的问题直达网格员', '网格→社区→街道→部门，限时办结，全程可查', '办结后由您评价，不满意可重新办理']}
      />
    </View>
  );
}
