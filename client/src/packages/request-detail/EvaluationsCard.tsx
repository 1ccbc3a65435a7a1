import { Button, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { EvaluationsResponse, RequestDetail } from '@linli/shared';
import { errorMessage } from '../../services/request';
import { evaluateGrid, evaluateUnit, fetchEvaluations } from '../../services/requests';

type Target = { key: string; label: string; send: (score: number, comment: string | null) => Promise<unknown> };

/**
 * 三评 on the staff item page: the grid rates each department or property company that handled the
 * item, a called department rates the grid that passed it on. Buttons only where the server says the
 * viewer may still rate; each evaluation is given once (a retry replays it).
 */
export function EvaluationsCard({ request: r }: { request: RequestDetail }) {
  const [data, setData] = useState<EvaluationsResponse | null>(null);
  const [open, setOpen] = useState<Target | null>(null);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const load = () =>
    fetchEvaluations(r.id)
      .then(setData)
      .catch(() => setData(null));
  useEffect(() => {
    void load();
  }, [r.id, r.version]);

  if (!data || (data.items.length === 0 && data.canEvaluate.units.length === 0 && !data.canEvaluate.grid)) return null;
  const targets: Target[] = [
    ...data.canEvaluate.units.map((u) => ({
      key: `u-${u.departmentId ?? 'property'}`,
      label: `评价${u.name}`,
      send: (s: number, c: string | null) =>
        u.level === 'department' && u.departmentId ? evaluateUnit(r.id, { level: 'department', departmentId: u.departmentId, score: s, comment: c }) : evaluateUnit(r.id, { level: 'property', score: s, comment: c }),
    })),
    ...(data.canEvaluate.grid ? [{ key: 'grid', label: '评价转来事项的网格', send: (s: number, c: string | null) => evaluateGrid(r.id, { score: s, comment: c }) }] : []),
  ];
  const submit = async () => {
    if (!open || score === 0) return; // a disabled button still taps on H5
    setBusy(true);
    setProblem(null);
    try {
      await open.send(score, comment.trim() || null);
      setOpen(null);
      setScore(0);
      setComment('');
      await load();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card' data-testid='evaluations'>
      <View className='title'>三评（网格评部门、部门评网格）</View>
      {data.items.map((e) => (
        <View key={`${e.kind}-${e.unitId}-${e.byUnitId}`} data-testid='evaluation'>
          {e.byUnitName}评{e.unitName}：{'★'.repeat(e.score)}（{e.score} 分）{e.comment ? ` ${e.comment}` : ''}
        </View>
      ))}
      {!open &&
        targets.map((t) => (
          <Button key={t.key} className='btn-plain' data-testid={`evaluate-${t.key}`} onClick={() => setOpen(t)}>
            {t.label}
          </Button>
        ))}
      {open && (
        <View data-testid='evaluation-form'>
          <View className='title'>{open.label}</View>
          <View className='row wrap' role='radiogroup'>
            {[1, 2, 3, 4, 5].map((n) => (
              <View key={n} role='radio' aria-checked={score === n} data-testid={`eval-score-${n}`} className={`chip ${score === n ? 'chip-on' : ''}`} onClick={() => setScore(n)}>
                {n} 分
              </View>
            ))}
          </View>
          <Textarea className='textarea' value={comment} maxlength={300} placeholder='评语（可不填）' onInput={(e) => setComment(e.detail.value)} />
          {problem && <View className='field-error'>{problem}</View>}
          <Button className='btn' data-testid='submit-evaluation' disabled={busy || score === 0 || undefined} onClick={() => void submit()}>
            提交评价
          </Button>
          <Button className='btn-plain' onClick={() => setOpen(null)}>
            取消
          </Button>
        </View>
      )}
    </View>
  );
}
