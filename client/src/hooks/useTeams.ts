import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TeamDto } from '@linli/shared';
import { fetchTeams } from '../services/teams';
import { useLatest } from './useLatest';

/**
 * The volunteer teams of a community (the signed-in user's own when `communityId` is his), read
 * when it is known; `captainOf` are those he leads (a captain publishes and runs his team's
 * activities). A failure leaves the list empty: nothing depends on it being there.
 */
export function useTeams(communityId: string | null | undefined, enabled = true) {
  const [teams, setTeams] = useState<TeamDto[] | null>(null);
  const begin = useLatest();
  const reload = useCallback(async () => {
    const latest = begin(); // another community's teams still on their way are not this one's
    if (!communityId || !enabled) return setTeams(null);
    try {
      const { items } = await fetchTeams(communityId);
      if (latest()) setTeams(items);
    } catch {
      if (latest()) setTeams([]);
    }
  }, [communityId, enabled, begin]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const captainOf = useMemo(() => (teams ?? []).filter((t) => t.captain), [teams]);
  return { teams, captainOf, reload };
}
