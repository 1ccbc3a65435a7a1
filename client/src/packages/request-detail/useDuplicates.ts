import { useEffect, useState } from 'react';
import type { RequestDetail, User } from '@linli/shared';
import { fetchNearbyRequests } from '../../services/requests';
import { isOpen, isStaff } from './access';

export interface Duplicate {
  id: string;
  description: string;
  distanceMeters: number;
}

/**
 * Staff: open items of the same category close by, to merge a duplicate into. Fetched again
 * when the item changes; `user` must be a stable value.
 */
export function useDuplicates(r: RequestDetail | null, user: User | undefined): Duplicate[] {
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  useEffect(() => {
    if (!r || !user || !isOpen(r)) return setDuplicates([]);
    if (!isStaff(user)) return;
    let live = true;
    fetchNearbyRequests({ lat: r.location.lat, lng: r.location.lng, datum: 'gcj02', categoryId: r.categoryId })
      .then((n) => live && setDuplicates(n.items.filter((x) => x.id !== r.id)))
      .catch(() => live && setDuplicates([]));
    return () => {
      live = false;
    };
  }, [r, user]);
  return duplicates;
}
