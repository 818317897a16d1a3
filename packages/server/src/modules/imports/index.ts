// Imports, exports and the demo tenant, for the CLI.

export { importRewards, MAX_REWARD_IMPORT_LINES, type RewardImportResult } from "../rewards/import.ts";
export * from "./contacts.ts";
export * from "./demo.ts";
export * from "./export.ts";
export * from "./kinds.ts";
export * from "./records.ts";
export * from "./service.ts";
