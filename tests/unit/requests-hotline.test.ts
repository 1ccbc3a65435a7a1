/** The 12345 round trip, pure: the platform deadline, refusal to the hotline, extension requests, outbound messages, answers, files. */
import { CN_CALENDAR } from '../support/calendar';
import type { Actor } from '../../functions/src/platform/domain/actor';
import { ConflictError, ValidationError } from '../../functions/src/platform/domain/errors';
import { csvRecords, readTicketFile } from '../../functions/src/requests/domain/hotline-file';
import { extensionAnswered, hotlineVisited } from '../../functions/src/requests/domain/hotline-inbound';
import { HOTLINE_OUTBOUND, requestExtension, returnToHotline, withHotlineOutbound } from '../../functions/src/requests/domain/hotline-outbound';
import { accept, escalateIfOverdue, newRequest, resolve, type ServiceRequest } from '../../functions/src/requests/domain/request';
import { recomputeDeadlines } from '../../functions/src/requests/domain/recompute';
import { demoCategories } from '../../infra/local/demo-categories';

const cst = (local: string): Date => new Date(`${local}+08:00`);
const worker: Actor = { userId: 'u-gw', roles: ['grid_worker'], streetId: 'st-1', communityId: 'cm-1', gridId: 'gd-1' };
const ctx = (now: Date) => ({ actor: worker, actorName: '刘洋', now, calendar: CN_CALENDAR });
const category = demoCategories.find((c) => c.id === 'fix-streetlight')!;

function ticket(dueAt: string | null, now = cst('2026-11-24T10:00:00')): ServiceRequest {
  return newRequest({
    id: 'r-1', source: 'hotline', category, description: '路灯不亮', photos: [], location: { lat: 29.6, lng: 103.47 }, sourceDatum: 'wgs84',
    address: null, anonymous: false, reporter: { id: 'hotline-12345', name: '12345热线市民', phone: null }, streetId: 'st-1', communityId: 'cm-1',
    gridId: 'gd-1', now, calendar: CN_CALENDAR, actor: null, hotline: { source: '12345', externalId: 'HL-1', dueAt, extension: null },
  }).next;
}

describe('a hotline ticket keeps the platform deadline (热线时限)', () => {
  it('resolves by the platform deadline and is accepted by then at the latest', () => {
    const due = cst('2026-11-24T14:00:00').toISOString();
    const r = ticket(due);
    expect(r.resolveBy).toBe(due);
    expect(r.acceptBy).toBe(due); // our grid accept deadline (next working day) would be later
    expect(ticket(null).resolveBy).toBe(cst('2026-11-27T18:00:00').toISOString()); // no platform deadline: our calendar
  });

  it('is not recounted when the calendar changes', () => {
    const r = ticket(cst('2026-12-01T18:00:00').toISOString());
    expect(recomputeDeadlines(r, CN_CALENDAR, cst('2026-11-25T10:00:00'))).toBeNull();
  });

  it('escalates once when the platform deadline passes, then stays flagged', () => {
    const due = cst('2026-11-25T18:00:00').toISOString();
    const r = accept(ticket(due), ctx(cst('2026-11-24T11:00:00'))).next;
    const t = escalateIfOverdue(r, cst('2026-11-25T18:01:00'), CN_CALENDAR)!;
    expect(t.next).toMatchObject({ level: 'community', resolveBy: due, acceptBy: due, overdueFlaggedFor: due });
    expect(t.events[0]!.note).toBe('超过12345热线时限，自动上报社区');
    expect(escalateIfOverdue(t.next, cst('2026-11-25T18:30:00'), CN_CALENDAR)).toBeNull();
  });
});

