import { parse as parseAst, type AnyNode } from '@humanwhocodes/momoa';
import JSON5 from 'json5';
import { readFileSync } from 'node:fs';
import { InputError } from '../../models/errors.js';

/**
 * A JSON5 document with source positions, so that every validation error can
 * name the file, line, column and field.
 */
export class Json5Source {
  private ast: AnyNode | null = null;

  private constructor(
    readonly file: string,
    /** null for values built in code (no positions to report). */
    readonly text: string | null,
    readonly value: unknown,
  ) {}

  /** Reads and parses a file; an unreadable file or a syntax error is an input error naming it. */
  static readFile(path: string, what: string): Json5Source {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError('FILE_NOT_READABLE', `cannot read ${what} "${path}"${code === 'ENOENT' ? ': no such file' : `: ${code}`}`);
    }
    return Json5Source.parse(path, text);
  }

  /** A value given in code (e.g. a claim in a vitest file): errors name the field only. */
  static fromValue(label: string, value: unknown): Json5Source {
    return new Json5Source(label, null, value);
  }

  /** Parses the text; a syntax error names the file, line and column. */
  static parse(file: string, text: string): Json5Source {
    try {
      return new Json5Source(file, text, JSON5.parse(text));
    } catch (error) {
      const e = error as Error & { lineNumber?: number; columnNumber?: number };
      const where = e.lineNumber ? `${file}:${e.lineNumber}:${e.columnNumber}` : file;
      const message = e.message.replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '');
      throw new InputError('MALFORMED_JSON5', `${where}: not valid JSON5: ${message}`);
    }
  }

  /**
   * "file:line:column" of the value at `path` (of its key with `atKey`), or of
   * its nearest existing parent.
   */
  locate(path: readonly (string | number)[], atKey = false): string {
    if (this.text === null) return this.file;
    this.ast ??= parseAst(this.text, { mode: 'json5' }).body;
    let node: AnyNode = this.ast;
    for (const [i, key] of path.entries()) {
      const next = child(node, key, atKey && i === path.length - 1);
      if (!next) break;
      node = next;
    }
    return `${this.file}:${node.loc.start.line}:${node.loc.start.column}`;
  }

  /** An input error located at `path`, naming the field. */
  error(path: readonly (string | number)[], message: string, atKey = false): InputError {
    return new InputError('INVALID_CONFIG', `${this.locate(path, atKey)}: ${fieldName(path)}: ${message}`);
  }
}

function child(node: AnyNode, key: string | number, atKey: boolean): AnyNode | null {
  if (node.type === 'Object' && typeof key === 'string') {
    const member = node.members.find((m) => (m.name.type === 'Identifier' ? m.name.name : m.name.value) === key);
    return member ? (atKey ? member.name : member.value) : null;
  }
  if (node.type === 'Array' && typeof key === 'number') return node.elements[key]?.value ?? null;
  return null;
}

export function fieldName(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}
