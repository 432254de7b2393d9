import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { InputError } from '../../models/errors.js';
import { compareRequests, RequestCsvParser, type Request } from '../../models/serving/request.js';

/** Lines of a file, streamed in 1 MiB chunks (no whole-file read). */
export function* readLines(path: string): Generator<string> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new InputError('FILE_NOT_FOUND', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const buf = Buffer.alloc(1 << 20);
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      rest += buf.toString('utf8', 0, n);
      let nl: number;
      let start = 0;
      while ((nl = rest.indexOf('\n', start)) >= 0) {
        yield rest.slice(start, nl);
        start = nl + 1;
      }
      rest = rest.slice(start);
    }
    if (rest.length) yield rest;
  } finally {
    closeSync(fd);
  }
}

/** Requests of a CSV file, streamed and validated; errors name the file, line and column. */
export function* readRequestsCsv(path: string): Generator<Request> {
  const parser = new RequestCsvParser(path);
  let lineNo = 0;
  for (const line of readLines(path)) {
    const r = parser.line(line, ++lineNo);
    if (r) yield r;
  }
  parser.end();
}

export interface CsvScan {
  readonly count: number;
  readonly sorted: boolean;
  readonly maxTotalLength: number;
  readonly sumDecode: number;
}

/** A first streaming pass: validates every line and says whether the rows are in (arrival, id) order. */
export function scanRequestsCsv(path: string): CsvScan {
  let count = 0;
  let sorted = true;
  let prev: Request | null = null;
  let maxTotalLength = 0;
  let sumDecode = 0;
  for (const r of readRequestsCsv(path)) {
    count++;
    if (prev && compareRequests(prev, r) > 0) sorted = false;
    prev = r;
    maxTotalLength = Math.max(maxTotalLength, r.prefill + r.decode);
    sumDecode += r.decode;
  }
  return { count, sorted, maxTotalLength, sumDecode };
}

/** A buffered synchronous text writer (bounded memory, no backpressure needed). */
export class FileWriter {
  private readonly fd: number;
  private chunks: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  line(text: string): void {
    this.chunks.push(text, '\n');
    this.size += text.length + 1;
    if (this.size > 1 << 16) this.flush();
  }

  flush(): void {
    if (this.chunks.length) writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
