import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type RequestDetail } from '@linli/shared';
import { deadlineInWords, handlerInWords } from './logic';

interface Props {
  request: RequestDetail;
  /** The resident's own grid, to name its worker when the item went there. */
  myGrid: { id: string; name: string; worker: string | null } | null;
  /** Whether he agreed to WeChat progress messages at the tap. */
  notified: boolean;
  onAnother: () => void;
}

const NEXT_UP: Record<string, string> = { property: '网格', grid: '社区', community: '街道', street: '区里', department: '街道' };

/**
 * 已收到: the request number to quote on the phone, who takes it and by when (in words), what
 * happens after, and the two ways on: its progress, or another request.
 */
export function Receipt({ request: r, myGrid, notified, onAnother }: Props) {
  const number = r.number ?? r.id;
  const due = r.acceptBy ? deadlineInWords(r.acceptBy, new Date()) : null;
  return (
    <View data-testid='receipt'>
      <View className='card'>
        <View className='fl-receipt-head'>✅ 已收到您的反映</View>
        <View className='muted' style={{ marginTop: '8px' }}>
          受理编号
        </View>
        <View className='fl-receipt-number' data-testid='receipt-number'>
          {number}
        </View>
        <View>打电话询问进度时，请报这个编号。</View>
        <View className='muted' style={{ marginTop: '8px' }}>
          {r.categoryName}：{r.description.length > 40 ? `${r.description.slice(0, 40)}…` : r.description}
        </View>
      </View>
      <View className='card' data-testid='receipt-next'>
        <View className='title'>接下来</View>
        <View className='fl-step' data-testid='receipt-handler'>
          1. 由{handlerInWords(r, myGrid)}受理{due ? `，最迟${due}` : ''}。
        </View>
        <View className='fl-step'>2. 受理后开始办理，每一步都记在办理进度里{notified ? '，并用微信消息告诉您' : ''}。</View>
        <View className='fl-step'>3. 到时没有受理，会自动上报{r.level === 'property' && !r.gridId ? '社区' : (NEXT_UP[r.level] ?? '上级')}督办。</View>
        <View className='fl-step'>4. 办完后请您评价；不满意可以要求重新办理。</View>
      </View>
      <Button className='btn' data-testid='receipt-view' onClick={() => void Taro.redirectTo({ url: `/packages/request-detail/index?id=${r.id}` })}>
        查看办理进度
      </Button>
      <Button className='btn-plain' data-testid='receipt-new' onClick={onAnother}>
        再反映一件
      </Button>
    </View>
  );
}
