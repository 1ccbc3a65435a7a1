/** Personal data as shown to people who are not its owner. */

/** Masks a mainland mobile number as 138****1234. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
