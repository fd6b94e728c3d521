/** Runs the CLI from source in a child process (tests spawn it with `node --conditions=source --import tsx`). */
import { main } from "../src/cli.js";

process.exitCode = await main(process.argv.slice(2));
