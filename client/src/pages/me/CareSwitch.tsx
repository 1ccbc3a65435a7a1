import { View } from '@tarojs/components';
import { ToggleRow } from '../../components/ToggleRow';
import { careChosen, careMode, setCareMode } from '../../services/care';

/**
 * 关怀模式 on 我的: larger text and buttons on every page. Until switched it follows WeChat's font
 * size (said so when that turned it on); switching reopens the app on 我的, drawn in the new mode.
 */
export function CareSwitch() {
  const on = careMode();
  const sub = on ? (careChosen() ? '字和按钮已放大' : '已按您的微信字体大小自动开启') : '字和按钮放大，看得清、点得准';
  return (
    <View className='card' data-testid='care-card'>
      <ToggleRow on={on} title='关怀模式（大字）' sub={sub} testid='care-switch' onChange={(next) => setCareMode(next)} />
    </View>
  );
}
