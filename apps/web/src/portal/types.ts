// The portal's answers, as the server's OpenAPI document types them.
import type { Schemas } from "@patron/sdk";

export type PortalMe = Schemas["PortalSession"];
export type Wallet = Schemas["PortalWallet"];
export type Tier = Schemas["PortalTier"];
export type LedgerEntry = Schemas["PortalLedgerPage"]["data"][number];
export type PortalUser = Schemas["PortalUser"];
export type Invitation = Schemas["Invitation"];
export type Reward = Schemas["Reward"];
export type RewardOrder = Schemas["RewardOrder"];
export type PortalReferral = Schemas["PortalReferral"];
