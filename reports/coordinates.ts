/**
 * Every coordinate of a counterexample (or of a "where"), generically: each
 * parameter as key=value in the order of its params object, then the initial
 * state (its kind and every other field), then t. Nothing here names a model's
 * parameters, so any model family's counterexamples print completely.
 */

const value = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? `[${v.map(value).join(', ')}]` : v !== null && typeof v === 'object' ? `{${Object.entries(v).map(([k, x]) => `${k}: ${value(x)}`).join(', ')}}` : String(v));

export function paramsText(params: unknown): string {
  return Object.entries(params as Record<string, unknown>)
    .map(([k, v]) => `${k}=${value(v)}`)
    .join(' ');
}

export function initText(init: unknown): string {
  const { kind, ...rest } = init as { kind?: unknown } & Record<string, unknown>;
  const fields = Object.entries(rest).map(([k, v]) => `${k}=${value(v)}`);
  return [kind === undefined ? 'init' : String(kind), ...fields].join(' ');
}

export function coordinatesText(at: { params: unknown; init?: unknown; t?: number }): string {
  return [paramsText(at.params), ...(at.init ? [initText(at.init)] : []), ...(at.t !== undefined ? [`t=${at.t}`] : [])].join(' ');
}
