import { Button, View } from '@tarojs/components';
import type { OpeningBlock } from '@linli/shared';
import { blockWords, type Errors, nextBlock } from './draft';
import { FieldError, NumField, TimeField } from './fields';

interface Props {
  /** Where the blocks are: rules.workday, exceptions.2.blocks. */
  path: string;
  blocks: OpeningBlock[];
  errors: Errors;
  onChange: (blocks: OpeningBlock[]) => void;
}

/**
 * A day's opening blocks (at most 6): from, to, minutes per slot and staffed all-purpose windows,
 * each block also said in words; add one after the last, or remove one.
 */
export function BlockList({ path, blocks, errors, onChange }: Props) {
  const put = (i: number, change: Partial<OpeningBlock>) => onChange(blocks.map((b, j) => (j === i ? { ...b, ...change } : b)));
  return (
    <View data-testid={`blocks-${path}`}>
      <FieldError path={path} error={errors[path]} />
      {blocks.length === 0 && <View className='cs-none'>不开放</View>}
      {blocks.map((b, i) => {
        const at = `${path}.${i}`;
        return (
          <View key={i} className='cs-item' data-testid={`block-${at}`}>
            <View className='cs-item-head'>第 {i + 1} 段</View>
            <View className='cs-words'>{blockWords(b)}</View>
            <View className='row wrap between'>
              <TimeField half label='开始' path={`${at}.start`} value={b.start} error={errors[`${at}.start`]} onChange={(v) => put(i, { start: v })} />
              <TimeField half label='结束' path={`${at}.end`} value={b.end} error={errors[`${at}.end`]} onChange={(v) => put(i, { end: v })} />
              <NumField half label='每段分钟数' unit='分钟' path={`${at}.slotMinutes`} value={b.slotMinutes} error={errors[`${at}.slotMinutes`]} onChange={(v) => put(i, { slotMinutes: v })} />
              <NumField half label='综合窗口数' unit='个' path={`${at}.windows`} value={b.windows} error={errors[`${at}.windows`]} onChange={(v) => put(i, { windows: v })} />
            </View>
            <Button className='btn-danger cs-remove' data-testid={`remove-${at}`} onClick={() => onChange(blocks.filter((_, j) => j !== i))}>
              删除第 {i + 1} 段
            </Button>
          </View>
        );
      })}
      {blocks.length < 6 && (
        <Button className='btn-plain' data-testid={`add-${path}`} onClick={() => onChange([...blocks, nextBlock(blocks)])}>
          添加时间段
        </Button>
      )}
    </View>
  );
}
