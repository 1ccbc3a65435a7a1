/**
 * 接诉即办 in the simulation, its data: the categories people file, the volumes, what the recount keeps
 * of each item and of each day's flows (per community, and per property company for 物业 matters).
 */
import { demoCategories } from '../../../infra/local/demo-categories';

/** Categories residents and 12345 file in the simulation (no emergencies; 垃圾清运 and 井盖 need an "after" photo to close). */
export const FILED: [id: string, weight: number][] = [
  ['env-garbage', 4], ['fix-manhole', 2], ['env-sorting', 5], ['env-sewage', 3], ['env-pests', 2], ['prop-fee', 3], ['fix-streetlight', 6], ['fix-road', 6], ['fix-pipe', 4],
  ['dispute-neighbor', 3], ['dispute-noise', 5], ['ask-social', 4], ['ask-household', 3], ['ask-policy', 4], ['ask-elderly', 3],
  ['city-stall', 3], ['city-ads', 2], ['city-vehicle', 4], ['life-water', 3], ['safe-tree', 1], ['other', 3],
];
/**
 * Property matters (物业) residents file besides: in a compound a property company serves they go to its staff
 * first (the app assumes the resident's own compound, as CompoundPicker does); elsewhere they follow the grid route.
 * About a quarter of what residents file: 物业 is among the largest groups of complaints in cities' 12345 figures.
 */
export const PROPERTY_FILED: [id: string, weight: number][] = [['prop-service', 8], ['prop-parking', 7], ['prop-greenery', 4], ['fix-elevator', 5]];
export const CATEGORY = new Map(demoCategories.map((c) => [c.id, c]));
/** Groups a grid team's specialists take (police: safety and disputes; sanitation: environment): their items are claimed (认领) from the team queue. */
export const CLAIMED_GROUPS = new Set(['环境卫生', '矛盾纠纷', '安全隐患']);

/** Filings per app user per day on an average day (docs/capacity.md: Emeishan's volume, half through the app). */
export const FILINGS_PER_USER_DAY = 0.0033;
/** 12345 tickets per household per day reaching the grids (the other half of the volume), pushed by the platform three times a day. */
export const HOTLINE_PER_HOUSEHOLD_DAY = 0.0002;
export const HOTLINE_PUSHES = [9 * 60, 14 * 60, 17 * 60 + 30];
/**
 * Once a month (its third Monday, when a working day, 10:30) the 12345 platform sends a city-wide batch of 5,000
 * tickets (a backlog cleared, a campaign): each street its share by ordinary grids (Meishan: 2,576).
 */
export const BIG_BATCH = { tickets: 5000, cityGrids: 2576, minute: 10 * 60 + 30 } as const;
export const isBigBatchDay = (date: string, cal: { isWorkday(d: string): boolean }): boolean => {
  const day = Number(date.slice(8, 10));
  return new Date(`${date}T00:00:00Z`).getUTCDay() === 1 && day >= 15 && day <= 21 && cal.isWorkday(date);
};
/** The simulated 12345 platform's API key of a street (made at setup). */
export const hotlineKey = (seed: number, streetId: string) => `sim-12345-${seed}-${streetId}`;
export const OPEN = new Set(['submitted', 'accepted']);
export const COUNTED = ['filed', 'accepted', 'acceptedOnTime', 'resolved', 'resolvedOnTime', 'closed', 'escalated', 'reopened', 'refused', 'rated', 'satisfied'] as const;
export type Counted = (typeof COUNTED)[number];
/** The figures of a property company's row on its communities' 红黑榜 the recount checks. */
export const BOARD = ['filed', 'resolved', 'refused', 'rated'] as const;

export interface Item {
  id: string;
  /**
   * What the simulation calls it (its filing's event key, or its 12345 ticket number): the draws about
   * the item (staff delays, ratings) are keyed by it, not by the product's id, which differs from run
   * to run. Absent in checkpoints written before it existed (the id stands in).
   */
  tag?: string;
  communityId: string;
  streetId: string;
  /** The filer; null for a 12345 ticket (the platform calls the citizen back, not us). */
  reporterId: string | null;
  categoryId: string;
  /** The 12345 deadline (热线时限) of a hotline ticket: it caps every stage. */
  hotlineDue: number | null;
  level: string;
  status: string;
  version: number;
  acceptBy: number | null;
  resolveBy: number | null;
  /** The deadline already flagged at the top level (flagged once per deadline). */
  flaggedFor: number | null;
  /** Escalation steps (上报 and 超时 flags) the recount expects on the timeline. */
  steps: number;
  /**
   * When its current deadline became the one that counts (the stage's change the recount last saw): a deadline
   * already past then — an item accepted after its 12345 deadline — is due from that moment, not from the deadline.
   */
  dueSince?: number;
  accepted: boolean;
  resolved: boolean;
  /** Its grid (null outside every grid); absent in checkpoints written before claims were simulated. */
  gridId?: string | null;
  /** A property matter's compound and the company serving it (its flows count on the company's row too). */
  compound?: string | null;
  companyId?: string | null;
  /** The grid team member who claimed it (认领) while it waits at the grid. */
  claimedBy?: string | null;
  /** Posted by a partner system through Open311 (its status is checked as the partner reads it). */
  via?: 'open311';
}

export interface RequestsState {
  items: Record<string, Item>;
  /** Flows per `communityId|date`. */
  flows: Record<string, Partial<Record<Counted, number>>>;
  /** A property company's flows per `communityId|companyId|date` (absent in older checkpoints). */
  companyFlows?: Record<string, Partial<Record<Counted, number>>>;
  /** Property matters, team claims (认领), Open311 posts, photos (absent in older checkpoints). */
  figures?: RequestFigures;
  ticks: number[];
  filed: number;
  /** Of which 12345 tickets. */
  hotline: number;
  escalations: number;
  maxLagSeconds: number;
}

export interface RequestFigures {
  /** Property matters sent to a company, and refused back by its staff. */
  propertyFiled: number;
  propertyRefused: number;
  claims: number;
  /** Two members tapped 认领 at once: exactly one had it, the other was told it is taken. */
  races: number;
  /** Items the city's 数字城管 posted through Open311 (absent in older checkpoints). */
  open311?: number;
  /** Photos uploaded with filings, and "after" photos with closings that need one. */
  photos?: number;
  afterPhotos?: number;
}

export const emptyRequestFigures = (): RequestFigures => ({ propertyFiled: 0, propertyRefused: 0, claims: 0, races: 0, open311: 0, photos: 0, afterPhotos: 0 });
export const emptyRequests = (): RequestsState => ({ items: {}, flows: {}, companyFlows: {}, figures: emptyRequestFigures(), ticks: [], filed: 0, hotline: 0, escalations: 0, maxLagSeconds: 0 });

export interface Ticket {
  externalId: string;
  text: string;
  phone: string;
  location: { lat: number; lng: number; datum: 'wgs84' };
  categoryHint: string;
  dueAt: string;
}

/** What each tick task reported (by task name). */
export type TickReport = Record<string, { more?: boolean; error?: string; handled?: number; stats?: Record<string, number> }>;

export const dueOf = (i: Item): number | null => (i.status === 'submitted' ? i.acceptBy : i.status === 'accepted' ? i.resolveBy : null);

