import { View } from '@tarojs/components';
import type { OpeningBlock } from '@linli/shared';
import { BlockList } from './BlockList';
import { DAY_KINDS, type Draft, type Errors } from './draft';
import { ChoiceField } from './fields';

type Edit = (change: (d: Draft) => void, path?: string) => void;

/** 每周开放时间: the blocks of a working day, a weekend day and a public holiday (which may follow the weekend). */
export function RulesSection({ draft, errors, edit }: { draft: Draft; errors: Errors; edit: Edit }) {
  const set = (kind: 'workday' | 'restday' | 'holiday') => (blocks: OpeningBlock[]) => edit((d) => void (d.rules[kind] = blocks), `rules.${kind}`);
  return (
    <View data-testid='section-rules-body'>
      <View className='card cs-explain'>
        每个时间段按“每段分钟数”分成若干时段；每个时段每个综合窗口接待 1 人，房间按各自名额。窗口数就是在岗的窗口工作人员数。
      </View>
      {DAY_KINDS.map((k) => {
        const blocks = draft.rules[k.key];
        return (
          <View key={k.key} className='card' data-testid={`rules-${k.key}`}>
            <View className='title'>{k.label}</View>
            {k.key === 'holiday' && (
              <ChoiceField
                label='法定节假日怎么开放'
                path='rules.holiday.same'
                value={blocks === null}
                options={[
                  { value: true, label: '同周末' },
                  { value: false, label: '单独安排' },
                ]}
                onChange={(same) => edit((d) => void (d.rules.holiday = same ? null : (d.rules.restday.map((b) => ({ ...b })) as OpeningBlock[])), 'rules.holiday')}
              />
            )}
            {blocks !== null && <BlockList path={`rules.${k.key}`} blocks={blocks} errors={errors} onChange={set(k.key)} />}
          </View>
        );
      })}
    </View>
  );
}
