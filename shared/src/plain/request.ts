import type { Checked } from './check';

/**
 * Handling levels, lowest first: the item climbs them when it is escalated. Property-category items
 * of a compound with property staff start with the property company (物业), which answers, refuses
 * back to the grid or is escalated to the grid like any unit.
 */
export const LEVELS = ['property', 'grid', 'community', 'street', 'department'] as const;
export const LEVEL_LABELS: Record<(typeof LEVELS)[number], string> = { property: '物业', grid: '网格', community: '社区', street: '街道', department: '部门' };

/** `returned`: a hotline item given back to the 12345 platform (退回热线), ended here. */
export const REQUEST_STATUSES = ['submitted', 'accepted', 'resolved', 'closed', 'withdrawn', 'merged', 'returned'] as const;
export const REQUEST_STATUS_LABELS: Record<(typeof REQUEST_STATUSES)[number], string> = {
  submitted: '待受理',
  accepted: '办理中',
  resolved: '已办结待评价',
  closed: '已完结',
  withdrawn: '已撤回',
  merged: '已合并',
  returned: '已退回热线',
};

/** A request number residents can read out on the phone: the China date of filing and the day's sequence (20261203-0042). */
export const REQUEST_NUMBER = /^\d{8}-\d{4,}$/;

/**
 * A request number (受理编号) as a resident reads it out on the phone: spaces and dashes are ignored
 * (`requestNumberDigits`), the digits must be a date and a sequence (`REQUEST_NUMBER_DIGITS`), and it
 * comes out as written on the receipt (`formatRequestNumber`: 20261203-0042). The `RequestNumber`
 * schema is built from these; `checkRequestNumber` is the same check without zod.
 */
export const requestNumberDigits = (typed: string): string => typed.replace(/[\s\-－—]/g, '');
export const REQUEST_NUMBER_DIGITS = /^\d{12,16}$/;
export const REQUEST_NUMBER_MESSAGE = '受理编号是 8 位日期加 4 位序号，如 20261203-0042';
export const formatRequestNumber = (digits: string): string => `${digits.slice(0, 8)}-${digits.slice(8)}`;

export function checkRequestNumber(typed: string): Checked<string> {
  const digits = requestNumberDigits(typed);
  return REQUEST_NUMBER_DIGITS.test(digits) ? { ok: true, value: formatRequestNumber(digits) } : { ok: false, message: REQUEST_NUMBER_MESSAGE };
}
