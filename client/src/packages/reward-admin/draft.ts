/** A reward as the form holds it (numbers as typed), checked as the server checks it (the shared schema). */
import { type RewardDto, RewardBody } from '@linli/shared';
import type { z } from 'zod';
import { chinaClock, chinaToday, formatDay } from '../../utils/booking-time';

export interface RewardDraft {
  name: string;
  description: string;
  cost: string;
  stock: string;
  /** Empty: no monthly limit. */
  monthlyLimit: string;
  /** Opens at a set time (date and clock, China time), or at once. */
  timed: boolean;
  releaseDate: string;
  releaseTime: string;
  active: boolean;
}

/** 明天 12月8日 周二 09:00. */
export const releaseText = (iso: string): string => `${formatDay(chinaToday(Date.parse(iso)))} ${chinaClock(iso)}`;

export function draftOf(r: RewardDto | null): RewardDraft {
  const tomorrow = chinaToday(Date.now() + 86400_000);
  return {
    name: r?.name ?? '',
    description: r?.description ?? '',
    cost: r ? String(r.cost) : '',
    stock: r ? String(r.stock) : '',
    monthlyLimit: r?.monthlyLimit ? String(r.monthlyLimit) : '',
    timed: !!r?.releaseAt,
    releaseDate: r?.releaseAt ? chinaToday(Date.parse(r.releaseAt)) : tomorrow,
    releaseTime: r?.releaseAt ? chinaClock(r.releaseAt) : '09:00',
    active: r?.active ?? true,
  };
}

const WHOLE = /^\d{1,6}$/;

/** The body to send, or the problems by field (the form's names: cost, stock, monthlyLimit, releaseAt…). */
export function checkReward(d: RewardDraft): { body: z.output<typeof RewardBody>; errors: null } | { body: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!WHOLE.test(d.cost.trim())) errors.cost = '请填写所需积分（整数）';
  if (!WHOLE.test(d.stock.trim())) errors.stock = '请填写库存（整数，可以是 0）';
  const limit = d.monthlyLimit.trim();
  if (limit && (!WHOLE.test(limit) || Number(limit) < 1 || Number(limit) > 100)) errors.monthlyLimit = '每月限兑 1–100 次，不限就空着';
  const parsed = RewardBody.safeParse({
    name: d.name,
    description: d.description,
    // The picture is not managed here: left out, the server keeps whatever picture the reward has.
    cost: Number(d.cost),
    stock: Number(d.stock),
    monthlyLimit: limit ? Number(limit) : null,
    releaseAt: d.timed ? new Date(`${d.releaseDate}T${d.releaseTime}:00+08:00`).toISOString() : null,
    active: d.active,
  });
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  if (parsed.success && Object.keys(errors).length === 0) return { body: parsed.data, errors: null };
  return { body: null, errors };
}
