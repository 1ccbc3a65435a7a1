import { Button, Text, View } from '@tarojs/components';
import { goLoginAndReturn } from '../services/auth';
import { pageClass } from '../services/care';
import { getSession } from '../services/session';

/** Loading, error and empty states, the same everywhere. */
export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='empty' data-testid='loading'>
      <Text>{text}</Text>
    </View>
  );
}

/**
 * Something failed: what, 重试 when given; and 去登录 when nobody is signed in (a shared or deep
 * link opened signed out) — after signing in on 我的 this page opens again.
 */
export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const signedOut = !getSession();
  return (
    <View className='error' data-testid='error'>
      <Text>{message}</Text>
      {signedOut && (
        <Button className='btn' data-testid='error-go-login' onClick={() => void goLoginAndReturn()}>
          去登录
        </Button>
      )}
      {onRetry && !signedOut && (
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

/** A page that needs a signed-in user: what it is for, and 去登录 (this page opens again after signing in). */
export function SignInFirst({ title = '请先登录' }: { title?: string }) {
  return (
    <View className={pageClass('page-lg')}>
      <View className='card'>
        <View className='title'>{title}</View>
        <Button className='btn' onClick={() => void goLoginAndReturn()}>
          去登录
        </Button>
      </View>
    </View>
  );
}
