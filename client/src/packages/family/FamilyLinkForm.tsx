import { Button, Input, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { CreateFamilyLinkBody, FAMILY_RELATIONS, FAMILY_RELATION_LABELS, type FamilyLinkCodeDto, type FamilyRelation } from '@linli/shared';
import { ErrorState } from '../../components/StateView';
import { createFamilyLink } from '../../services/family';
import { newIdempotencyKey } from '../../services/idempotency';
import { errorMessage, fieldErrorsOf } from '../../services/request';

/**
 * 邀请家人: who the family member is to me (父母, 子女 …) and, if I like, how I am called (女儿 王小红),
 * then 生成关联码. The family member consents with the code on his own phone.
 */
export function FamilyLinkForm({ onCreated }: { onCreated: (request: FamilyLinkCodeDto) => void }) {
  const [relation, setRelation] = useState<FamilyRelation | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per request as written: a retry reuses it, an edited one gets a new one.
  const idempotencyKey = useMemo(newIdempotencyKey, [relation, note]);

  const submit = async () => {
    const checked = CreateFamilyLinkBody.safeParse({ relation: relation ?? undefined, ...(note.trim() ? { note } : {}) });
    if (!checked.success) {
      const found: Record<string, string> = {};
      for (const issue of checked.error.issues) found[String(issue.path[0])] ??= issue.message;
      setErrors(found);
      return;
    }
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      onCreated((await createFamilyLink(checked.data, idempotencyKey)).request);
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields) setErrors(fields);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View data-testid='family-form'>
      <View className='card'>
        <View className='title'>1. 您要照看的家人是您的</View>
        <View className='row wrap' style={{ marginTop: '16px' }}>
          {FAMILY_RELATIONS.map((r) => (
            <View
              key={r}
              className={`chip ${relation === r ? 'chip-on' : ''}`}
              data-testid={`relation-${r}`}
              onClick={() => {
                setRelation(r);
                setErrors((x) => ({ ...x, relation: '' }));
              }}
            >
              {FAMILY_RELATION_LABELS[r]}
            </View>
          ))}
        </View>
        {errors.relation && (
          <View className='field-error' data-testid='error-relation'>
            {errors.relation}
          </View>
        )}
      </View>
      <View className='card'>
        <View className='title'>2. 家人怎么称呼您（选填）</View>
        <View className='muted'>会显示给家人看，让家人知道是谁发起的</View>
        <Input
          className='input'
          data-testid='family-note'
          value={note}
          maxlength={30}
          placeholder='如：女儿 王小红'
          onInput={(e) => {
            setNote(e.detail.value);
            setErrors((x) => ({ ...x, note: '' }));
          }}
        />
        {errors.note && (
          <View className='field-error' data-testid='error-note'>
            {errors.note}
          </View>
        )}
      </View>
      {error && <ErrorState message={error} />}
      <Button className='btn' data-testid='create-family-link' loading={busy} disabled={busy || undefined} onClick={() => void submit()}>
        生成关联码
      </Button>
      <View className='muted center' style={{ marginTop: '16px' }}>
        关联码 7 天内有效，家人同意后才会关联
      </View>
    </View>
  );
}
