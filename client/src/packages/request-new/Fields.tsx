import { Text, View } from '@tarojs/components';
import { lengthHint } from './logic';

/**
 * Under a text field: its limit in words, the count near the limit (118/120), and in red what is
 * wrong — too long as he types, too short after a submit tap, or what the server said.
 */
export function LimitLine({
  text,
  limit,
  label,
  short,
  serverError,
  testid,
}: {
  text: string;
  limit: { min?: number; max: number };
  label: string;
  /** Also say when it is too short (after a submit tap). */
  short: boolean;
  serverError?: string;
  testid: string;
}) {
  const h = lengthHint(text, limit, label, short);
  const words = limit.min ? `至少 ${limit.min} 个字，最多 ${limit.max} 个字` : `最多 ${limit.max} 个字`;
  const error = h.error ?? serverError;
  return (
    <View>
      <View className='fl-limit'>
        <Text className='fl-limit-words' data-testid={`${testid}-limit`}>
          {words}
        </Text>
        {h.counter && (
          <Text className={`fl-counter ${h.over ? 'fl-counter-over' : ''}`} data-testid={`${testid}-counter`}>
            {h.counter}
          </Text>
        )}
      </View>
      {error && (
        <View className='field-error' data-testid={`${testid}-error`}>
          {error}
        </View>
      )}
    </View>
  );
}
