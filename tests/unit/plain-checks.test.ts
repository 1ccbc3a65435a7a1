/**
 * The zod-free checks of `@linli/shared/plain` (tab-page forms) answer as the schemas do: same value,
 * same Chinese message.
 */
import { InvitationCode, RequestNumber } from '@linli/shared';
import { checkInvitationCode, checkRequestNumber } from '@linli/shared/plain';
import type * as z from 'zod';

function asSchema(schema: z.ZodType<string, string>, typed: string) {
  const r = schema.safeParse(typed);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: r.error.issues[0]?.message };
}

describe('plain checks answer as the schemas', () => {
  it.each(['20261203-0042', ' 2026 1203 0042 ', '20261203—0042', '202612030042', '2026120300420', '2026-12-03', '', 'abc', '20261203-004'])(
    'request number %p',
    (typed) => expect(checkRequestNumber(typed)).toEqual(asSchema(RequestNumber, typed)),
  );
  it.each(['ABCD2345', ' abcd2345 ', 'ABCD234', 'ABCD0345', 'ABCDI345', '', 'abcdefgh9'])('invitation code %p', (typed) =>
    expect(checkInvitationCode(typed)).toEqual(asSchema(InvitationCode, typed)),
  );
  it('gives the numbers as written on the receipt and the codes in upper case', () => {
    expect(checkRequestNumber('2026 1203 0042')).toEqual({ ok: true, value: '20261203-0042' });
    expect(checkInvitationCode(' abcd2345')).toEqual({ ok: true, value: 'ABCD2345' });
    expect(checkRequestNumber('12')).toEqual({ ok: false, message: '受理编号是 8 位日期加 4 位序号，如 20261203-0042' });
  });
});
