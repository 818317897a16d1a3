// Imports, exports and the demo tenant, for the CLI.

export * from "./contacts.ts";
export * from "./demo.ts";
export * from "./export.ts";
export * from "./service.ts";
