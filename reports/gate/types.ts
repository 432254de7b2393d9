export type { GateReport } from '../../harness/schema.js';

/** A markdown table cell. */
export const mdCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
