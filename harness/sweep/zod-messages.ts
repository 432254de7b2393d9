import type { z } from 'zod';

/**
 * Turns a zod issue into a message a person can act on: what was expected and
 * what was given, e.g. `expected an integer (got "ten")`, `expected "all" or a
 * list (got "token-balance")`. Used for every config, claims file and state
 * file, so every field benefits.
 */

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** The value at `path` inside `root`, or `undefined`. */
export function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key as string];
  }
  return v;
}

/** A value as it would be written in the file, shortened. */
export function showValue(v: unknown, max = 40): string {
  let text: string;
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && !Number.isFinite(v)) text = String(v);
  else if (typeof v === 'bigint') text = `${v}`;
  else {
    try {
      text = JSON.stringify(v) ?? String(v);
    } catch {
      text = String(v);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  bigint: 'an integer',
  null: 'null',
  date: 'a date',
};

const typeName = (expected: string) => TYPE_NAMES[expected] ?? expected;

const bound = (inclusive: boolean | undefined, op: '≥' | '≤') => (inclusive === false ? (op === '≥' ? '>' : '<') : op);

/** What one issue expected, as a phrase ("an integer", "\"all\""), when it can be said briefly. */
function expectation(issue: Issue): string | null {
  switch (issue.code) {
    case 'invalid_type':
      return typeName(String(issue.expected));
    case 'invalid_value':
      return issue.values.length === 1 ? showValue(issue.values[0]) : `one of ${issue.values.map((v) => showValue(v)).join(', ')}`;
    default:
      return null;
  }
}

type AnySchema = { _zod: { def: Record<string, unknown> } } & Record<string, unknown>;

/** The schema that validates the value at `path` (through defaults, optionals and pipes), or null. */
export function schemaAt(schema: unknown, path: Path): AnySchema | null {
  let s = schema as AnySchema | undefined;
  const unwrap = () => {
    for (let i = 0; i < 10 && s; i++) {
      const def = s._zod.def;
      if ((def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault' || def.type === 'readonly') && def.innerType) s = def.innerType as AnySchema;
      else if (def.type === 'pipe' && def.in) s = def.in as AnySchema;
      else break;
    }
  };
  unwrap();
  for (const key of path) {
    if (!s) return null;
    const def = s._zod.def;
    if (def.type === 'object') s = (def.shape as Record<string, AnySchema>)[key as string];
    else if (def.type === 'array') s = def.element as AnySchema;
    else if (def.type === 'record') s = def.valueType as AnySchema;
    else return null;
    unwrap();
  }
  return s ?? null;
}

/** The message for one issue; `root` is the whole document (to show what was given), `schema` the schema it failed. */
export function issueMessage(issue: Issue, root: unknown, schema?: unknown): string {
  const given = valueAt(root, issue.path);
  const got = ` (got ${showValue(given)})`;
  switch (issue.code) {
    case 'invalid_type': {
      if (given === undefined) return 'is required';
      if (isCustom(issue.message)) return withGot(issue.message, given);
      const target = schema === undefined ? null : schemaAt(schema, issue.path);
      const wantsInteger = issue.expected === 'number' && target !== null && (target.isInt === true || target.format === 'safeint' || target.format === 'int32');
      return `expected ${wantsInteger ? 'an integer' : typeName(String(issue.expected))}${got}`;
    }
    case 'invalid_value':
      return isCustom(issue.message) ? withGot(issue.message, given) : `expected ${expectation(issue)}${got}`;
    case 'invalid_union': {
      if (isCustom(issue.message)) return withGot(issue.message, given);
      const options = [...new Set(issue.errors.map((branch) => (branch.length === 1 && branch[0].path.length === 0 ? expectation(branch[0]) : null)))];
      if (options.length > 0 && options.every((o) => o !== null)) return `expected ${options.join(' or ')}${got}`;
      return `does not match any accepted form${got}`;
    }
    case 'too_small': {
      if (isCustom(issue.message)) return withGot(issue.message, given);
      if (issue.origin === 'array' || issue.origin === 'set') return Number(issue.minimum) === 1 ? 'the list is empty' : `expected at least ${issue.minimum} items (got ${Array.isArray(given) ? given.length : showValue(given)})`;
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'must not be empty' : `expected at least ${issue.minimum} characters${got}`;
      return `must be ${bound(issue.inclusive, '≥')} ${issue.minimum}${got}`;
    }
    case 'too_big': {
      if (isCustom(issue.message)) return withGot(issue.message, given);
      if (issue.origin === 'array' || issue.origin === 'set') return `expected at most ${issue.maximum} items (got ${Array.isArray(given) ? given.length : showValue(given)})`;
      if (issue.origin === 'string') return `expected at most ${issue.maximum} characters (got ${typeof given === 'string' ? given.length : showValue(given)})`;
      return `must be ${bound(issue.inclusive, '≤')} ${issue.maximum}${got}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}${got}`;
    case 'unrecognized_keys':
      return `unknown key "${issue.keys[0]}"`;
    case 'invalid_format':
      return isCustom(issue.message) ? withGot(issue.message, given) : `expected ${issue.format} format${got}`;
    case 'invalid_key':
      return `has an invalid key${got}`;
    case 'invalid_element':
      return `has an invalid element${got}`;
    default:
      // custom issues (refinements, transforms) carry their own complete message
      if (given === undefined && / \(got undefined\)$/.test(issue.message)) return 'is required';
      return issue.message;
  }
}

/** zod's own messages start with "Invalid"/"Too"; a schema's custom message is kept. */
function isCustom(message: string): boolean {
  return !/^(Invalid|Too (small|big))\b/.test(message);
}

function withGot(message: string, given: unknown): string {
  return given === undefined || /\(got /.test(message) ? message : `${message} (got ${showValue(given)})`;
}
