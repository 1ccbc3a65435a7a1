/** What a plain check answers: the normalised value, or the message to show under the field. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };
