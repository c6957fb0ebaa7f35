import type { Reporter, TestModule } from 'vitest/node';
import { checkSystemTools } from './system-tools.js';

/**
 * Prints the plain closing line `N passed, N failed, N skipped` that any CI log reader understands,
 * and one line naming the system validators whose tests were skipped (with the install command).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: readonly TestModule[]): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of modules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    const { notice } = checkSystemTools(process.env);
    if (notice !== undefined) process.stdout.write(`note: ${notice}\n`);
  }
}
