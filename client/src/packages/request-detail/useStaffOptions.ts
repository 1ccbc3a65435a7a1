import type { DepartmentKind } from '@linli/shared';
import { useEffect, useState } from 'react';
import type { User } from '@linli/shared';
import { fetchCommunities, fetchDepartments } from '../../services/requests';
import { isGridLineStaff } from './access';

export interface Named {
  /** Dispatch targets: a department, or a water, power or gas company. */
  kind?: DepartmentKind;
  id: string;
  name: string;
}

/**
 * What staff can send an item to: the grids of their communities (hand over, assign) and, for
 * street staff, the departments (吹哨). Loaded once per user; `user` must be a stable value.
 */
export function useStaffOptions(user: User | undefined) {
  const [grids, setGrids] = useState<Named[]>([]);
  const [departments, setDepartments] = useState<Named[]>([]);

  useEffect(() => {
    if (!user || !isGridLineStaff(user)) return;
    fetchCommunities()
      .then((c) => setGrids(c.items.flatMap((x) => x.grids)))
      .catch(() => setGrids([]));
    if (user.roles.includes('street_admin')) {
      fetchDepartments()
        .then((d) => setDepartments(d.items))
        .catch(() => setDepartments([]));
    }
  }, [user]);

  return { grids, departments };
}
