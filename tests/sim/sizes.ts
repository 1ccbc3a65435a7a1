/**
 * The sizes of `npm run simulate --size …`: how much city and how much time. The city figures are
 * Meishan's (眉山市: two districts and four counties, 2,576 ordinary grids); households per grid and
 * the share of households using the mini-program are assumptions written down in docs/capacity.md.
 */
import type { SizeName } from './city/model';

export interface SizeSpec {
  name: SizeName;
  /** Districts/counties generated, and ordinary grids in all (split over districts, streets, communities). */
  districts: number;
  streetsPerDistrict: number;
  communitiesPerStreet: number;
  ordinaryGrids: number;
  /** Dedicated (专属) and micro (微) grids per 100 ordinary grids, nested inside them. */
  dedicatedPer100: number;
  microPer100: number;
  /** Households per ordinary grid on average (Meishan: ~1.1 M households / 2,576 grids). */
  householdsPerGrid: number;
  /** Share of households with at least one person using the mini-program. */
  adoption: number;
  /** First simulated day (Asia/Shanghai) and number of days. Always in the future: DynamoDB Local's TTL runs on the real clock. */
  from: string;
  days: number;
}

export const SIZES: Record<SizeName, SizeSpec> = {
  street: {
    name: 'street', districts: 1, streetsPerDistrict: 1, communitiesPerStreet: 6, ordinaryGrids: 31,
    dedicatedPer100: 6, microPer100: 10, householdsPerGrid: 420, adoption: 0.06, from: '2027-02-01', days: 28,
  },
  district: {
    name: 'district', districts: 1, streetsPerDistrict: 14, communitiesPerStreet: 6, ordinaryGrids: 430,
    dedicatedPer100: 6, microPer100: 10, householdsPerGrid: 420, adoption: 0.06, from: '2027-01-01', days: 365,
  },
  city: {
    name: 'city', districts: 6, streetsPerDistrict: 14, communitiesPerStreet: 6, ordinaryGrids: 2576,
    dedicatedPer100: 6, microPer100: 10, householdsPerGrid: 420, adoption: 0.06, from: '2027-01-01', days: 365,
  },
};