describe('returning to the hotline and asking for more time', () => {
  const due = cst('2026-11-26T18:00:00').toISOString();

  it('returns an open ticket to the platform with the reason, ending it here', () => {
    const t = returnToHotline(ticket(due), ctx(cst('2026-11-24T11:00:00')), '不属于本辖区');
    expect(t.next).toMatchObject({ status: 'returned', acceptBy: null, resolveBy: null, result: '不属于本辖区' });
    expect(t.events[0]).toMatchObject({ type: 'returned', note: '网格退回12345热线：不属于本辖区' });
  });

  it('refuses items that did not come from the hotline', () => {
    const own = { ...ticket(due), hotline: null };
    expect(() => returnToHotline(own, ctx(cst('2026-11-24T11:00:00')), '原因')).toThrow(ConflictError);
  });

  it('asks for a later deadline, one request at a time', () => {
    const now = cst('2026-11-24T11:00:00');
    expect(() => requestExtension(ticket(due), ctx(now), '材料未到', cst('2026-11-26T12:00:00').toISOString())).toThrow(ValidationError);
    const t = requestExtension(ticket(due), ctx(now), '材料未到', cst('2026-11-30T18:00:00').toISOString());
    expect(t.next.hotline!.extension).toMatchObject({ status: 'pending', reason: '材料未到' });
    expect(t.next.resolveBy).toBe(due); // unchanged until the platform agrees
    expect(() => requestExtension(t.next, ctx(now), '再次', cst('2026-12-01T18:00:00').toISOString())).toThrow(ConflictError);
  });

  it('leaves one outbound message and a 待发送 step with the change that owes the platform', () => {
    const r = accept(ticket(due), ctx(cst('2026-11-24T11:00:00'))).next;
    const { t, outbox } = withHotlineOutbound(resolve(r, ctx(cst('2026-11-24T15:00:00')), '已修复', []));
    expect(outbox).toEqual([
      { topic: HOTLINE_OUTBOUND, subject: 'request#r-1', payload: expect.objectContaining({ kind: 'reply', externalId: 'HL-1', text: '已修复', unit: '网格' }) },
    ]);
    expect(t.events.map((e) => e.type)).toEqual(['resolved', 'hotline_queued']);
    expect(withHotlineOutbound(accept(ticket(due), ctx(cst('2026-11-24T11:00:00')))).outbox).toEqual([]);
  });
});

describe("the platform's answers", () => {
  const due = cst('2026-11-26T18:00:00').toISOString();
  const asked = () => requestExtension(ticket(due), ctx(cst('2026-11-24T11:00:00')), '材料未到', cst('2026-11-30T18:00:00').toISOString()).next;

  it('moves the deadline when an extension is approved, and takes the same answer twice as once', () => {
    const newDue = cst('2026-11-30T18:00:00').toISOString();
    const t = extensionAnswered(asked(), { source: '12345', approved: true, dueAt: newDue, comment: null }, '12345热线平台', cst('2026-11-25T09:00:00'))!;
    expect(t.next).toMatchObject({ resolveBy: newDue, hotline: { dueAt: newDue, extension: { status: 'approved' } } });
    expect(extensionAnswered(t.next, { source: '12345', approved: true, dueAt: newDue, comment: null }, 'x', cst('2026-11-25T09:05:00'))).toBeNull();
    expect(() => extensionAnswered(t.next, { source: '12345', approved: false, comment: null }, 'x', cst('2026-11-25T09:05:00'))).toThrow(ConflictError);
  });

  it('reopens at the resolving level when the citizen is not satisfied, and closes when he is', () => {
    const r = resolve(accept(ticket(due), ctx(cst('2026-11-24T11:00:00'))).next, ctx(cst('2026-11-24T15:00:00')), '已修复', []).next;
    const body = { source: '12345', solved: false, satisfied: false, comment: '仍然不亮' };
    const t = hotlineVisited(r, body, '12345热线平台', 'partner-12345', cst('2026-11-25T10:00:00'), CN_CALENDAR)!;
    expect(t.next).toMatchObject({ status: 'submitted', level: 'grid', reopenCount: 1 });
    expect(t.next.revisits).toEqual([expect.objectContaining({ method: 'hotline', solved: false, satisfied: false })]);
    expect(hotlineVisited(t.next, body, 'x', 'p', cst('2026-11-25T10:01:00'), CN_CALENDAR)).toBeNull(); // a repeat
    const ok = hotlineVisited(r, { ...body, solved: true, satisfied: true }, '12345热线平台', 'p', cst('2026-11-25T10:00:00'), CN_CALENDAR)!;
    expect(ok.next.status).toBe('closed');
  });
});

describe('ticket files', () => {
  it('splits CSV with quotes, doubled quotes, commas and line breaks inside fields', () => {
    expect(csvRecords('a,"b,c","d ""e""","f\ng"\r\nh,,i')).toEqual([
      ['a', 'b,c', 'd "e"', 'f\ng'],
      ['h', '', 'i'],
    ]);
  });

  it('reads rows by Chinese headers, numbers them as a spreadsheet does, and says why a row is bad', () => {
    const rows = readTicketFile('csv', '\uFEFF工单编号,工单内容,热线时限\nA1,路灯不亮,2026-12-01T18:00:00+08:00\n\nA2,,\nA 3,井盖,\n');
    expect(rows).toEqual([
      { row: 2, ticket: expect.objectContaining({ externalId: 'A1', text: '路灯不亮', dueAt: '2026-12-01T18:00:00+08:00' }) },
      { row: 4, externalId: 'A2', error: expect.stringMatching(/^工单内容：/) },
      { row: 5, externalId: 'A 3', error: '工单编号：工单编号只能是字母、数字、- 或 _' },
    ]);
  });

  it('refuses a file without the required columns', () => {
    expect(() => readTicketFile('csv', 'id,body\n1,2')).toThrow('表头缺少列');
    expect(() => readTicketFile('jsonl', '   ')).toThrow('文件为空');
  });
});
