/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): field names and status values as
 * the specification defines them. POST bodies are form-encoded; answers are JSON arrays; errors are
 * a list of {code, description}.
 */
import * as z from 'zod';

const optional = z.string().trim().max(2000).optional();
const coordinate = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, `${label} must be a decimal number`)
    .transform(Number)
    .pipe(z.number().min(min).max(max))
    .optional();

export const Open311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});
export const Open311ServiceList = z.array(Open311Service);

export const Open311ServiceDefinition = z.object({ service_code: z.string(), attributes: z.array(z.unknown()) });
/**
 * Path segments end in `.json` (`/services/{code}.json`). A route variable must be a whole path
 * segment, so the route captures `{code}` including the suffix and the schema strips it.
 */
const jsonSegment = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}\.json$/, `unknown ${what}`)
    .transform((s) => s.slice(0, -'.json'.length));
export const Open311ServiceParams = z.object({ code: jsonSegment('service_code') });

export const Open311PostBody = z
  .object({
    api_key: z.string().min(1, 'api_key is required'),
    jurisdiction_id: optional,
    service_code: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'service_code is required'),
    lat: coordinate('lat', -90, 90),
    long: coordinate('long', -180, 180),
    address_string: optional,
    address_id: optional,
    email: optional,
    device_id: optional,
    account_id: optional,
    first_name: optional,
    last_name: optional,
    phone: optional,
    description: z.string().trim().min(1, 'description is required').max(4000),
    media_url: optional,
  })
  .refine((b) => (b.lat !== undefined && b.long !== undefined) || b.address_string, {
    message: 'a location is required: lat and long, or address_string',
    path: ['lat'],
  });
export type Open311PostBody = z.infer<typeof Open311PostBody>;

export const Open311PostResponse = z.array(
  z.object({ service_request_id: z.string(), service_notice: z.string(), account_id: z.string().nullable() }),
);

const isoDate = z.string().datetime({ offset: true, message: 'dates must be W3C (ISO 8601) date-times' }).optional();

export const Open311RequestsQuery = z.object({
  api_key: z.string().min(1, 'api_key is required'),
  jurisdiction_id: optional,
  service_request_id: z.string().regex(/^[A-Za-z0-9_,-]{1,2000}$/, 'service_request_id is a comma-separated list').optional(),
  service_code: z.string().regex(/^[A-Za-z0-9_,-]{1,500}$/).optional(),
  status: z.enum(['open', 'closed', 'open,closed', 'closed,open'], { message: 'status is open or closed' }).optional(),
  start_date: isoDate,
  end_date: isoDate,
});
export type Open311RequestsQuery = z.infer<typeof Open311RequestsQuery>;

export const Open311RequestParams = z.object({ id: jsonSegment('service_request_id') });
export const Open311KeyQuery = z.object({ api_key: z.string().min(1, 'api_key is required'), jurisdiction_id: optional });

export const Open311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number(),
  long: z.number(),
  media_url: z.string().nullable(),
});
export const Open311RequestList = z.array(Open311Request);

export const Open311Errors = z.array(z.object({ code: z.number().int(), description: z.string() }));
