import type { ClaimResult } from '../../harness/gate/run-claim.js';

/** What a gate run found, as every gate reporter reads it. */
export interface GateReport {
  passed: boolean;
  results: ClaimResult[];
  corpus: { dir: string; replayed: number; stillFailing: number; noLongerFailing: string[]; added: number } | null;
  seconds: number;
}

/** A markdown table cell. */
export const mdCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
