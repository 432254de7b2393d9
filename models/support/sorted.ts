/** Position of x in a list sorted ascending by `compare`, −1 when absent (binary search). */
export function indexInSorted<T>(list: readonly T[], x: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compare(list[mid], x);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The last of items sorted by ascending start whose start is at most `position` (binary search; items non-empty, the first starting at or below it). */
export function lastStartingAtOrBelow<T>(items: readonly T[], position: number, startOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (startOf(items[mid]) <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
