/**
 * The DynamoDB requests of a rider's check-in: asserted against its budget, so a read added to the
 * route fails here. The count includes the session's freshness check (one read of the caller).
 *
 * Before → budget: POST /stations/{id}/check-ins 4 → 3 (the station's being open is a condition of
 * the check-in's transaction instead of a read before it; a refusal reads the station to say why).
 */
import { startTestApi, type TestApi } from '../support/harness';
import { countRequests } from '../support/requests';

describe('DynamoDB requests of the station check-in', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const checkIn = async (budget: number, station: string, token: string) => {
    const { result, sent } = await countRequests(() => api.call('POST', `/stations/${station}/check-ins`, { token }));
    if (sent.count > budget) throw new Error(`check-in sent ${sent.count} DynamoDB requests (budget ${budget}):\n  ${sent.commands.join('\n  ')}`);
    return result;
  };

  it('POST /stations/{id}/check-ins: 3, the first of the day and a repeat alike; a closed or missing station still refused', async () => {
    const rider = await api.tokenFor('rider');
    // The function's container warm (its holiday calendar read once), as in a street's steady run.
    expect((await api.call('GET', '/stations/sn-005', { token: rider })).status).toBe(200);
    expect((await checkIn(3, 'sn-005', rider)).body).toMatchObject({ todayVisitors: 1, alreadyCheckedIn: false });
    expect((await checkIn(3, 'sn-005', rider)).body).toMatchObject({ todayVisitors: 1, alreadyCheckedIn: true });
    const closed = await checkIn(4, 'sn-010', rider);
    expect([closed.status, closed.body.error.code]).toEqual([409, 'station_closed']);
    const missing = await checkIn(4, 'sn-nowhere', rider);
    expect(missing.status).toBe(404);
  });
});
