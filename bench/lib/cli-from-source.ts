// The promptmeter CLI run from TypeScript source (when the build is unavailable or --from-source is given).
import { main } from "../../packages/server/src/cli.js";

process.exitCode = await main(process.argv.slice(2));
