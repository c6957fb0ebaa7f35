/** Entry of the bundled action (action/dist/index.mjs, built by `npm run build`). */
import { runAction } from './run.js';

process.exitCode = await runAction(process.env, process.stdout);
