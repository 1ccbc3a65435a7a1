import { Button, Text, View } from '@tarojs/components';
import { APPLICATION_STATUS_LABELS, type ApplicationDto } from '@linli/shared';
import { formatTime } from '../../utils/format';

const TAG: Record<ApplicationDto['status'], string> = { pending: 'tag-warn', approved: 'tag-open', rejected: 'tag-closed' };

/**
 * 我的申请: the application as sent (or as it ended, when his roles show the outcome), with what
 * happens next; 重新申请 when it is not approved.
 */
export function ApplicationStatus({ application, onAgain }: { application: ApplicationDto; onAgain: () => void }) {
  const a = application;
  return (
    <View className='card' data-testid='my-application'>
      <View className='row between'>
        <View className='title'>我的兼职网格员申请</View>
        <Text className={`tag ${TAG[a.status]}`} data-testid='application-status'>
          {APPLICATION_STATUS_LABELS[a.status]}
        </Text>
      </View>
      <View className='place-line' data-testid='application-place'>
        {a.placeName}
      </View>
      <View className='muted'>{formatTime(a.createdAt)} 提交</View>
      <View style={{ marginTop: '12px' }}>{a.note}</View>
      {a.status === 'pending' && (
        <View className='banner' style={{ marginTop: '20px', marginBottom: 0 }}>
          社区审核通过后，您在“我的”页的身份会增加“兼职网格员”。如有疑问，可以联系您的网格员。
        </View>
      )}
      {a.status === 'approved' && (
        <View className='banner' style={{ marginTop: '20px', marginBottom: 0 }}>
          审核已通过，您现在是兼职网格员。
        </View>
      )}
      {a.status !== 'approved' && (
        <View>
          <View className='muted' style={{ marginTop: '20px' }}>
            社区告诉您未通过，或想换一个网格，可以重新申请。
          </View>
          <Button className='btn-plain' data-testid='apply-again' onClick={onAgain}>
            重新申请
          </Button>
        </View>
      )}
    </View>
  );
}
