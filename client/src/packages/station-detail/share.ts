import type { StationDto } from '@linli/shared';

/** What a shared station says in the chat (its name and address, nothing about who shared it) and where it opens. */
export function stationShare(station: Pick<StationDto, 'id' | 'name' | 'address'>): { title: string; path: string } {
  return {
    title: `${station.name}（${station.address}）`,
    path: `/packages/station-detail/index?id=${encodeURIComponent(station.id)}`,
  };
}
