// The engine's public surface: program definitions, evaluation of events, replay and economics. No I/O.

export * from "./actions.ts";
export * from "./campaigns.ts";
export * from "./compile.ts";
export * from "./conditions.ts";
export * from "./dates.ts";
export * from "./economics.ts";
export * from "./explain.ts";
export * from "./money.ts";
export * from "./pricing.ts";
export * from "./program/parse.ts";
export * from "./program/schema.ts";
export * from "./replay/history.ts";
export * from "./replay/input.ts";
export * from "./replay/replay.ts";
export * from "./returns.ts";
export * from "./tiers.ts";
export * from "./types.ts";
export * from "./wallet.ts";
