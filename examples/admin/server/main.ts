/** `npm start`: seeds ./promptmeter.db on first run, then serves the demo admin app with Promptmeter mounted. */
import { parseArgs } from "node:util";
import { MOUNT, startDemo } from "./start-demo.js";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: process.env.PROMPTMETER_DB ?? "./promptmeter.db" },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    host: { type: "string", default: "127.0.0.1" },
    events: { type: "string", default: "200000" },
  },
});

const started = Date.now();
const demo = await startDemo({ db: values.db, port: Number(values.port), host: values.host, events: Number(values.events) });
console.log(
  `\nPromptmeter demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s over ${values.db}${demo.seeded ? " (seeded now)" : ""}`,
);
if (demo.ingestKey) console.log(`  ingest key (shown once): ${demo.ingestKey}`);
console.log(`  read key for this run:   ${demo.readKey}`);
console.log(
  `  send events:  curl -X POST ${demo.url}${MOUNT.slice(1)}/v1/events -H "Authorization: Bearer <ingest key>" -H "Content-Type: application/json" -d '{"events":[…]}'`,
);
console.log(`\n  Open ${demo.url}  (Ctrl-C to stop)\n`);

const stop = () => void demo.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
