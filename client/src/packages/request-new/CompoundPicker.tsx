import { View } from '@tarojs/components';

interface Props {
  /** The community's compounds with property staff. */
  compounds: readonly string[];
  value: string | null;
  onChange: (compound: string | null) => void;
}

/** The compound a property matter is in: its property staff take it first; "不在小区内" leaves it with the grid. */
export function CompoundPicker({ compounds, value, onChange }: Props) {
  return (
    <View className='card' data-testid='compound-picker'>
      <View className='title'>问题所在小区</View>
      <View className='muted'>物业问题先由小区物业办理，物业办不了再由网格员跟进</View>
      <View className='row wrap' style={{ marginTop: '12px' }}>
        {compounds.map((c) => (
          <View key={c} className={`chip ${value === c ? 'chip-on' : ''}`} data-testid={`compound-${c}`} onClick={() => onChange(c)}>
            {c}
          </View>
        ))}
        <View className={`chip ${value === null ? 'chip-on' : ''}`} data-testid='compound-none' onClick={() => onChange(null)}>
          不在这些小区
        </View>
      </View>
    </View>
  );
}

/** The compound the resident lives in, when his address starts with one of them (名山小区3栋 → 名山小区). */
export const homeCompound = (compounds: readonly string[], address: string | null | undefined): string | null =>
  compounds.find((c) => !!address && address.startsWith(c)) ?? null;
