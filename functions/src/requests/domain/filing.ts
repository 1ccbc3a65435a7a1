/** What a resident may file, and the number he is given for it (受理编号). */
import { type Category, OTHER_CATEGORY_ID, type SubmitRequestBody } from '@linli/shared';
import { type Actor, hasRole } from '../../platform/domain/actor';

/**
 * Staff who file staff-only categories (12345 热线转办): the units that take hotline tickets. Residents,
 * helpers (楼长, 兼职网格员) and everyone else pick a category of their own.
 */
export const filesStaffOnly = (actor: Actor): boolean => hasRole(actor, 'grid_worker', 'community_admin', 'street_admin');

/** The categories offered to the actor: staff-only ones only to the staff who file them. */
export const offeredTo = <C extends Pick<Category, 'staffOnly'>>(actor: Actor, categories: readonly C[]): C[] =>
  filesStaffOnly(actor) ? [...categories] : categories.filter((c) => !c.staffOnly);

/** Why a resident cannot file a staff-only category, under the category field. */
export const staffOnlyRefusal = (name: string) => ({
  message: `“${name}”由工作人员转办热线工单时使用，请选择最接近的问题类别`,
  fields: [{ field: 'categoryId', message: `“${name}”仅供工作人员使用，请选择其他问题类别` }],
});

/**
 * The request number read out on the phone: the China date of filing and the day's sequence, at
 * least four digits (2026-12-03, 42 → 20261203-0042).
 */
export const requestNumber = (day: string, seq: number): string => `${day.replace(/-/g, '')}-${String(seq).padStart(4, '0')}`;

/** The China day (2026-12-03) and sequence of a request number; null if it is not one. */
export function requestNumberParts(n: string): { day: string; seq: number } | null {
  const parts = /^(\d{4})(\d{2})(\d{2})-(\d+)$/.exec(n);
  return parts ? { day: `${parts[1]}-${parts[2]}-${parts[3]}`, seq: Number(parts[4]) } : null;
}

/**
 * 其他 (other): offered by every community whether its list holds it or not. It is no duty on the
 * district's grid list, so it starts with the community, which sorts it out.
 */
export const OTHER_CATEGORY: Category = {
  id: OTHER_CATEGORY_ID,
  group: '其他',
  name: '其他问题',
  urgent: false,
  requiresAfterPhoto: false,
  deadlines: {
    grid: { accept: { hours: 24 }, resolve: { workdays: 3 } },
    community: { accept: { hours: 24 }, resolve: { workdays: 5 } },
    street: { accept: { workdays: 1 }, resolve: { workdays: 7 } },
    department: { accept: { workdays: 1 }, resolve: { workdays: 15 } },
  },
  propertyItem: false,
  staffOnly: false,
  emergency: null,
  gridAdmitted: false,
  order: 10_000,
};

/** A community's list with 其他 at the end if it does not hold one. */
export const withOther = (categories: readonly Category[]): Category[] =>
  categories.some((c) => c.id === OTHER_CATEGORY_ID) ? [...categories] : [...categories, OTHER_CATEGORY];

/** Where a neighbour filed for lives, as the item's address: building and room (and what else was given). */
export const neighbourAddress = (n: NonNullable<SubmitRequestBody['forNeighbour']>): string =>
  [n.address, `${n.building}${n.room}`].filter(Boolean).join(' ');
