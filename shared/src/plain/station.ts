/**
 * What a station offers. Phone charging (a socket or a power bank for the rider's phone) and
 * e-bike charging (a cabinet or socket for the bike's battery) are different things to a rider;
 * battery swap (换电) is a third.
 */
export const AMENITIES = [
  'water',
  'phone_charging',
  'ebike_charging',
  'battery_swap',
  'food_heating',
  'rest',
  'toilet',
  'rain_shelter',
  'repair_tools',
  'first_aid',
  'heatstroke_medicine',
  'wifi',
] as const;

/**
 * Names stored or sent before the amenities were split: `charging` was phone charging. Read
 * everywhere as today's name (stored stations, their reports, queries and bodies of old clients).
 */
export const LEGACY_AMENITIES = { charging: 'phone_charging' } as const satisfies Record<string, (typeof AMENITIES)[number]>;

/** Today's name of a stored or sent amenity name (`charging` → `phone_charging`); other names unchanged. */
export const readAmenity = (name: string): string =>
  Object.prototype.hasOwnProperty.call(LEGACY_AMENITIES, name) ? LEGACY_AMENITIES[name as keyof typeof LEGACY_AMENITIES] : name;

export const AMENITY_LABELS: Record<(typeof AMENITIES)[number], string> = {
  water: '饮水',
  phone_charging: '手机充电',
  ebike_charging: '电动车充电',
  battery_swap: '换电',
  food_heating: '热饭',
  rest: '休息',
  toilet: '卫生间',
  rain_shelter: '避雨',
  repair_tools: '维修工具',
  first_aid: '急救箱',
  heatstroke_medicine: '防暑药品',
  wifi: '无线网络',
};
