import { Rational } from '../../models/arithmetic/rational.js';
import { slaInvert, type SlaResult } from '../../models/latency/sla.js';
import type { Theta } from '../../models/latency/params.js';
import { thetaToJson } from '../../models/latency/params.js';

export interface SlaRunOptions {
  readonly physical?: boolean;
  readonly limit?: number;
}

export function runSla(theta: Theta, B: number, target: Rational, options: SlaRunOptions = {}): SlaResult {
  return slaInvert(theta, B, target, options);
}

/** The JSON output of `latency sla --json`. */
export function slaJson(theta: Theta, r: SlaResult) {
  return {
    theta: thetaToJson(theta),
    B: r.B,
    target: r.target.toString(),
    sStar: r.sStar.status === 'certified' ? { status: 'certified', S: r.sStar.S, T: r.sStar.T.format(), distance: r.sStar.distance.format() } : r.sStar,
    sPlus: r.sPlus,
    meeting: r.points.filter((p) => p.status === 'meets').map((p) => p.S),
    undecided: r.points.filter((p) => p.status === 'undecided').map((p) => p.S),
    points: r.points.map((p) => ({ S: p.S, status: p.status, T: p.T.format() })),
    stoppedAt: r.stoppedAt,
  };
}
