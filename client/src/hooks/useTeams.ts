import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TeamDto } from '@linli/shared';
import { fetchTeams } from '../services/teams';

/**
 * The volunteer teams of a community (the signed-in user's own when `communityId` is his), read
 * when it is known; `captainOf` are those he leads (a captain publishes and runs his team's
 * activities). A failure leaves the list empty: nothing depends on it being there.
 */
export function useTeams(communityId: string | null | undefined, enabled = true) {
  const [teams, setTeams] = useState<TeamDto[] | null>(null);
  const reload = useCallback(async () => {
    if (!communityId || !enabled) return setTeams(null);
    try {
      setTeams((await fetchTeams(communityId)).items);
    } catch {
      setTeams([]);
    }
  }, [communityId, enabled]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const captainOf = useMemo(() => (teams ?? []).filter((t) => t.captain), [teams]);
  return { teams, captainOf, reload };
}
