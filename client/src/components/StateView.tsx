import { Button, Text, View } from '@tarojs/components';

/** Loading, error and empty states, the same everywhere. */
export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='empty' data-testid='loading'>
      <Text>{text}</Text>
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='error' data-testid='error'>
      <Text>{message}</Text>
      {onRetry && (
        <Button className='btn-plain btn-inline' onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  );
}

export function Empty({ text }: { text: string }) {
  return (
    <View className='empty' data-testid='empty'>
      <Text>{text}</Text>
    </View>
  );
}
