// Writes packages/sdk/src/schema.ts, the API's types, from the OpenAPI document of an in-memory app;
// --check fails when the committed file is stale.
import { readFile, writeFile } from "node:fs/promises";
import { createApp, openEmbedded } from "@patron/server";
import openapiTS, { astToString } from "openapi-typescript";

const target = new URL("../packages/sdk/src/schema.ts", import.meta.url);

const db = await openEmbedded(null);
const doc = await (await createApp({ db, webDir: null }).request("/openapi.json")).text();
await db.close();

const header =
  "// The Patron API's types, generated from its OpenAPI document by `npm run sdk`. Do not edit by hand.\n\n";
const text = header + astToString(await openapiTS(doc, { alphabetize: false }));

if (process.argv.includes("--check")) {
  const current = await readFile(target, "utf8").catch(() => "");
  if (current !== text) {
    process.stderr.write("packages/sdk/src/schema.ts is out of date: run `npm run sdk` and commit it\n");
    process.exit(1);
  }
} else {
  await writeFile(target, text);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
