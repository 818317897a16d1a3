-- Reads of events for the console: a company's events newest first (an order names its company, the engine's
-- answer names it for returns, payments and cancellations), and the ledger transactions one event caused (an
-- event's page lists its postings without reading the tenant's whole ledger).
CREATE INDEX events_company ON events (tenant_id, (COALESCE(payload->>'companyId', result->>'companyId')), id);

CREATE INDEX ledger_transactions_cause ON ledger_transactions (tenant_id, cause);
