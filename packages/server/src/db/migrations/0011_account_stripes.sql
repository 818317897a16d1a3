-- Balances of the program's own accounts (points issued, redeemed, expired; partner settlement), which every
-- order's transaction moves: kept in stripes, so that concurrent transactions add to different rows instead of
-- all waiting for one row's lock until they commit. An account's balance is its row's balance plus its stripes'.
-- These are the program's running totals, not anybody's points: no guard keeps them above zero. Wallets,
-- pending and hold accounts keep one row each, guarded by the CHECK of 0001.
CREATE TABLE account_stripes (
  tenant_id text NOT NULL,
  account_id text NOT NULL,
  stripe smallint NOT NULL,
  balance bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, account_id, stripe),
  FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
);
