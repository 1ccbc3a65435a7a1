import { useEffect, useState } from 'react';
import type { User } from '@linli/shared';
import { fetchFamily } from '../../services/family';
import { fetchGridResidents } from '../../services/registration';

/** Someone I may book for (代约): a family member I look after, or a resident of my grid. */
export interface Person {
  userId: string;
  name: string;
  /** How I know him: 父母 (family) or his address (grid). */
  note: string;
  phoneMasked: string | null;
}

const GRID_ROLES = ['grid_worker', 'parttime_grid_worker'];

/**
 * Whom the signed-in user may book for besides himself: those he looks after (我的家人, direction
 * `carer`) and, for a grid worker, every resident of his grid. `null` while loading; `[]` when
 * nobody (then the 为谁预约 step is not shown). A failed read counts as nobody: he books for himself.
 */
export function usePeople(user: User | undefined, enabled: boolean): Person[] | null {
  const [people, setPeople] = useState<Person[] | null>(enabled && user ? null : []);
  const userId = user?.id;
  const gridId = user && user.roles.some((r) => GRID_ROLES.includes(r)) ? user.gridId : null;

  useEffect(() => {
    if (!enabled || !userId) return;
    let live = true;
    const family = fetchFamily()
      .then((r) => r.items.filter((l) => l.direction === 'carer').map((l): Person => ({ userId: l.userId, name: l.name, note: l.relationLabel, phoneMasked: null })))
      .catch(() => [] as Person[]);
    const grid = gridId
      ? fetchGridResidents(gridId, 'all')
          .then((r) => r.items.map((x): Person => ({ userId: x.userId, name: x.name, note: x.address, phoneMasked: x.phoneMasked })))
          .catch(() => [] as Person[])
      : Promise.resolve([] as Person[]);
    void Promise.all([family, grid]).then(([f, g]) => {
      if (!live) return;
      const seen = new Set<string>([userId]);
      setPeople([...f, ...g].filter((p) => !seen.has(p.userId) && seen.add(p.userId)));
    });
    return () => {
      live = false;
    };
  }, [enabled, userId, gridId]);
  return people;
}
