import type { ModelFamily } from './family.js';
import { latency } from './latency/family.js';
import { serving } from './serving/family.js';
import { theorySimulation, theorySimulationPerType } from './theory-simulation/family.js';

/** Every built-in model family. Adding one is one folder and one line here. */
export const FAMILIES: readonly ModelFamily[] = [theorySimulation, theorySimulationPerType, latency, serving];
