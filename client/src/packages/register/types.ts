import type { PlaceDto, RegisterBody } from '@linli/shared';

/** The place the resident settled on, with the names to show and what to send. */
export interface ChosenPlace {
  input: RegisterBody['place'];
  streetName: string;
  communityName: string;
  gridName: string | null;
  /** The located place (with its boundary), when found by location. */
  place: PlaceDto | null;
}
