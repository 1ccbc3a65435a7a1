import { View } from '@tarojs/components';

interface Props {
  /** The question as asked (问题解决了吗？). */
  question: string;
  yes: string;
  no: string;
  value: boolean | null;
  onChange: (v: boolean | null) => void;
  /** Offer "没说" (a return visit where the resident did not answer). */
  unsaid?: string;
  testId: string;
}

/** One yes/no question with large choices (chips ≥ 44 px, 60 px in 关怀模式); the choice is marked and read out. */
export function YesNo({ question, yes, no, value, onChange, unsaid, testId }: Props) {
  const options: { label: string; v: boolean | null }[] = [
    { label: yes, v: true },
    { label: no, v: false },
    ...(unsaid ? [{ label: unsaid, v: null }] : []),
  ];
  return (
    <View data-testid={testId} style={{ margin: '12px 0' }}>
      <View className='title'>{question}</View>
      <View className='row wrap' role='radiogroup'>
        {options.map((o) => (
          <View
            key={o.label}
            role='radio'
            aria-checked={value === o.v}
            data-testid={`${testId}-${o.v === null ? 'unsaid' : o.v ? 'yes' : 'no'}`}
            className={`chip ${value === o.v ? 'chip-on' : ''}`}
            onClick={() => onChange(o.v)}
          >
            {value === o.v ? `✓ ${o.label}` : o.label}
          </View>
        ))}
      </View>
    </View>
  );
}
