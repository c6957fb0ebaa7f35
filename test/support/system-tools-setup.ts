/** vitest globalSetup: with STRONGHOLD_REQUIRE_VALIDATORS=1, a missing system validator fails the run. */
import { checkSystemTools } from './system-tools.js';

export default function setup(): void {
  const { error } = checkSystemTools(process.env);
  if (error !== undefined) throw new Error(error);
}
