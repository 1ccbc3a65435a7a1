import { BboxQuery, CreateReportBody, NearbyQuery } from '@linli/shared';

describe('NearbyQuery', () => {
  it('applies defaults and parses amenities and openNow', () => {
    const q = NearbyQuery.parse({ lat: '29.6', lng: '103.48', amenities: 'water,charging', openNow: 'true' });
    expect(q).toEqual({ lat: 29.6, lng: 103.48, radius: 3000, amenities: ['water', 'phone_charging'], openNow: true, limit: 20, datum: 'gcj02' });
  });

  it('rejects a radius over 20 km, unknown amenities and non-numbers with field paths', () => {
    const r = NearbyQuery.safeParse({ lat: 'x', lng: '103', radius: '20001', amenities: 'sauna' });
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => String(i.path[0]));
    expect(fields).toEqual(expect.arrayContaining(['lat', 'radius', 'amenities']));
  });
});

describe('BboxQuery', () => {
  it('parses minLng,minLat,maxLng,maxLat and refuses areas over half a degree', () => {
    expect(BboxQuery.parse({ bbox: '103.4,29.5,103.6,29.7' }).bbox).toEqual([103.4, 29.5, 103.6, 29.7]);
    expect(BboxQuery.safeParse({ bbox: '103,29,104,30' }).success).toBe(false);
    expect(BboxQuery.safeParse({ bbox: '103.6,29.5,103.4,29.7' }).success).toBe(false);
  });
});

describe('CreateReportBody', () => {
  it('requires the amenity when an amenity is reported broken', () => {
    const r = CreateReportBody.safeParse({ type: 'amenity_broken', text: '充电坏了' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['amenity']);
  });
});
