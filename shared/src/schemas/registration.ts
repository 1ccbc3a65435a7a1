import * as z from 'zod';
import { Datum, Id, Instant, LatLng, numberFromQuery } from './common';

/**
 * Joining as a resident (居民登记): the place where one lives — found by the phone's location (the
 * grid containing it, confirmed on a map) or by search (street → community → grid) — the building,
 * unit and room, a real name (needed to file a request or book) and a phone number (WeChat's
 * getPhoneNumber button where the account allows it, else typed).
 */

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const MOBILE_PHONE = /^1[3-9]\d{9}$/;

export const LocateQuery = z.object({
  lat: numberFromQuery('纬度').pipe(z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间')),
  lng: numberFromQuery('经度').pipe(z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间')),
  datum: Datum.default('gcj02'),
});

/** Where a resident lives, named at every level; the grid boundary is GCJ-02 (for the confirming map). */
export const PlaceDto = z.object({
  streetId: Id,
  streetName: z.string(),
  communityId: Id,
  communityName: z.string(),
  gridId: Id.nullable(),
  gridName: z.string().nullable(),
  boundary: z.array(LatLng),
});
export type PlaceDto = z.infer<typeof PlaceDto>;
export const LocateResponse = z.object({ place: PlaceDto });

export const StreetsResponse = z.object({ items: z.array(z.object({ id: Id, name: z.string(), city: z.string() })) });
export const StreetParams = z.object({ id: Id });
export const StreetCommunitiesResponse = z.object({
  items: z.array(z.object({ id: Id, name: z.string(), grids: z.array(z.object({ id: Id, name: z.string() })) })),
});

export const CommunityParams = z.object({ id: Id });
/** The buildings of a community from the street's imported map, by compound (小区). */
export const BuildingsResponse = z.object({
  items: z.array(z.object({ id: Id, name: z.string(), compound: z.string(), gridId: Id })),
});

export const AddressInput = z.object({
  building: z.string().trim().min(1, '请填写小区和楼栋').max(40, '楼栋最多 40 个字'),
  unit: z.string().trim().max(20, '单元最多 20 个字').optional(),
  room: z.string().trim().max(20, '房号最多 20 个字').optional(),
});
export type AddressInput = z.infer<typeof AddressInput>;

/** The address as one line: 名山小区3栋 2单元 301. */
export const formatAddress = (a: AddressInput): string => [a.building, a.unit, a.room].filter(Boolean).join(' ');

export const RegisterBody = z
  .object({
    place: z.discriminatedUnion('by', [
      z.object({ by: z.literal('location'), location: LatLng.extend({ datum: Datum.default('gcj02') }) }),
      z.object({ by: z.literal('search'), communityId: Id, gridId: Id.optional(), buildingId: Id.optional() }),
    ]),
    address: AddressInput,
    name: z.string().trim().min(2, '请填写真实姓名（至少 2 个字）').max(20, '姓名最多 20 个字').optional(),
    /** A typed mobile number. */
    phone: z.string().trim().regex(MOBILE_PHONE, '请填写 11 位手机号').optional(),
    /** The code of WeChat's getPhoneNumber button (exchanged on the server; never a number from the client). */
    phoneCode: z.string().trim().min(1).max(128, '手机号凭证过长').optional(),
  })
  .refine((b) => !(b.phone && b.phoneCode), { message: '手机号只需一种方式', path: ['phone'] });
export type RegisterBody = z.input<typeof RegisterBody>;

export const GridParams = z.object({ id: Id });
export const GridResidentsQuery = z.object({ status: z.enum(['unverified', 'all']).default('unverified') });
/** Finding a resident of a community by the first characters of his real name (grid or not). */
export const CommunityResidentsQuery = z.object({ name: z.string().trim().min(1, '请输入姓名').max(20, '姓名最多 20 个字') });

/** A resident as the grid worker sees him (phone masked). */
export const ResidentDto = z.object({
  userId: Id,
  name: z.string(),
  phoneMasked: z.string().nullable(),
  address: z.string(),
  gridId: Id.nullable(),
  registeredAt: Instant,
  verified: z.boolean(),
  verifiedAt: Instant.nullable(),
});
export type ResidentDto = z.infer<typeof ResidentDto>;
export const ResidentsResponse = z.object({ items: z.array(ResidentDto) });

export const ResidentParams = z.object({ userId: Id });
/** The grid worker confirms a resident, correcting the address or the grid if they were wrong. */
export const VerifyResidentBody = z.object({ address: AddressInput.optional(), gridId: Id.optional() });
export const ResidentResponse = z.object({ resident: ResidentDto });

/** Deleting one's account (注销): irreversible, so the client confirms and the body says so. */
export const DeleteAccountBody = z.object({ confirm: z.literal(true, { message: '请确认注销账号' }) });
export const DeleteAccountResponse = z.object({ deleted: z.literal(true) });
