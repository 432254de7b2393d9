// The class worker when the harness runs from its TypeScript sources (the test
// suite): jiti compiles class-worker.ts on the fly, so threaded runs test the
// code under test, never a stale build.
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
const worker = await jiti.import('./class-worker.ts');

export default worker.default;
