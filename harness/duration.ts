/** "90", "90s", "30m", "2h", "1h30m" → milliseconds; throws a RangeError naming the text otherwise. */
export function parseDuration(text: string): number {
  const m = /^\s*(?:(\d+(?:\.\d+)?)h)?\s*(?:(\d+(?:\.\d+)?)m)?\s*(?:(\d+(?:\.\d+)?)s?)?\s*$/.exec(text);
  if (!m || (!m[1] && !m[2] && !m[3])) throw new RangeError(`expected a duration such as 90s, 30m, 2h or 1h30m (got ${JSON.stringify(text)})`);
  const ms = ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
  if (ms <= 0) throw new RangeError(`expected a duration > 0 (got ${JSON.stringify(text)})`);
  return ms;
}
