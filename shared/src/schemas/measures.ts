/**
 * What the cities measure (issue 12): the two answers of a rating or return visit (是否解决, 是否满意),
 * closure, resolution and satisfaction rates (办结率, 解决率, 满意率) and the three evaluations (三评).
 */
import * as z from 'zod';
import { Id, Instant } from './common';

/** The two questions a rating and a return visit ask; null where the resident did not say (or was not reached). */
export const Answers = z.object({ solved: z.boolean().nullable(), satisfied: z.boolean().nullable() });
export type Answers = z.infer<typeof Answers>;

const score = z.number({ message: '请选择 1–5 分' }).int('评分必须是 1–5 的整数').min(1, '评分最低 1 分').max(5, '评分最高 5 分');
const comment = z.string().trim().max(300, '评语最多 300 个字').nullable().default(null);

/** The average of the scores given and how many there were (average null when none). */
export const EvaluationFigure = z.object({ average: z.number().nullable(), count: z.number().int().nonnegative() });
export type EvaluationFigure = z.infer<typeof EvaluationFigure>;

/**
 * The measures of the items filed in a period (Asia/Shanghai days of filing), each item counted once
 * as it stands now: its latest answer to each question, whether staff closed it.
 */
export const Measures = z.object({
  counts: z.object({
    /** 应办结: items filed, less those withdrawn or merged (no unit has to close them). */
    due: z.number().int(),
    /** 办结: of those, items staff closed with a result (resolved or closed, not reopened since). */
    closed: z.number().int(),
    /** Items with an answer to 是否解决, and those answered yes. */
    solvedAnswered: z.number().int(),
    solved: z.number().int(),
    /** Items with an answer to 是否满意, and those answered yes. */
    satisfiedAnswered: z.number().int(),
    satisfied: z.number().int(),
  }),
  rates: z.object({
    /** 办结率 = closed / due. */
    closure: z.number().nullable(),
    /** 解决率 = solved / solvedAnswered. */
    resolution: z.number().nullable(),
    /** 满意率 = satisfied / satisfiedAnswered. */
    satisfaction: z.number().nullable(),
  }),
  /** 三评: residents rate the handling; grids rate the departments and companies; departments rate the grids. */
  evaluations: z.object({ residents: EvaluationFigure, units: EvaluationFigure, grid: EvaluationFigure }),
});
export type Measures = z.infer<typeof Measures>;

/** The grid rates a department or the property company that handled the item (once per unit and item). */
export const UnitEvaluationBody = z.discriminatedUnion(
  'level',
  [
    z.object({ level: z.literal('department'), departmentId: z.string({ message: '请选择要评价的部门' }).pipe(Id), score, comment }),
    z.object({ level: z.literal('property'), score, comment }),
  ],
  { message: '请选择要评价的部门或物业' },
);
export type UnitEvaluationBody = z.infer<typeof UnitEvaluationBody>;

/** A called department rates the grid staff who passed the item to it (once per department and item). */
export const GridEvaluationBody = z.object({ score, comment });
export type GridEvaluationBody = z.infer<typeof GridEvaluationBody>;

export const EVALUATION_KINDS = ['units', 'grid'] as const;
export const Evaluation = z.object({
  /** `units`: the grid rated a department or company; `grid`: a department rated the grid. */
  kind: z.enum(EVALUATION_KINDS),
  /** The unit rated. */
  level: z.enum(['department', 'property', 'grid']),
  unitId: z.string(),
  unitName: z.string(),
  /** The unit that rated it (the grid, or the department). */
  byUnitId: z.string(),
  byUnitName: z.string(),
  score: z.number().int(),
  comment: z.string().nullable(),
  at: Instant,
});
export type Evaluation = z.infer<typeof Evaluation>;

/** An item's evaluations, and what the caller may still evaluate on it (buttons to show). */
export const EvaluationsResponse = z.object({
  items: z.array(Evaluation),
  canEvaluate: z.object({
    units: z.array(z.object({ level: z.enum(['department', 'property']), departmentId: Id.nullable(), name: z.string() })),
    grid: z.boolean(),
  }),
});
export type EvaluationsResponse = z.infer<typeof EvaluationsResponse>;

export const EvaluationResponse = z.object({ evaluation: Evaluation });

/** A rate as people read it: a whole or one-decimal percentage ("95.5%", "100%"); "暂无" when nothing was counted. */
export function percentWords(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '暂无';
  const pct = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

/** An average score as read ("4.5 分，12 次"); "暂无" when none. */
export function evaluationWords(e: EvaluationFigure): string {
  if (e.count === 0 || e.average === null || !Number.isFinite(e.average)) return '暂无';
  return `${Math.round(e.average * 10) / 10} 分（${e.count} 次）`;
}
