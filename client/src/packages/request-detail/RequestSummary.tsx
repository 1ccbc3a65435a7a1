import { Text, View } from '@tarojs/components';
import type { RequestDetail } from '@linli/shared';
import { formatDue, levelText, statusText } from '../../utils/format';
import { chinaDateTime } from './wording';
import { isOpen } from './access';
import { Photos } from './Photos';

/** The item itself: category, status, description, its request number (受理编号), where it is handled and by when. */
export function RequestSummary({ request: r }: { request: RequestDetail }) {
  const open = isOpen(r);
  return (
    <View className='card'>
      <View className='row between'>
        <Text className='h1'>{r.categoryName}</Text>
        <Text className={`tag ${open ? (r.overdue ? 'tag-warn' : 'tag-open') : 'tag-closed'}`} data-testid='request-status'>
          {statusText(r.status)}
        </Text>
      </View>
      <View>{r.description}</View>
      {r.address && <View className='muted'>地址：{r.address}</View>}
      {r.number && (
        <View className='muted' data-testid='request-number'>
          受理编号：<Text selectable>{r.number}</Text>
        </View>
      )}
      <View className='muted'>
        当前在{levelText(r.level)}办理{r.dueAt ? ` · ${r.status === 'submitted' ? '受理' : '办结'}时限${formatDue(r.dueAt)}` : ''}
      </View>
      {r.hotline && (
        <View className='muted' data-testid='hotline-due'>
          12345工单 {r.hotline.externalId}
          {r.hotline.dueAt ? ` · 热线时限 ${chinaDateTime(r.hotline.dueAt)}${open ? `（${formatDue(r.hotline.dueAt)}）` : ''}` : ''}
        </View>
      )}
      {r.hotline?.extension && (
        <View className='muted' data-testid='hotline-extension'>
          延期申请（至 {chinaDateTime(r.hotline.extension.requestedDueAt)}）：
          {{ pending: '等待热线平台答复', approved: '热线平台已同意', denied: '热线平台未同意' }[r.hotline.extension.status]}
        </View>
      )}
      {r.reporterName && !r.forNeighbour && <View className='muted'>反映人：{r.reporterName}{r.reporterPhone ? ` ${r.reporterPhone}` : ''}</View>}
      {r.result && <View style={{ marginTop: '12px' }}>办理结果：{r.result}</View>}
      <Photos urls={r.photos} />
    </View>
  );
}
