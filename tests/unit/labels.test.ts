/**
 * Every value of every enum the UI shows has a Chinese label, so no screen falls back to a raw
 * code such as `handed_over`. Adding a value to an enum without a label fails here.
 */
import {
  AMENITIES,
  AMENITY_LABELS,
  EVENT_TYPE_LABELS,
  EVENT_TYPES,
  LEVEL_LABELS,
  LEVELS,
  REPORT_TYPE_LABELS,
  REPORT_TYPES,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  REVISIT_METHOD_LABELS,
  REVISIT_METHODS,
  ROLE_LABELS,
  ROLES,
} from '@linli/shared';

const TABLES: [name: string, values: readonly string[], labels: Record<string, string>][] = [
  ['EVENT_TYPES', EVENT_TYPES, EVENT_TYPE_LABELS],
  ['REQUEST_STATUSES', REQUEST_STATUSES, REQUEST_STATUS_LABELS],
  ['LEVELS', LEVELS, LEVEL_LABELS],
  ['ROLES', ROLES, ROLE_LABELS],
  ['AMENITIES', AMENITIES, AMENITY_LABELS],
  ['REPORT_TYPES', REPORT_TYPES, REPORT_TYPE_LABELS],
  ['REVISIT_METHODS', REVISIT_METHODS, REVISIT_METHOD_LABELS],
];

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

describe.each(TABLES)('%s', (_name, values, labels) => {
  it.each(values.map((v) => [v]))('%s has a Chinese label', (value) => {
    const label = labels[value];
    expect(typeof label).toBe('string');
    expect(label!.trim()).not.toBe('');
    expect(label).not.toBe(value);
    expect(label).toMatch(CJK);
  });

  it('labels no value outside the enum', () => {
    expect(Object.keys(labels).filter((k) => !values.includes(k))).toEqual([]);
  });
});
