/** One reported service as a card: its kind and status in words, the day, who did it, what happened, the photos and the decision. */
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { REPORTED_KIND_LABELS, type Role, SERVICE_REPORT_STATUS_LABELS, type ServiceReportDto } from '@linli/shared';
import { formatDay } from '../../utils/booking-time';

/** Who decides reports (the server narrows them to their community, or the street). */
export const REVIEWERS: readonly Role[] = ['community_admin', 'street_admin'];

const STATUS_TAG: Record<ServiceReportDto['status'], string> = { pending: 'tag-warn', approved: 'tag-open', rejected: 'tag-closed' };

export function ReportCard({ report: r, staff, children }: { report: ServiceReportDto; staff?: boolean; children?: ReactNode }) {
  return (
    <View className='card' data-testid='sr-card' data-id={r.id}>
      <View className='sr-head'>
        <View className='sr-kind' data-testid='sr-card-kind'>
          {REPORTED_KIND_LABELS[r.kind]}
        </View>
        <Text className={`tag ${STATUS_TAG[r.status]}`} data-testid='sr-card-status'>
          {SERVICE_REPORT_STATUS_LABELS[r.status]}
        </Text>
      </View>
      <View className='sr-line'>
        <Text className='sr-key'>日期：</Text>
        {formatDay(r.occurredOn)}
      </View>
      {staff && (
        <View className='sr-line' data-testid='sr-card-reporter'>
          <Text className='sr-key'>报告人：</Text>
          {r.reporterName}
        </View>
      )}
      {r.kind === 'good_deed' && (
        <View className='sr-line' data-testid='sr-card-doer'>
          <Text className='sr-key'>做好事的人：</Text>
          {r.doerName}
        </View>
      )}
      <View className='sr-desc' data-testid='sr-card-description'>
        {r.description}
      </View>
      {r.photos.length > 0 && (
        <View className='row wrap sr-photos'>
          {r.photos.map((url) => (
            <Image key={url} className='sr-photo' src={url} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: r.photos, current: url })} />
          ))}
        </View>
      )}
      {!staff && r.status === 'approved' && r.points !== null && (
        <View className='sr-points' data-testid='sr-card-points'>
          {`+${r.points} 分，已记入${r.kind === 'good_deed' ? `${r.doerName}的` : '您的'}积分`}
        </View>
      )}
      {r.decisionNote && (
        <View className='sr-note' data-testid='sr-card-note'>
          {r.status === 'rejected' ? '原因：' : '社区留言：'}
          {r.decisionNote}
        </View>
      )}
      {children}
    </View>
  );
}
