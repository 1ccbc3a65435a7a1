/**
 * A file of 12345 tickets, read row by row: CSV with a header row (UTF-8, with or without BOM, as
 * Excel saves it; RFC 4180 quoting) or JSON lines (one ticket object a line). Rows are numbered as
 * a spreadsheet shows them (a CSV's header is row 1) or by line (JSON lines). Each row is checked
 * with the same schema as a ticket sent in one call; a bad row is reported with its number and a
 * reason in Chinese, and never stops the file.
 */
import { HotlineTicket } from '@linli/shared';

export type FileRow = { row: number; ticket: HotlineTicket } | { row: number; externalId: string | null; error: string };

/** CSV columns, by their English or Chinese header. */
const COLUMNS: Record<string, keyof HotlineTicket | 'lat' | 'lng' | 'datum'> = {
  externalId: 'externalId', 工单编号: 'externalId',
  text: 'text', 工单内容: 'text', 诉求内容: 'text',
  phone: 'phone', 来电号码: 'phone', 联系电话: 'phone',
  address: 'address', 地址: 'address', 事发地址: 'address',
  lat: 'lat', 纬度: 'lat',
  lng: 'lng', 经度: 'lng',
  datum: 'datum', 坐标系: 'datum',
  categoryHint: 'categoryHint', 事项类别: 'categoryHint',
  communityId: 'communityId', 社区编号: 'communityId',
  dueAt: 'dueAt', 热线时限: 'dueAt', 办理时限: 'dueAt',
};

const FIELD_LABELS: Record<string, string> = {
  externalId: '工单编号', text: '工单内容', phone: '来电号码', address: '地址', location: '位置', lat: '纬度', lng: '经度',
  datum: '坐标系', categoryHint: '事项类别', communityId: '社区编号', dueAt: '热线时限',
};

/** Thrown when the file as a whole cannot be read (wrong format, missing columns). */
export class UnreadableFile extends Error {}

/** Splits CSV text into records of fields (quoted fields may hold commas, quotes and line breaks). */
export function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) records.push([...record, field]);
  return records;
}

function checked(row: number, raw: Record<string, unknown>): FileRow {
  const parsed = HotlineTicket.safeParse(raw);
  if (parsed.success) return { row, ticket: parsed.data };
  const reasons = parsed.error.issues.map((i) => {
    const field = String(i.path[0] === 'location' && i.path[1] ? i.path[1] : (i.path[0] ?? ''));
    return `${FIELD_LABELS[field] ?? field}：${i.message}`;
  });
  return { row, externalId: typeof raw.externalId === 'string' && raw.externalId ? raw.externalId : null, error: reasons.join('；') };
}

const blank = (v: string | undefined): boolean => v === undefined || v.trim() === '';

function csvRows(text: string): FileRow[] {
  const [header, ...records] = csvRecords(text);
  const columns = (header ?? []).map((h) => COLUMNS[h.trim()] ?? null);
  const missing = (['externalId', 'text'] as const).filter((c) => !columns.includes(c));
  if (missing.length) {
    throw new UnreadableFile(`表头缺少列：${missing.map((c) => `${FIELD_LABELS[c]}（${c}）`).join('、')}`);
  }
  const rows: FileRow[] = [];
  records.forEach((fields, i) => {
    if (fields.every((f) => f.trim() === '')) return;
    const v = (name: string): string | undefined => {
      const at = columns.indexOf(name as never);
      return at >= 0 ? fields[at]?.trim() : undefined;
    };
    const raw: Record<string, unknown> = { externalId: v('externalId') ?? '', text: v('text') ?? '' };
    for (const k of ['phone', 'address', 'categoryHint', 'communityId', 'dueAt'] as const) if (!blank(v(k))) raw[k] = v(k);
    if (!blank(v('lat')) || !blank(v('lng'))) {
      raw.location = { lat: Number(v('lat')), lng: Number(v('lng')), ...(blank(v('datum')) ? {} : { datum: v('datum') }) };
    }
    rows.push(checked(i + 2, raw));
  });
  return rows;
}

function jsonLines(text: string): FileRow[] {
  const rows: FileRow[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      rows.push({ row: i + 1, externalId: null, error: '不是有效的 JSON' });
      return;
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) rows.push({ row: i + 1, externalId: null, error: '每行应为一个工单对象' });
    else rows.push(checked(i + 1, raw as Record<string, unknown>));
  });
  return rows;
}

/** The rows of a file, by its format (`csv` or `jsonl`, from the uploaded key). */
export function readTicketFile(format: 'csv' | 'jsonl', text: string): FileRow[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new UnreadableFile('文件为空');
  return format === 'csv' ? csvRows(body) : jsonLines(body);
}
