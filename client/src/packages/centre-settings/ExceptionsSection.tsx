import { Button, View } from '@tarojs/components';
import { BlockList } from './BlockList';
import type { Draft, Errors } from './draft';
import { nextBlock } from './draft';
import { ChoiceField, DateField, FieldError, TextField } from './fields';

type Edit = (change: (d: Draft) => void, path?: string) => void;

const tomorrow = () => new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);

/** 特殊日期: a date closed (闭馆) or open at other hours (调整时间, with its blocks), and a note residents see. */
export function ExceptionsSection({ draft, errors, edit }: { draft: Draft; errors: Errors; edit: Edit }) {
  return (
    <View data-testid='section-exceptions-body'>
      <View className='card cs-explain'>某一天不按每周安排时在这里设置：闭馆，或调整开放时间（如节前加开一个晚上）。</View>
      <FieldError path='exceptions' error={errors.exceptions} />
      {draft.exceptions.length === 0 && <View className='cs-none card'>没有特殊日期</View>}
      {draft.exceptions.map((e, i) => {
        const at = `exceptions.${i}`;
        return (
          <View key={i} className='card' data-testid={`exception-${i}`}>
            <DateField label='日期' path={`${at}.date`} value={e.date} error={errors[`${at}.date`]} onChange={(v) => edit((d) => void (d.exceptions[i]!.date = v), `${at}.date`)} />
            <ChoiceField
              label='这一天'
              path={`${at}.kind`}
              value={e.kind}
              error={errors[`${at}.kind`]}
              options={[
                { value: 'closed', label: '闭馆' },
                { value: 'hours', label: '调整时间' },
              ]}
              onChange={(v) =>
                edit((d) => {
                  const x = d.exceptions[i]!;
                  x.kind = v;
                  x.blocks = v === 'hours' ? (x.blocks.length ? x.blocks : [nextBlock([])]) : [];
                }, `${at}.kind`)
              }
            />
            {e.kind === 'hours' && <BlockList path={`${at}.blocks`} blocks={e.blocks} errors={errors} onChange={(blocks) => edit((d) => void (d.exceptions[i]!.blocks = blocks), `${at}.blocks`)} />}
            <TextField label='说明（居民可见，选填）' path={`${at}.note`} value={e.note} maxlength={50} placeholder='如：元旦闭馆' error={errors[`${at}.note`]} onChange={(v) => edit((d) => void (d.exceptions[i]!.note = v), `${at}.note`)} />
            <Button className='btn-danger' data-testid={`remove-${at}`} onClick={() => edit((d) => void d.exceptions.splice(i, 1), 'exceptions')}>
              删除这个日期
            </Button>
          </View>
        );
      })}
      <Button className='btn-plain' data-testid='add-exception' onClick={() => edit((d) => void d.exceptions.push({ date: tomorrow(), kind: 'closed', blocks: [], note: '' }))}>
        添加特殊日期
      </Button>
    </View>
  );
}
