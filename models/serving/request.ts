import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';

/**
 * One request of a workload (SPEC-serving §B.1): `id` is its 0-based data row,
 * `arrival` its exact arrival time (≥ 0), `prefill` and `decode` integers ≥ 1.
 */
export interface Request {
  readonly id: number;
  readonly arrival: Rational;
  readonly prefill: number;
  readonly decode: number;
}

/** The order of `pending`: by arrival time, then id. */
export function compareRequests(a: Request, b: Request): number {
  const c = a.arrival.compare(b.arrival);
  return c !== 0 ? c : a.id - b.id;
}

export const REQUEST_COLUMNS = ['arrival_time', 'prefill_length', 'decode_length'] as const;
export const REQUEST_HEADER = REQUEST_COLUMNS.join(',');

/** Throws InputError('INVALID_WORKLOAD') naming the request, the rule and the value. */
export function validateRequest(r: Request): Request {
  const bad = (what: string) => {
    throw new InputError('INVALID_WORKLOAD', `request ${r.id}: ${what}`);
  };
  if (!Number.isSafeInteger(r.id) || r.id < 0) bad(`id must be an integer ≥ 0 (got ${r.id})`);
  if (r.arrival.sign() < 0) bad(`arrival_time must be ≥ 0 (got ${r.arrival.toString()})`);
  if (!Number.isSafeInteger(r.prefill) || r.prefill < 1) bad(`prefill_length must be an integer ≥ 1 (got ${r.prefill})`);
  if (!Number.isSafeInteger(r.decode) || r.decode < 1) bad(`decode_length must be an integer ≥ 1 (got ${r.decode})`);
  return r;
}

/**
 * A line-by-line parser of the requests CSV (§B.1): the header names the three
 * columns (in any order, spaces trimmed), every data line has exactly three
 * fields; blank lines are skipped. Errors are InputError('INVALID_CSV') with a
 * one-line message giving the source, line and column (1-based characters).
 * Pure: the caller feeds lines (from a string or a file stream).
 */
export class RequestCsvParser {
  private order: number[] | null = null;
  private nextId = 0;

  constructor(private readonly source: string) {}

  /** Feeds line `lineNo` (1-based, without its newline); returns a request for data lines. */
  line(raw: string, lineNo: number): Request | null {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return null;
    const fields = splitFields(text);
    if (this.order === null) {
      this.order = this.header(fields, lineNo);
      return null;
    }
    if (fields.length !== 3) {
      const col = fields.length > 3 ? fields[3].column - 1 : text.length + 1;
      this.fail(lineNo, col, `expected 3 fields (${REQUEST_HEADER}), found ${fields.length}`);
    }
    const byName: Record<string, { value: string; column: number }> = {};
    this.order.forEach((col, k) => (byName[REQUEST_COLUMNS[col]] = fields[k]));
    const a = byName.arrival_time;
    let arrival: Rational;
    try {
      arrival = Rational.parse(a.value);
    } catch {
      return this.fail(lineNo, a.column, `arrival_time must be a decimal or "p/q" ≥ 0, got "${a.value}"`);
    }
    if (arrival.sign() < 0) this.fail(lineNo, a.column, `arrival_time must be ≥ 0, got "${a.value}"`);
    const prefill = this.integer(byName.prefill_length, 'prefill_length', lineNo);
    const decode = this.integer(byName.decode_length, 'decode_length', lineNo);
    return { id: this.nextId++, arrival: arrival.normalized(), prefill, decode };
  }

  /** Call at end of input: a file without a header is an error. */
  end(): void {
    if (this.order === null) throw new InputError('INVALID_CSV', `${this.source}: empty file, expected the header "${REQUEST_HEADER}"`);
  }

  private header(fields: Field[], lineNo: number): number[] {
    const names = fields.map((f) => f.value);
    const order = names.map((n) => (REQUEST_COLUMNS as readonly string[]).indexOf(n));
    const unknown = order.indexOf(-1);
    if (unknown >= 0) this.fail(lineNo, fields[unknown].column, `unknown column "${names[unknown]}", expected the header "${REQUEST_HEADER}"`);
    if (fields.length !== 3 || new Set(order).size !== 3) this.fail(lineNo, 1, `expected the header "${REQUEST_HEADER}" (each column once), got "${names.join(',')}"`);
    return order;
  }

  private integer(f: Field, name: string, lineNo: number): number {
    if (!/^\d+$/.test(f.value) || !Number.isSafeInteger(Number(f.value)) || Number(f.value) < 1) {
      this.fail(lineNo, f.column, `${name} must be an integer ≥ 1, got "${f.value}"`);
    }
    return Number(f.value);
  }

  private fail(lineNo: number, column: number, what: string): never {
    throw new InputError('INVALID_CSV', `${this.source} line ${lineNo}, column ${column}: ${what}`);
  }
}

interface Field {
  readonly value: string;
  /** 1-based character column of the field's first non-space character. */
  readonly column: number;
}

function splitFields(line: string): Field[] {
  const out: Field[] = [];
  let start = 0;
  for (;;) {
    const comma = line.indexOf(',', start);
    const raw = comma < 0 ? line.slice(start) : line.slice(start, comma);
    const lead = raw.length - raw.trimStart().length;
    out.push({ value: raw.trim(), column: start + lead + 1 });
    if (comma < 0) return out;
    start = comma + 1;
  }
}

/** Parses a whole requests CSV held in memory. */
export function parseRequestsCsv(text: string, source = 'requests.csv'): Request[] {
  const parser = new RequestCsvParser(source);
  const out: Request[] = [];
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    const r = parser.line(l, i + 1);
    if (r) out.push(r);
  });
  parser.end();
  return out;
}

/** One CSV data line (exact arrival as "n" or "n/d"; the parser reads both back). */
export const formatRequestLine = (r: Request): string => `${r.arrival.toString()},${r.prefill},${r.decode}`;

export function formatRequestsCsv(requests: Iterable<Request>): string {
  const lines = [REQUEST_HEADER];
  for (const r of requests) lines.push(formatRequestLine(r));
  return lines.join('\n') + '\n';
}

/** Requests in the order of `pending` (by arrival, then id): what the simulator needs. */
export const sortRequests = (requests: readonly Request[]): Request[] => [...requests].sort(compareRequests);
