// The Patron API's types, generated from its OpenAPI document by `npm run sdk`. Do not edit by hand.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health
         * @description 200 when the server answers and its database does.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Healthy */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                            /** @enum {string} */
                            database: "embedded" | "server";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description 200 when the database answers and every migration is applied; 503 otherwise.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ready */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready" | "unavailable";
                            /** @description Why the server cannot take traffic yet */
                            reason: string | null;
                        };
                    };
                };
                /** @description Not ready */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready" | "unavailable";
                            /** @description Why the server cannot take traffic yet */
                            reason: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bootstrap a tenant
         * @description Creates a tenant, its owner and an owner API key, returned once. Needs the deployment's bootstrap token as a bearer token; a deployment started without one accepts only its first tenant.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BootstrapTenant"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BootstrappedTenant"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description All of the tenant's keys, revoked ones included, oldest first. Owners and admins.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of keys */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key
         * @description The key's secret is in the answer once. Owners and admins; only an owner can create an owner key.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateApiKey"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NewApiKey"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description The key stops working at once. Revoking a revoked key changes nothing. Only an owner can revoke an owner key, and never the last one. Give the reason in X-Audit-Comment.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The revoked key */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKey"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List console users
         * @description Oldest first. Owners and admins.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of users */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a console user
         * @description Emails are unique within a tenant, whatever their case. Owners and admins; only an owner can create an owner.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateUser"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log
         * @description Every change made through the API, with its comment, newest first. Owners, admins and finance.
         */
        get: {
            parameters: {
                query?: {
                    actor?: string;
                    action?: string;
                    /** @description From this instant, included. */
                    from?: string;
                    /** @description Up to this instant, excluded. */
                    to?: string;
                    limit?: number;
                    /** @description The `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List drafts and versions
         * @description Drafts first, then versions from the newest, with their status, effective dates, and who made and published them.
         */
        get: {
            parameters: {
                query?: {
                    status?: "draft" | "published" | "retired";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProgramVersionList"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Publish a program version
         * @description Validates a definition (YAML or JSON, as text) and publishes it as the next version, effective from its `effectiveFrom` (or `startsOn`).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        definition: string;
                        /** @description Why the change is made; kept in the audit log. */
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Published */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublishedProgram"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The events taken in
         * @description Orders, returns, payments and cancellations newest first, filtered by company, type, the event's day (`from`, `to`, inclusive) and an order's status; pass `nextCursor` back as `cursor` for older ones.
         */
        get: {
            parameters: {
                query?: {
                    companyId?: string;
                    type?: "order" | "return" | "payment" | "cancellation";
                    status?: "pending" | "available" | "cancelled";
                    from?: string;
                    to?: string;
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Send an order, a return, a payment or a cancellation
         * @description Each event is taken once per (source, order id) or (source, external id): sending it again changes nothing and answers as the first time (`replayed: true`); sent again with other content under the same id, it is a 409 naming the id's field. A payment sets the day the order's pending points become available; a cancellation, before payment and before the points are available, voids them and gives back points the order spent (after that, send a return); an order with `replaces` is an edit: the replaced order is cancelled and the new one taken, together.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            responses: {
                /** @description Seen before: nothing changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IngestedEvent"];
                    };
                };
                /** @description Taken in */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IngestedEvent"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send up to 1,000 events at once
         * @description Events are taken in the order given, each exactly as `POST /v1/events` would take it and idempotent in the same way; each is all-or-nothing, and one refused event does not stop the others. The answer lists, per event, its result or its own error, whose `field` names it in this body (`events[17].lines[0].quantity`). Only a malformed envelope (no `events` array, more than 1,000 events) or a NUL character (`\u0000`, which no text can store) anywhere in it refuses the whole request.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EventBatch"];
                };
            };
            responses: {
                /** @description Each event's result or error */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventBatchResult"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Price a cart
         * @description What an order would cost and earn now: line prices, discounts, the points it may spend (`pointsToRedeem` asks) and will earn, each explained. Changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            responses: {
                /** @description The cart as the engine prices it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Quote"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An event and what it did
         * @description The event as sent, the engine's answer with each explanation in words (`locale`: en, ru or uk), the order's points still pending, and the ledger postings it caused (with its order's maturation).
         */
        get: {
            parameters: {
                query?: {
                    locale?: "en" | "ru" | "uk";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The event */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EventDetail"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member's points
         * @description Available, pending and held points, any debt, and the points that expire on each of the next dates.
         */
        get: {
            parameters: {
                query?: {
                    expiringDates?: number | null;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The wallet */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Wallet"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member's ledger history
         * @description Postings of the member's wallet, pending and hold accounts, newest first, each with its transaction's kind, what caused it and the wallet's balance after it. Pass `nextCursor` back as `cursor` for older ones.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LedgerPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/tier": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member's tier and progress
         * @description The current tier and since when, the window of the next evaluation and what counts in it so far, the next level with what is missing and by which day, and what keeps the current level. `date` (default today, in the program's time zone) asks as of another day.
         */
        get: {
            parameters: {
                query?: {
                    date?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tier */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TierStatus"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member's holds
         * @description Newest first, of one status when given. A sales manager sees only the holds of own clients (another member answers 404).
         */
        get: {
            parameters: {
                query: {
                    /** @description The member (company) whose holds to list. */
                    memberId: string;
                    status?: "held" | "captured" | "cancelled" | "expired";
                    limit?: number;
                    /** @description The `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of holds */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HoldPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Hold points for a cart
         * @description Moves `points` from the member's wallet to its hold until the order captures them (an order event or POST /v1/redemptions/{id}/capture with `holdId`), the hold is cancelled, or it expires (`expiresInMinutes`, default 30). Held points cannot be spent by anyone else. All or nothing: fewer points available than asked is 409 insufficient_points; more than the cart may spend is 422.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["HoldRequest"];
                };
            };
            responses: {
                /** @description Held */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Hold"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A hold */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The hold */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Hold"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions/{id}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture a hold with its order
         * @description Takes the order in (as POST /v1/events with `holdId`): in one transaction the held points return to the wallet and the order spends them, `pointsToRedeem` defaulting to the held points. A hold can be captured while it is held, until it is cancelled or the expiry job releases it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CaptureOrder"];
                };
            };
            responses: {
                /** @description The order was seen before */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            hold: components["schemas"]["Hold"];
                            order: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Captured */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CapturedHold"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a hold
         * @description Gives the held points back to the wallet, in lots with their own grant and expiry days. Only a held hold can be cancelled (409 otherwise). Give the reason in X-Audit-Comment.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Cancelled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Hold"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/drafts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Save a draft
         * @description Stores the text as a draft with its author and comment, even when it does not validate; the answer lists its issues with path, line and column.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProgramDraft"];
                };
            };
            responses: {
                /** @description Saved */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProgramVersionDetail"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/drafts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Edit a draft
         * @description Replaces the draft's text; answers its issues. A published version cannot be edited.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProgramDraft"];
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProgramVersionDetail"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/drafts/{id}/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Validate a draft
         * @description Every issue of the draft's text, with path, line and column. Changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The draft's issues */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProgramValidation"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/drafts/{id}/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate a draft over the tenant's history
         * @description Replays the stored orders and returns (in day order, within from/to, at most `limit` events) through the draft and through the published versions, as `patron simulate` does, and answers both totals, members per level and the difference. Changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SimulateDraft"];
                };
            };
            responses: {
                /** @description The simulation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Simulation"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/drafts/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a draft
         * @description The draft becomes the next version, in force for events dated from `effectiveFrom`. Its definition must validate; the date must not be before the latest version's. A version effective the same day is retired.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PublishDraft"];
                };
            };
            responses: {
                /** @description Published */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProgramVersionDetail"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roll back to an earlier version
         * @description Publishes an earlier version's definition again, as a new version effective from `effectiveFrom` (the version in force before the latest one, unless `toVersion` names another). Nothing published before changes.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RollbackProgram"];
                };
            };
            responses: {
                /** @description Published */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProgramVersionDetail"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a version or a draft
         * @description By version number, or a draft by its id: the text as written and the parsed definition.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    version: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProgramVersionDetail"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the tenant's settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Settings"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Change the tenant's settings
         * @description Owners, admins and finance. Audited with the comment.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PutSettings"];
                };
            };
            responses: {
                /** @description The settings now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Settings"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Adjust a member's points
         * @description Credits or debits points with a reason. Within the tenant's `adjustmentApprovalThreshold` it is posted at once; above it, it waits as `pending_approval`, with nothing posted, until another person approves it. A debit never takes a balance below zero unless the program allows debt.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RequestAdjustment"];
                };
            };
            responses: {
                /** @description Posted, or waiting for approval */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Adjustment"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjustments/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve an adjustment
         * @description Posts a pending adjustment, once. Owners, admins and finance; never the person who requested it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AdjustmentDecision"];
                };
            };
            responses: {
                /** @description Posted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Adjustment"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjustments/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject an adjustment
         * @description Closes a pending adjustment with nothing posted. Owners, admins and finance; never the person who requested it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AdjustmentDecision"];
                };
            };
            responses: {
                /** @description Rejected */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Adjustment"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List adjustments
         * @description Newest first, filtered by status or member.
         */
        get: {
            parameters: {
                query?: {
                    status?: "pending_approval" | "posted" | "rejected";
                    memberId?: string;
                    limit?: number;
                    /** @description The `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of adjustments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdjustmentPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/companies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find companies
         * @description In id order, companies made by their first order included. `q` matches the start of the name, id or tax id in any case; the other filters match exactly.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A prefix of the name, id or tax id, in any case. */
                    q?: string;
                    segment?: string;
                    region?: string;
                    tier?: string;
                    /** @description Subsidiaries of this company. */
                    parentId?: string;
                    salesRepId?: string;
                    limit?: number;
                    /** @description The `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of companies */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CompanyPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create or change a company
         * @description Creates a company (201), or changes the one with the given id (200): fields left out keep their value, null clears one. A sales manager's new clients are their own.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateCompany"];
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Company"];
                    };
                };
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Company"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/companies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A company
         * @description With its direct subsidiaries, tier and wallet.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The company */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CompanyDetail"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a company
         * @description Fields left out keep their value; null clears one.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PatchCompany"];
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Company"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Segments
         * @description The distinct segments of the companies, with how many companies each has.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The segments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Segments"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/companies/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A company's contacts
         * @description In id order; active ones only unless includeInactive=true.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Also list deactivated and erased contacts. */
                    includeInactive?: "true" | "false";
                    limit?: number;
                    /** @description The `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of contacts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ContactPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add or change a contact
         * @description Creates a contact of the company (201), or changes the company's contact with the given id (200).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateContact"];
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Contact"];
                    };
                };
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Contact"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A contact */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The contact */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Contact"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Deactivate a contact
         * @description The contact can no longer act in the portal; it stays, with what names it. Give the reason in X-Audit-Comment.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The deactivated contact */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Contact"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a contact
         * @description Fields left out keep their value. An erased contact cannot be changed (409).
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PatchContact"];
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Contact"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/contacts/{id}/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase a contact's personal data
         * @description Name, email and phone become pseudonyms and are overwritten in earlier audit entries and stored answers; the id stays, so the ledger and orders keep their entries. Cannot be undone. Owners and admins.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["Erase"];
                };
            };
            responses: {
                /** @description Erased */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErasedContact"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/companies/{id}/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase the personal data of a company's contacts
         * @description Erases every contact of the company as POST /contacts/{id}/erase does, and deletes the notes on the company (they may name people). Owners and admins.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["Erase"];
                };
            };
            responses: {
                /** @description Erased */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErasedCompanyContacts"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/companies/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A company's notes
         * @description Newest first.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of notes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotePage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a note on a company
         * @description Staff who may change the company; a sales manager only on own clients. Notes are never changed.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateNote"];
                };
            };
            responses: {
                /** @description Added */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Note"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description Checks a console user's password and sets the `patron_session` cookie (HttpOnly, SameSite=Strict, Secure over HTTPS) for 12 hours. Every wrong organisation, email or password gets the same 401; 5 failures for one email, or 30 from one address, within 15 minutes get 429 until the window passes. Browsers send X-Patron-CSRF: 1 with it, as with every change made with the cookie.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any value; required with a session cookie on every call that changes something. */
                    "x-patron-csrf"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SignIn"];
                };
            };
            responses: {
                /** @description Signed in */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CurrentSession"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who am I
         * @description The person signed in with the session cookie, or the role of the API key sent.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The current principal */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CurrentSession"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Sign out
         * @description Ends the session the cookie carries and clears the cookie; without a live session it changes nothing. Needs X-Patron-CSRF.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any value; required with a session cookie on every call that changes something. */
                    "x-patron-csrf"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a user's password
         * @description People set their own, giving `currentPassword` once they have one; owners and admins set the first password of a user, or reset one, for roles they may grant. The user's other sessions end.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SetPassword"];
                };
            };
            responses: {
                /** @description The user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionUser"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}/invite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite a contact to the portal
         * @description A one-time link, valid 7 days, with which the contact sets a password; earlier links of the contact stop working. Staff who may change contacts invite any within their reach; a company admin signed in to the portal invites the company's own. Outside production the answer carries the link.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Invited */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Invitation"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/accept-invite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation
         * @description Sets the contact's password with the token of an invitation link, once, and signs the contact in to the portal (the `patron_session` cookie). Any unknown, used or expired token gets the same 401.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any value; required with a session cookie on every call that changes something. */
                    "x-patron-csrf"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description The organisation's id.
                         * @example acme
                         */
                        tenant: string;
                        token: string;
                        /** @description At least 12 characters. Stored as a salted scrypt hash. */
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Signed in */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalSession"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in to the portal
         * @description Checks a contact's password and sets the `patron_session` cookie for 12 hours, as console sign-in does; the session reaches only the portal's routes. Wrong details get one 401; repeated failures 429.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any value; required with a session cookie on every call that changes something. */
                    "x-patron-csrf"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description The organisation's id.
                         * @example acme
                         */
                        tenant: string;
                        /** Format: email */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Signed in */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalSession"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in to the portal */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The contact and company */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalSession"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The company's points
         * @description Available, pending and held points, any debt, and points expiring on the next dates.
         */
        get: {
            parameters: {
                query?: {
                    expiringDates?: number | null;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The wallet */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalWallet"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The company's points history
         * @description The company's ledger entries, newest first; pass `nextCursor` back as `cursor`.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalLedgerPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The company's redemptions at partners
         * @description Points the company's buyers held and spent at coalition partners, newest first, with the partner's name and the points' money value; pass `nextCursor` back as `cursor`.
         */
        get: {
            parameters: {
                query?: {
                    status?: "held" | "captured" | "cancelled" | "expired";
                    limit?: number;
                    /** @description The `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of redemptions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalPartnerRedemptions"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/tier": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The company's tier and progress
         * @description The tier, the progress to the next one, what keeps the current one, and every level with its earn rate and benefits.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tier */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalTier"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The company's portal users
         * @description For a company admin: the company's active contacts, their roles, and who can sign in.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The users */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalUsers"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a user of the company and invite them
         * @description For a company admin: a new contact of the own company with a role, invited at once (see `POST /v1/contacts/{id}/invite`).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewPortalUser"];
                };
            };
            responses: {
                /** @description Added and invited */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["PortalUser"];
                            invitation: components["schemas"]["Invitation"];
                        };
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The home dashboard
         * @description Members, active members, orders and revenue, points issued, spent and expired, the outstanding liability and the tier mix, with the same per day, week or month. Read from the rollups, which are first brought up to date. `format=csv` or `format=1c` gives a file (columns in docs/metrics.md#dashboard-csv). Owners, admins, program managers and finance.
         */
        get: {
            parameters: {
                query?: {
                    /** @description First day, included; 89 days before `to` when absent. */
                    from?: string;
                    /** @description Last day, included; the tenant's today when absent. */
                    to?: string;
                    /** @description Chart points; by the period's length when absent. */
                    interval?: "day" | "week" | "month";
                    /** @description json, csv, or 1c (semicolons, decimal commas, dd.mm.yyyy, UTF-8 with BOM) */
                    format?: "json" | "csv" | "1c";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The dashboard */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Dashboard"];
                        "text/csv": string;
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The program's metrics
         * @description CRR, RPR, churn, frequency, AOV, revenue and margin per member, LTV, redemption rate, breakage, points, liability, program cost and ROI over a period, for participants and the hold-out group side by side, with the lift of participants and its 95% interval. Each figure links to its definition in docs/metrics.md. Owners, admins, program managers and finance.
         */
        get: {
            parameters: {
                query?: {
                    /** @description First day, included; 89 days before `to` when absent. */
                    from?: string;
                    /** @description Last day, included; the tenant's today when absent. */
                    to?: string;
                    segment?: string;
                    tier?: string;
                    region?: string;
                    version?: number;
                    /** @description json, or a CSV file of the metrics and the lift (csv, or 1c) */
                    format?: "json" | "csv" | "1c";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The metrics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Metrics"];
                        "text/csv": string;
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/holdout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the hold-out share */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The share */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Holdout"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Set the hold-out share
         * @description Keeps a random but stable share of companies (by a hash of tenant and company id) out of the program: their orders are tracked but earn nothing from then on. Owners, admins and program managers; audited.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PutHoldout"];
                };
            };
            responses: {
                /** @description The share now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Holdout"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/finance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The points liability of a period, for accounting
         * @description Opening, issued, spent, expired, reversed and closing liability in points and in the program's currency, in total, per program version and per tier, read from the finance rollup of the ledger's postings (and the postings since its watermark): opening + issued − spent − expired − reversed = closing on every row, and `ledger.agrees` says all movements ever add up to the accounts' balances. The current month by default. `format=csv` or `format=1c` gives a file (columns in docs/metrics.md#finance-csv). Owners, admins, program managers and finance.
         */
        get: {
            parameters: {
                query?: {
                    /** @description First day, included. */
                    from?: string;
                    /** @description Last day, included; the tenant's today when absent. */
                    to?: string;
                    /** @description json, csv, or 1c (semicolons, decimal commas, dd.mm.yyyy, UTF-8 with BOM) */
                    format?: "json" | "csv" | "1c";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The finance report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FinanceReport"];
                        "text/csv": string;
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/cohorts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retention by joining month and by tier
         * @description Companies grouped by the month they joined (or, without a join date, first ordered), with the share of each cohort that ordered in each month after: a triangle. And the same per current tier. Months of `from` to `to` (the last 12 by default); read from the rollups. Owners, admins, program managers and finance.
         */
        get: {
            parameters: {
                query?: {
                    /** @description First day, included. */
                    from?: string;
                    /** @description Last day, included; the tenant's today when absent. */
                    to?: string;
                    /** @description json, csv, or 1c (semicolons, decimal commas, dd.mm.yyyy, UTF-8 with BOM) */
                    format?: "json" | "csv" | "1c";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The cohorts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cohorts"];
                        "text/csv": string;
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/nps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * NPS per segment or tier, month by month
         * @description Every survey's answers: responses, promoters (9-10), passives (7-8), detractors (0-6) and NPS (% promoters − % detractors) per month, for each segment or tier the company had when it answered. The last 365 days by default. Owners, admins, program managers and finance.
         */
        get: {
            parameters: {
                query?: {
                    /** @description First day, included. */
                    from?: string;
                    /** @description Last day, included; the tenant's today when absent. */
                    to?: string;
                    /** @description json, csv, or 1c (semicolons, decimal commas, dd.mm.yyyy, UTF-8 with BOM) */
                    format?: "json" | "csv" | "1c";
                    groupBy?: "none" | "segment" | "tier";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description NPS over time */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NpsReport"];
                        "text/csv": string;
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/share-of-wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Share of wallet per company and per segment
         * @description Clients' purchases of a category from every supplier (entered on the company page or imported) whose days lie in the period, against our sales of the category to them over the same days; per company and category and per segment and category. The last 365 days by default. Analytics readers; a sales manager sees only their own clients, and the segments add up only those.
         */
        get: {
            parameters: {
                query?: {
                    /** @description First day, included. */
                    from?: string;
                    /** @description Last day, included; the tenant's today when absent. */
                    to?: string;
                    /** @description json, csv, or 1c (semicolons, decimal commas, dd.mm.yyyy, UTF-8 with BOM) */
                    format?: "json" | "csv" | "1c";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Share of wallet */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShareOfWallet"];
                        "text/csv": string;
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/companies/{id}/category-purchases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A company's category purchases and share of wallet
         * @description The figures entered or imported for the company, newest first, each with our sales of the category over its days and the share. A sales manager reads only their own clients (others answer 404).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The figures */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CategoryPurchases"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Enter a company's purchases of a category
         * @description What the client bought of `category` from every supplier between `from` and `to`; entering the same category and `from` again replaces it. Owners, admins, program managers, and sales managers for their own clients; audited.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PutCategoryPurchase"];
                };
            };
            responses: {
                /** @description The company's figures now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["CategoryPurchase"][];
                        };
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/share-of-wallet/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import clients' category purchases
         * @description Up to 1000 figures (company, category, from, to, total) in one all-or-nothing request; a bad row is named by its field (`rows[3].total`). The console reads them from a CSV file with the columns company_id, category, from, to, total. Owners, admins, program managers, and sales managers for their own clients; audited.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ImportCategoryPurchases"];
                };
            };
            responses: {
                /** @description How many figures were written */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportedPurchases"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook endpoints */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The endpoints */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpointList"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a webhook endpoint
         * @description Messages of the chosen event types are POSTed to the URL, signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). The secret is in this answer only.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateWebhookEndpoint"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook endpoint */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The endpoint */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description Nothing more is sent to it; its deliveries stay in the log. Give the reason in X-Audit-Comment.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {boolean} */
                            deleted: true;
                        };
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint
         * @description URL, description, event types, or status: `enabled` turns a disabled endpoint back on (its failure count cleared), `disabled` stops sending (waiting deliveries fail; replay them later).
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateWebhookEndpoint"];
                };
            };
            responses: {
                /** @description The endpoint now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/webhooks/endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an endpoint's secret
         * @description A new secret, in this answer only. During the overlap every message carries two signatures (new and previous) in webhook-signature, so the receiver can switch secrets without missing a message.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["RotateWebhookSecret"];
                };
            };
            responses: {
                /** @description The endpoint with its new secret */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The delivery log
         * @description Newest first: each message sent to each endpoint, its status, attempts and last answer.
         */
        get: {
            parameters: {
                query?: {
                    endpointId?: string;
                    messageId?: string;
                    status?: "pending" | "succeeded" | "failed";
                    limit?: number;
                    /** @description The `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of deliveries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDeliveryPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A delivery with its attempts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The delivery */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDeliveryDetail"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/deliveries/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again
         * @description A new delivery of the same message (same webhook-id) to the same endpoint, sent at once.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ReplayWebhookDelivery"];
                };
            };
            responses: {
                /** @description The new delivery */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDelivery"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The messages (outbox)
         * @description Everything the tenant's webhooks said or will say, newest first.
         */
        get: {
            parameters: {
                query?: {
                    type?: "points.earned" | "points.spent" | "points.reversed" | "points.expired" | "tier.changed" | "member.created" | "adjustment.applied" | "hold.created" | "hold.cancelled" | "hold.expired" | "redemption.captured" | "reward_order.status_changed" | "endpoint.disabled" | "campaign.started" | "campaign.ended";
                    limit?: number;
                    /** @description The `nextCursor` of the previous page. */
                    cursor?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of messages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookMessagePage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/messages/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a message again
         * @description New deliveries of the message to every enabled endpoint subscribed to its type, or to `endpointId` only.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ReplayWebhookMessage"];
                };
            };
            responses: {
                /** @description The new deliveries */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDeliveryList"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the notification settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationSettings"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Change the notification settings
         * @description Which triggers are on and their parameters, quiet hours (local time of the program), the most e-mails a contact gets in 24 hours (more wait, none is dropped), the default language and sender. A trigger turned on announces what happens from then on. Owners, admins and program managers; audited.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PutNotificationSettings"];
                };
            };
            responses: {
                /** @description The settings now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationSettings"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every trigger's template in every language */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The templates */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationTemplates"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/templates/{trigger}/{language}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change a template
         * @description Subject, plain text and HTML with `{{variable}}` placeholders (the template lists its variables; values are escaped in HTML). `reset: true` goes back to the built-in wording. Program managers; audited.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    trigger: "welcome" | "pointsEarned" | "pointsExpiring" | "tierUp" | "tierAtRisk" | "rewardOrder" | "inactivity" | "birthday" | "anniversary" | "survey" | "campaign";
                    language: "en" | "ru" | "uk";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PutNotificationTemplate"];
                };
            };
            responses: {
                /** @description The template now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationTemplate"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/templates/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Render a template with sample data
         * @description The given wording (or the template in use) filled with sample values; changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NotificationPreviewRequest"];
                };
            };
            responses: {
                /** @description The rendered message */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationPreview"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What was sent, is waiting or was skipped
         * @description Newest first; pass `nextCursor` back as `cursor`.
         */
        get: {
            parameters: {
                query?: {
                    memberId?: string;
                    contactId?: string;
                    channel?: "email" | "portal";
                    status?: "scheduled" | "sent" | "skipped" | "failed";
                    trigger?: "welcome" | "pointsEarned" | "pointsExpiring" | "tierUp" | "tierAtRisk" | "rewardOrder" | "inactivity" | "birthday" | "anniversary" | "survey" | "campaign";
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/email/bounces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Addresses that bounced */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The bounces */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EmailBounces"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Record a bounced address
         * @description From the mail provider's bounce or complaint report: the address gets no more e-mail. Refusals by the SMTP server (5xx) are recorded by the server itself.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewEmailBounce"];
                };
            };
            responses: {
                /** @description Recorded */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EmailBounce"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/email/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unsubscribe by a message's signed link
         * @description The token of an e-mail's unsubscribe link: the contact gets no more e-mail of the link's category. Needs no sign-in; the token is signed by the server.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Unsubscribe"];
                };
            };
            responses: {
                /** @description Unsubscribed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Unsubscribed"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}/communication": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A contact's language, birthday and unsubscribed categories */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The profile */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CommunicationProfile"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Change a contact's language, birthday or unsubscribed categories
         * @description Fields left out stay as they are. Audited (the birthday only as set or not).
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PutCommunicationProfile"];
                };
            };
            responses: {
                /** @description The profile now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CommunicationProfile"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in contact's messages
         * @description Newest first, with the number unread; pass `nextCursor` back as `cursor`.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                    unread?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The messages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalInbox"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/messages/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a message read */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                    /** @description Any value; required with a session cookie on every call that changes something. */
                    "x-patron-csrf"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Read */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalMessageRead"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/messages/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark every message read */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                    /** @description Any value; required with a session cookie on every call that changes something. */
                    "x-patron-csrf"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Read */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalMessagesRead"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in contact's language, birthday and e-mail categories turned off */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The preferences */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CommunicationProfile"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Change the signed-in contact's preferences
         * @description Fields left out stay as they are.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                    /** @description Any value; required with a session cookie on every call that changes something. */
                    "x-patron-csrf"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PutCommunicationProfile"];
                };
            };
            responses: {
                /** @description The preferences now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CommunicationProfile"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/surveys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The surveys */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The surveys */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Surveys"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Make a survey
         * @description An NPS question (0-10) with room for a comment, asked of the contacts of the given roles and circles (all when empty) after each order (`afterOrder`) or every `everyDays` days (`schedule`), by e-mail and in the portal. `points` are credited to the company for an answer. Program managers; audited.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewSurvey"];
                };
            };
            responses: {
                /** @description Made */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Survey"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/surveys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a survey (or stop it) */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PatchSurvey"];
                };
            };
            responses: {
                /** @description The survey now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Survey"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/surveys/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * NPS of a survey, per period and segment or tier
         * @description Promoters answer 9-10, passives 7-8, detractors 0-6; NPS is % promoters − % detractors. Group by the company's `segment` or `tier` when it answered, over `month`s, `week`s or `all` the period. `all` as the id reads every survey together.
         */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    groupBy?: "none" | "segment" | "tier";
                    interval?: "all" | "month" | "week";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The results */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SurveyResults"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/surveys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in contact's unanswered surveys */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The surveys */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalSurveys"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/surveys/{id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer a survey
         * @description Once per survey request; points the survey gives go to the company's wallet.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                    "x-patron-csrf"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PortalSurveyAnswer"];
                };
            };
            responses: {
                /** @description Answered */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SurveyAnswer"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/survey-links/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The survey an e-mail's signed link asks
         * @description Needs no sign-in: the token is signed by the server. A POST so that the token stays out of logs.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SurveyLink"];
                };
            };
            responses: {
                /** @description The survey */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SurveyLinkSurvey"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/survey-links/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer a survey by an e-mail's signed link
         * @description Needs no sign-in: the token is signed by the server. Once per link (a second answer is a conflict), so it takes no Idempotency-Key.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SurveyLinkAnswer"];
                };
            };
            responses: {
                /** @description Answered */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SurveyAnswer"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/code-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Code batches, newest first, with their usage */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The batches */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CodeBatchList"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a code batch
         * @description A shared batch has one `code`; a unique batch gets `count` random codes of `length` symbols from 23456789ABCDEFGHJKMNPQRSTUVWXYZ (no 0/O/1/I/L), drawn by the operating system's generator, and may import more. The benefit is the program's `code` discount named by `discountId` (a discount of any version of the program, a draft that validates included; another is refused naming `discountId`); the batch limits who may use it, when and how often.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CodeBatchRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CodeBatch"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/code-batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A code batch with its usage */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The batch */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CodeBatch"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Turn a code batch off or on
         * @description A disabled batch's codes answer as unknown codes; orders already taken keep their discount.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CodeBatchChange"];
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CodeBatch"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/code-batches/{id}/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import codes into a unique batch
         * @description CSV text whose first column holds the codes (a `code` header line is skipped); 4 to 64 letters, digits and dashes each, up to 1,000,000 characters a request. All or nothing: a code that exists already is 409 naming it, a malformed one 422 naming its line (`csv:<line>`).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CodeImport"];
                };
            };
            responses: {
                /** @description Imported */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CodeImportResult"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/code-batches/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a batch's codes as CSV
         * @description `code,uses` per line, in code order.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The codes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/codes/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a code for a cart
         * @description Whether a code would give its discount to this company's cart now, or why not (`reason`). Changes nothing but the guard's count: unknown codes (and codes of a disabled batch, which answer the same) count against the API key and the company, and after 20 in 10 minutes either gets 429. Codes that no batch holds are checked as the program's own (referral codes, codes written in the program).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CodeCheckRequest"];
                };
            };
            responses: {
                /** @description The answer */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CodeCheck"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a kind of the tenant's data as CSV
         * @description Streamed page by page. `companies`, `contacts` and `orders` in the formats `patron import` reads; `ledger`: every posting with its transaction; `rewards`: the catalog, lists separated by `|`, as `POST /v1/rewards/import` and `patron import rewards` read it; `wallets`: each company's available, pending and held points, debt, tier, next expiry and every expiry as `date:points`; `reward-orders`: every order of a reward with its status; `webhook-deliveries`: the delivery log (attempts, last status code and error); `survey-answers`: every answer with its score, text, segment and tier; `audit`: the audit log with each object before and after as JSON (owner, admin and finance only). Promo codes, campaign results and the partners' settlement have exports of their own (`/v1/code-batches/{id}/export`, `/v1/campaigns/{id}/export`, `/v1/partners/settlement/export`).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    kind: "companies" | "contacts" | "orders" | "ledger" | "rewards" | "wallets" | "reward-orders" | "webhook-deliveries" | "survey-answers" | "audit";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import orders and returns from a CSV file
         * @description The body is the file itself (`Content-Type: text/csv`), in the orders format `patron import orders` reads and `GET /v1/exports/orders` writes, one row per order line. The file is checked whole first: every problem (up to 20 listed) is refused naming its line and column (`line 3, quantity: ...`), and nothing is written. Its orders and returns then go in as `patron import orders` takes them: in date order, priced by the published program, the day's jobs (maturing, expiry, tier setting, credits) run before each day, all in one transaction, so an event the server refuses (a return of an order it does not know, or of more than was bought) is refused naming its line, with nothing written. Each order is taken once by (source, order id) and each return by (source, `return:<order id>:<n>`), its n-th return in the file: a file sent again, or imported before by `patron import orders` with the same source, changes nothing and answers with every event seen. At most 20000 lines and 5 MiB a request.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Where the orders come from; `import`, as for `patron import orders`, by default */
                    source?: string;
                };
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "text/csv": string;
                };
            };
            responses: {
                /** @description Imported */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OrderImportResult"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import companies or contacts from a CSV file
         * @description The body is the file itself (`Content-Type: text/csv`), in the format `patron import` reads and `GET /v1/exports/{kind}` writes. All or nothing: the whole file is checked first and every problem is refused naming its line and column (`line 3, joined_on: ...`), with nothing written. A company or contact already there takes the file's values. Sending a file imported before (the same bytes, by the API or the CLI) changes nothing and answers with every row skipped. At most 20000 rows and 5 MiB a request.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    kind: "companies" | "contacts";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "text/csv": string;
                };
            };
            responses: {
                /** @description Imported */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportResult"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reward catalog */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The rewards */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RewardList"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Add a reward to the catalog */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RewardRequest"];
                };
            };
            responses: {
                /** @description Added */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reward"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import the reward catalog from CSV
         * @description The columns `GET /v1/exports/rewards` writes (`name`, `kind` and `price_points` required; `tiers` and `roles` separated by `|`). A line with a `reward_id` changes that reward, one without adds a reward. All or nothing, at most 5000 lines: a bad line is refused naming its line and column (`line 3, price_points: ...`), and nothing is written.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RewardImportRequest"];
                };
            };
            responses: {
                /** @description Imported */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RewardImport"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reward */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The reward */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reward"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a reward
         * @description Fields not given stay. `stock` replaces the count left; orders already placed keep theirs.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RewardChange"];
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reward"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/reward-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reward orders, newest first */
        get: {
            parameters: {
                query?: {
                    status?: "requested" | "awaiting_owner" | "approved" | "shipped" | "delivered" | "rejected" | "cancelled";
                    limit?: number;
                    companyId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The orders */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RewardOrderList"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reward-orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reward order with its history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The order */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RewardOrder"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reward-orders/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve, ship, deliver or reject a reward order
         * @description `approved` from awaiting_owner (the program owner's approval); `shipped` from approved captures the held points; `delivered` from shipped; `rejected` from any open status gives the points and the stock back. Any other move is 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RewardOrderMove"];
                };
            };
            responses: {
                /** @description Moved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RewardOrder"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/rewards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The rewards the contact may order
         * @description Active rewards open to the company's tier and the contact's role.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The catalog */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalRewardList"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/reward-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The company's reward orders
         * @description A company admin sees all the company's orders; a buyer their own.
         */
        get: {
            parameters: {
                query?: {
                    status?: "requested" | "awaiting_owner" | "approved" | "shipped" | "delivered" | "rejected" | "cancelled";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The orders */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RewardOrderList"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Order a reward
         * @description Holds the reward's points from the company's wallet at once (409 insufficient_points when fewer are available) and takes the stock (409 when too few are left). A buyer's order waits for the company's admin when the reward asks for it, then for the program owner when the reward asks for that.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RewardOrderRequest"];
                };
            };
            responses: {
                /** @description Ordered */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RewardOrder"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/reward-orders/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve, reject or cancel a reward order
         * @description The company's admin approves or rejects a buyer's requested order; the admin, or the buyer who ordered, cancels an order not yet shipped. A buyer who tries to approve gets 403. Rejected and cancelled orders give their points and stock back.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PortalRewardOrderMove"];
                };
            };
            responses: {
                /** @description Moved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RewardOrder"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/referral": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The company's referral code and link
         * @description 404 when the program has no referral discount.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The code */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalReferral"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/referral/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply the referral code of the link the company came with
         * @description The portal sends the `ref` of a referral link here after sign-in. The company's first order that brings no code of its own is priced with it. 422 for a code that names nobody, the company itself or a related company; 409 once the company has ordered.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReferralApply"];
                };
            };
            responses: {
                /** @description Kept for the first order */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReferralApplied"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sales campaigns, newest first
         * @description A sales manager sees the campaigns they take part in.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The campaigns */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignList"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a sales campaign (a draft)
         * @description A draft with its period, what scores, targets, prizes and participants. Nothing scores until it is started. Staff prizes are recorded (`prize`), dealer prizes may also pay points.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CampaignRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sales campaign's setup and participants */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The campaign */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a draft campaign
         * @description Only a draft changes; `participants`, when given, replace the list.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["CampaignChange"];
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/campaigns/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a draft campaign
         * @description Orders of its period received from now on score for its participants; sends the webhook `campaign.started` and, when the notification is on, tells contact participants.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a campaign after its last day
         * @description The totals are summed again from the scored sales, the prizes awarded (a dealer's prize points posted to the winner's wallet), `campaign.ended` sent and, when the notification is on, contact participants told their final place. Refused (409) before the day after endsOn; the campaigns job closes a campaign the day after endsOn when no one has.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}/notify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send contact participants their standings
         * @description When the `campaign` notification is on, each contact participant of a running dealer campaign (or each contact of a company participant) gets their place and score; at most once a day per campaign.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Sent */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignNotified"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}/copy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Copy a campaign's setup to a new period
         * @description A new draft with the same scoring, targets, prizes, milestones, participants and teams; scores start at zero.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CampaignCopy"];
                };
            };
            responses: {
                /** @description Copied */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Campaign"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}/leaderboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A campaign's live leaderboard
         * @description Individuals and teams ranked by score (equal scores share a place), from the totals kept as orders arrive; `limit` caps the individuals listed (the caller's own standing is in `me` either way).
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The leaderboard */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignLeaderboard"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The sales campaigns the contact takes part in, with its standing
         * @description Started campaigns (running or ended) in which the signed-in contact, or its company, is a participant; newest first.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The campaigns */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalCampaigns"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A campaign's board as a participating contact sees it
         * @description The first places and the contact's own standing; 404 for a campaign the contact (and its company) takes no part in.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The board */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalCampaignBoard"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A campaign's report: sales against plan, teams, prizes
         * @description Live while it runs; final once it is closed (with the prizes awarded).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CampaignReport"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A campaign's report as CSV
         * @description One line per participant in rank order: rank, participant, name, team, sales, amount, margin, quantity, newClients, score, target, progressPercent, reachedTarget, prizes, points.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/widget/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mint a widget token for a buyer
         * @description Called by the shop's backend with its API key when a buyer signs in: a read-only token for one company (and contact), valid 15 minutes unless asked otherwise, for the widget script (GET /widget.js) to show that company's points. Mint a new one rather than storing it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WidgetTokenRequest"];
                };
            };
            responses: {
                /** @description The token */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WidgetToken"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/widget/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The buyer's points and tier, for the widget */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The summary */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WidgetSummary"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/widget/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a cart earns, for the widget
         * @description The cart priced as the token's company's order today; changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WidgetCart"];
                };
            };
            responses: {
                /** @description What the cart earns */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WidgetQuote"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/membership-plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List membership plans */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The plans */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MembershipPlanList"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a membership plan
         * @description A fee for a period buys benefits: a discount on every line, extra earning, free delivery, priority service.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MembershipPlanInput"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MembershipPlan"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/membership-plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a membership plan
         * @description Changes apply to memberships bought from now on and to the benefit of those running.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MembershipPlanPatch"];
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MembershipPlan"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/memberships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List memberships
         * @description Newest first; a sales manager sees their own clients' only.
         */
        get: {
            parameters: {
                query?: {
                    companyId?: string;
                    planId?: string;
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of memberships */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MembershipPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Buy a membership for a company
         * @description Starts today, or the day after the company's current membership of the plan ends (a renewal). A fee in money is recorded as a payment; a fee in points is taken from the company's wallet (409 insufficient_points).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BuyMembership"];
                };
            };
            responses: {
                /** @description Bought */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Membership"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/memberships/{id}/renew": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Renew a membership
         * @description Buys the plan again for the company; the new period starts the day after the current one ends.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Membership"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/memberships/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a membership
         * @description The benefit ends yesterday; a pro-rata plan gives back the unused days' share of the fee (rounded down).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Membership"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/memberships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Membership economics
         * @description Per plan over a period: fees received and refunds paid (money and points), the discounts and extra points its memberships gave on orders, and the difference. Defaults to the year up to today.
         */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The plans' economics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MembershipEconomics"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/memberships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The plans on sale and the company's memberships */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Plans and memberships */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalMemberships"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Buy a membership for one's company
         * @description The company's admin only (403 for a buyer).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PortalBuyMembership"];
                };
            };
            responses: {
                /** @description Bought */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Membership"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/memberships/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel one of the company's memberships
         * @description The company's admin only (403 for a buyer); 404 for another company's membership.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Cancelled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Membership"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Price a cart for one's company
         * @description What an order would cost and earn today, with the company's membership and individual discounts. Changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PortalCart"];
                };
            };
            responses: {
                /** @description The cart as the engine prices it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalQuote"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/discount-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What each role may grant without approval */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The limits */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DiscountLimitList"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Set the limits of roles
         * @description Owners, admins and finance. Roles not named keep their limit.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PutDiscountLimits"];
                };
            };
            responses: {
                /** @description The limits now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DiscountLimitList"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/discount-grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List individual discounts
         * @description Newest first; a sales manager sees their own clients' only.
         */
        get: {
            parameters: {
                query?: {
                    companyId?: string;
                    status?: "pending_approval" | "active" | "rejected" | "revoked";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DiscountGrantPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Grant a company an individual discount
         * @description A personal discount and/or extra earning rate for a period, with a reason; the person granting it owns it. Within the limit of their role it is `active` at once; above it, it waits as `pending_approval` until another person approves it. A sales manager grants only to their own clients (404 elsewhere).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DiscountGrantInput"];
                };
            };
            responses: {
                /** @description Active, or waiting for approval */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DiscountGrant"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/discount-grants/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a grant
         * @description Owners, admins and finance; never the person who asked for it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DiscountGrantDecision"];
                };
            };
            responses: {
                /** @description Done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DiscountGrant"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/discount-grants/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a grant
         * @description Owners, admins and finance; never the person who asked for it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DiscountGrantDecision"];
                };
            };
            responses: {
                /** @description Done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DiscountGrant"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/discount-grants/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a grant
         * @description Ends a grant (or withdraws a pending one): the engine stops applying it. Its owner's role or an approver.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DiscountGrantDecision"];
                };
            };
            responses: {
                /** @description Done */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DiscountGrant"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/discount-cost": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Cost of individual discounts by manager
         * @description Per grant owner, over a period (the year to today by default): grants valid in it, and the discounts and extra points they gave on orders. A sales manager sees their own clients' grants only.
         */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The cost by manager */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DiscountCost"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List recorded actions
         * @description Newest first; a sales manager sees their own clients' only.
         */
        get: {
            parameters: {
                query?: {
                    companyId?: string;
                    action?: "attendance" | "course" | "survey" | "profile" | "greeting" | "custom";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of actions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActionPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Record an action that earns
         * @description A training attended, a course completed, a survey answered, the profile completed, a greeting with a gift. The program's action rules decide the points (once per subject where they say so); the points are credited to the company's wallet through the ledger. The same external id is recorded once.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Action"];
                };
            };
            responses: {
                /** @description Recorded (or recorded before: replayed) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordedAction"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/actions/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record many actions
         * @description Up to 500, all or none: an error names the action (`actions[3].companyId`). Each external id is recorded once.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ActionBatch"];
                };
            };
            responses: {
                /** @description Recorded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActionBatchResult"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The company's trainings, courses, surveys and greetings, with their points */
        get: {
            parameters: {
                query?: {
                    action?: "attendance" | "course" | "survey" | "profile" | "greeting" | "custom";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of actions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActionPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The coalition's partners */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The partners */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PartnerList"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a partner
         * @description Its id is the one the program's `coalition.partners` uses for its rates and that its orders carry.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PartnerRequest"];
                };
            };
            responses: {
                /** @description Registered */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Partner"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/settlement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The settlement between partners, per month
         * @description Per month and partner: points its orders issued and points spent at it, both net of returns and cancellations in that month, and the money that stands for at the point's value (positive: the partner owes the program). Closed months name their ledger transaction.
         */
        get: {
            parameters: {
                query: {
                    from: string;
                    to: string;
                    partnerId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Settlement"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/settlement/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The settlement as CSV
         * @description `month,partner_id,partner_name,points_issued,points_redeemed,amount,closed_at,transaction_id`.
         */
        get: {
            parameters: {
                query: {
                    from: string;
                    to: string;
                    partnerId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/settlement/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a month's settlement in the ledger
         * @description Once the month is over: for each partner, one ledger transaction moves the points it issued onto its settlement account and the points spent at it off the program's redeemed account, so its settlement account holds what it is owed (negative: what it owes). A month closes once.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SettlementClose"];
                };
            };
            responses: {
                /** @description Closed */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ClosedSettlement"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A partner with its keys */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The partner */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PartnerDetail"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a partner's name or e-mail */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PartnerChange"];
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Partner"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/partners/{id}/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A partner's holds and redemptions
         * @description The points the partner held through its key, newest first (`status: held` for the open ones), each with its money value at the program's point value; pass `nextCursor` back as `cursor`.
         */
        get: {
            parameters: {
                query?: {
                    status?: "held" | "captured" | "cancelled" | "expired";
                    limit?: number;
                    /** @description The `nextCursor` of the previous page. */
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of holds */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PartnerHoldPage"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a partner an API key
         * @description The answer shows the whole key once; only its prefix is kept. The key reaches only the partner routes (`/v1/partner/...`), for this partner.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PartnerKeyRequest"];
                };
            };
            responses: {
                /** @description Made */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NewPartnerKey"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}/keys/{keyId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a partner's key */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PartnerKey"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The key's role may not do this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partner/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A partner sends an order or a return
         * @description With a partner key. The order earns at the partner's rates of the program's coalition section and may spend points (`pointsToRedeem`). Order ids are the partner's own: they never meet another partner's or the owner's. A return names one of the partner's orders. Idempotent like `POST /v1/events`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PartnerEvent"];
                };
            };
            responses: {
                /** @description Seen before: nothing changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Taken in */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PartnerIngested"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partner/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The partner's own orders */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PartnerOrders"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partner/members/{id}/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customer's points, for a partner
         * @description Only for a company that has bought from this partner; any other company is 404, as if it did not exist.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The balance */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PartnerWallet"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partner/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A partner holds a customer's points for a cart
         * @description As `POST /v1/redemptions`, for a company that has bought from this partner (any other is 404). The hold is this partner's: only its key reads, captures or cancels it, and only its own order captures it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PartnerHoldRequest"];
                };
            };
            responses: {
                /** @description Held */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Hold"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partner/redemptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of the partner's holds
         * @description Another partner's hold, or the owner's, is 404, as if it did not exist.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The hold */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Hold"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partner/redemptions/{id}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture the partner's hold with its order
         * @description Takes the partner's order in (as `POST /v1/partner/events`) and, in the same transaction, the held points back into the wallet for the order to spend, `pointsToRedeem` defaulting to the held points. They count as redeemed at this partner in the settlement.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PartnerCaptureOrder"];
                };
            };
            responses: {
                /** @description The order was seen before */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            hold: components["schemas"]["Hold"];
                            order: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description Captured */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PartnerCapturedHold"];
                    };
                };
                /** @description The body is not valid JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partner/redemptions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel the partner's hold
         * @description Gives the held points back to the wallet in lots with their own dates. Only a held hold can be cancelled (409 otherwise); another partner's hold is 404. Give the reason in X-Audit-Comment.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Any unique string (a UUID will do). A retry with the same key and body gets the first answer again, marked Idempotent-Replayed: true; the same key with another body gets 409 idempotency_conflict. */
                    "idempotency-key"?: string;
                    /** @description Why the change is made, kept in the audit log; a `comment` in the body wins over it. */
                    "x-audit-comment"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Cancelled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Hold"];
                    };
                };
                /** @description No valid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state or with an earlier request under the same Idempotency-Key */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field is missing or invalid; `field` names it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        BootstrappedTenant: {
            tenant: components["schemas"]["Tenant"];
            owner: components["schemas"]["User"];
            apiKey: components["schemas"]["NewApiKey"];
        };
        Tenant: {
            id: string;
            name: string;
            createdAt: string;
        };
        User: {
            id: string;
            email: string;
            name: string;
            /**
             * @description owner: everything, including other owners · admin: everything but owners · program_manager, sales_manager, finance, support: their own areas
             * @enum {string}
             */
            role: "owner" | "admin" | "program_manager" | "sales_manager" | "finance" | "support";
            createdAt: string;
        };
        NewApiKey: components["schemas"]["ApiKey"] & {
            /** @description The key to send as `Authorization: Bearer <secret>`. Shown once: it is never stored, so a replay of this request under its Idempotency-Key answers null here. */
            secret: string | null;
        };
        ApiKey: {
            /** @example key_01jb3v6c9w2x8k4m5n7p9q1r3s */
            id: string;
            name: string | null;
            /** @description The start of the key, to recognise it; not a secret. */
            prefix: string;
            /**
             * @description owner: everything, including other owners · admin: everything but owners · program_manager, sales_manager, finance, support: their own areas
             * @enum {string}
             */
            role: "owner" | "admin" | "program_manager" | "sales_manager" | "finance" | "support";
            /** @description The user or key that created it. */
            createdBy: string;
            createdAt: string;
            revokedAt: string | null;
            /** @description The console user the key acts for, if any. */
            userId: string | null;
        };
        Error: {
            error: {
                /** @enum {string} */
                code: "malformed_json" | "validation_failed" | "unsupported_media_type" | "payload_too_large" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "idempotency_conflict" | "insufficient_points" | "unknown_account" | "rate_limited" | "internal";
                /** @description What went wrong and what to do about it, for a person. */
                message: string;
                /** @description The body path, query parameter or header at fault. */
                field: string | null;
                /** @description Quote it when reporting a problem: the logs carry it. */
                requestId: string;
            };
        };
        BootstrapTenant: {
            /**
             * @description 2 to 40 lower-case letters, digits and dashes, starting with a letter; part of every API key.
             * @example acme
             */
            id: string;
            /** @example Acme Wholesale */
            name: string;
            owner: {
                /**
                 * Format: email
                 * @example ana@example.com
                 */
                email: string;
                /** @example Ana Lima */
                name: string;
                /** @description For the console; at least 12 characters. Stored as a salted scrypt hash. */
                password?: string;
            };
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        CreateApiKey: {
            /**
             * @description owner: everything, including other owners · admin: everything but owners · program_manager, sales_manager, finance, support: their own areas
             * @enum {string}
             */
            role: "owner" | "admin" | "program_manager" | "sales_manager" | "finance" | "support";
            /** @example ERP integration */
            name?: string;
            /** @description Makes the key act for this console user, who must hold the same role: a sales manager's key sees only that user's clients. */
            userId?: string;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        ApiKeyPage: {
            data: components["schemas"]["ApiKey"][];
            nextCursor: string | null;
        };
        UserPage: {
            data: components["schemas"]["User"][];
            nextCursor: string | null;
        };
        CreateUser: {
            /**
             * Format: email
             * @example ana@example.com
             */
            email: string;
            /** @example Ana Lima */
            name: string;
            /**
             * @description owner: everything, including other owners · admin: everything but owners · program_manager, sales_manager, finance, support: their own areas
             * @enum {string}
             */
            role: "owner" | "admin" | "program_manager" | "sales_manager" | "finance" | "support";
            /** @description For the console; at least 12 characters. Stored as a salted scrypt hash. */
            password?: string;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        AuditPage: {
            data: components["schemas"]["AuditEntry"][];
            nextCursor: string | null;
        };
        AuditEntry: {
            id: string;
            at: string;
            /** @description The API key (`key_…`) or user (`usr_…`) that made the change. */
            actor: string;
            /** @example api_key.create */
            action: string;
            target: string | null;
            comment: string | null;
            before: {
                [key: string]: unknown;
            } | null;
            after: {
                [key: string]: unknown;
            } | null;
            requestId: string | null;
        };
        PublishedProgram: {
            id: string;
            version: number;
            effectiveFrom: string;
        };
        IngestedEvent: {
            eventId: string;
            replayed: boolean;
            result: {
                [key: string]: unknown;
            };
        };
        Event: components["schemas"]["OrderEvent"] | components["schemas"]["ReturnEvent"] | components["schemas"]["PaymentEvent"] | components["schemas"]["CancellationEvent"];
        OrderEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "order";
            /** @default api */
            source: string;
            orderId: string;
            /** @description An ISO date or date-time; without an offset it is local to the program's time zone */
            date: string;
            companyId: string;
            contactId?: string | null;
            lines: {
                sku: string;
                /** @default  */
                category: string;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                quantity: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitPrice: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitCost?: string | number | null;
            }[];
            pointsToRedeem?: number | null;
            promoCode?: string | null;
            paidOn?: string | null;
            termMonths?: number | null;
            partnerId?: string | null;
            salesRepId?: string | null;
            /** @description A redemption hold the order captures: its points are spent by this order */
            holdId?: string | null;
            /** @description An edited order: the id of the order it replaces, cancelled in the same transaction (it must not be paid yet) */
            replaces?: string | null;
        };
        ReturnEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "return";
            /** @default api */
            source: string;
            /** @description The return's own id in the sending system */
            externalId: string;
            orderId: string;
            /** @description An ISO date or date-time; without an offset it is local to the program's time zone */
            date: string;
            lines: {
                sku: string;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitPrice: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                quantity: string | number;
                category?: string;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitCost?: string | number | null;
            }[];
        };
        PaymentEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "payment";
            /** @default api */
            source: string;
            /** @description The payment's own id in the sending system; `payment:<orderId>` when none is given */
            externalId?: string | null;
            orderId: string;
            /** @description The day the order was paid */
            date: string;
        };
        CancellationEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "cancellation";
            /** @default api */
            source: string;
            /** @description The cancellation's own id in the sending system; `cancellation:<orderId>` when none is given */
            externalId?: string | null;
            orderId: string;
            /** @description An ISO date or date-time; without an offset it is local to the program's time zone */
            date: string;
        };
        EventBatchResult: {
            results: components["schemas"]["BatchEntry"][];
            taken: number;
            replayed: number;
            refused: number;
        };
        BatchEntry: {
            index: number;
            ok: boolean;
            /** @description What a single request would have answered */
            status: number;
            eventId?: string;
            replayed?: boolean;
            result?: {
                [key: string]: unknown;
            };
            /** @description Why this event was refused; `field` is a path in the batch's body */
            error?: {
                code: string;
                message: string;
                field: string | null;
            };
        };
        EventBatch: {
            /** @description Up to 1000 events, taken in this order; each is checked and taken on its own */
            events: Omit<components["schemas"]["Event"], "type">[];
        };
        Quote: {
            [key: string]: unknown;
        };
        Cart: {
            /** @enum {string} */
            type?: "order";
            source?: string;
            /** @default quote */
            orderId: string;
            /** @description An ISO date or date-time; without an offset it is local to the program's time zone */
            date: string;
            companyId: string;
            contactId?: string | null;
            lines: {
                sku: string;
                /** @default  */
                category: string;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                quantity: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitPrice: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitCost?: string | number | null;
            }[];
            pointsToRedeem?: number | null;
            promoCode?: string | null;
            paidOn?: string | null;
            termMonths?: number | null;
            partnerId?: string | null;
            salesRepId?: string | null;
            /** @description A redemption hold the order captures: its points are spent by this order */
            holdId?: string | null;
            /** @description An edited order: the id of the order it replaces, cancelled in the same transaction (it must not be paid yet) */
            replaces?: string | null;
        };
        EventPage: {
            data: components["schemas"]["EventSummary"][];
            nextCursor: string | null;
        };
        EventSummary: {
            id: string;
            /** @description order, return, payment or cancellation */
            type: string;
            source: string;
            externalId: string;
            date: string;
            receivedAt: string;
            companyId: string | null;
            orderId: string | null;
            gross: string | null;
            discount: string | null;
            net: string | null;
            pointsEarned: number | null;
            pointsRedeemed: number | null;
            /**
             * @description For orders: points pending, available, or the order cancelled
             * @enum {string|null}
             */
            status: "pending" | "available" | "cancelled" | null;
            /** @description For returns: the money refunded */
            refund: string | null;
            /** @description For returns and cancellations: earned points taken back, or pending points voided */
            pointsTakenBack: number | null;
            /** @description For returns and cancellations: points the order had spent, given back */
            pointsGivenBack: number | null;
        };
        EventDetail: components["schemas"]["EventSummary"] & {
            /** @description The event as it was sent */
            payload: {
                [key: string]: unknown;
            };
            /** @description The engine's answer when it was taken in */
            result: {
                [key: string]: unknown;
            };
            explanations: {
                code: string;
                rule?: string;
                version: number;
                params: {
                    [key: string]: string | number | boolean | null;
                };
                text: string | null;
            }[];
            pendingLots: {
                points: number;
                availableOn: string | null;
            }[];
            postings: {
                transactionId: string;
                code: string;
                at: string;
                from: string;
                to: string;
                amount: number;
            }[];
        };
        Wallet: {
            memberId: string;
            /** @description Points the member may spend now */
            available: number;
            /** @description Points waiting for payment or the return window */
            pending: number;
            /** @description Points reserved by redemption holds */
            held: number;
            /** @description Points owed, repaid first by points that come */
            debt: number;
            /** @description Available points by their last day, soonest first */
            expiring: {
                date: string;
                points: number;
            }[];
        };
        LedgerPage: {
            data: components["schemas"]["LedgerEntry"][];
            nextCursor: string | null;
        };
        LedgerEntry: {
            transactionId: string;
            seq: number;
            /** @description When the entry was recorded (for imported history, the import) */
            at: string;
            /**
             * @description The day it happened in the program's calendar: its order's, return's or other event's day, the day pending points became available, an expiry's day; for holds, adjustments and the like, the day it was recorded in the program's time zone
             * @example 2026-03-05
             */
            date: string;
            /** @description earn, earn.pending, mature, redeem, refund, reverse, expire, hold… */
            kind: string;
            reference: {
                type: string;
                id: string | null;
                orderId?: string;
            };
            from: string;
            to: string;
            amount: number;
            available: number;
            pending: number;
            held: number;
            /** @description The wallet's balance after this entry */
            balance: number;
            /** @description For points an order earned: each rate applied, its amount and its source */
            rates: components["schemas"]["EarnRate"][];
        };
        EarnRate: {
            points: number;
            /** @description The rate as the program writes it, "2%" */
            rate: string;
            /** @description The amount the rate applied to, in the program's currency */
            basis: string;
            /** @description tier:ID, base, an earning rule's id, partner:ID */
            source: string;
            tier: {
                id: string;
                name: string;
            } | null;
        };
        TierStatus: {
            memberId: string;
            tier: {
                id: string;
                name: string;
            } | null;
            since: string | null;
            /** @enum {string} */
            metric: "netPurchases" | "pointsEarned";
            evaluation: string;
            window: {
                from: string;
                to: string;
            };
            /** @description Money as a decimal string ("12000.00") for purchase tiers, points as a number */
            measure: string | number;
            next: {
                id: string;
                name: string;
                /** @description Money as a decimal string ("12000.00") for purchase tiers, points as a number */
                threshold: string | number;
                /** @description Money as a decimal string ("12000.00") for purchase tiers, points as a number */
                remaining: string | number;
                by: string | null;
                effectiveOn: string;
            } | null;
            keep: {
                /** @description Money as a decimal string ("12000.00") for purchase tiers, points as a number */
                threshold: string | number;
                /** @description Money as a decimal string ("12000.00") for purchase tiers, points as a number */
                remaining: string | number;
                by: string | null;
                orderBy: string | null;
                graceDays: number;
            } | null;
            explanation: {
                code: string;
                version: number;
                params: {
                    [key: string]: string | number | boolean | null;
                };
            } | null;
            text: string | null;
        };
        Hold: {
            id: string;
            memberId: string;
            points: number;
            /** @enum {string} */
            status: "held" | "captured" | "cancelled" | "expired";
            expiresAt: string;
            createdAt: string;
            settledAt: string | null;
            orderId: string | null;
            /** @description The coalition partner that made the hold (null: the program owner's) */
            partnerId: string | null;
            /** @description The lots the points were taken from, given back with these dates on release */
            lots: {
                points: number;
                grantedOn: string;
                expiresOn: string | null;
            }[];
        };
        HoldRequest: {
            memberId: string;
            points: number;
            cart?: components["schemas"]["HoldCart"];
            /** @default 30 */
            expiresInMinutes: number;
        };
        /** @description The cart the points are for; the engine then allows at most what it would let this cart spend (cap, minimum, eligible lines). */
        HoldCart: {
            /** @enum {string} */
            type?: "order";
            source?: string;
            contactId?: string | null;
            lines: {
                sku: string;
                /** @default  */
                category: string;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                quantity: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitPrice: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitCost?: string | number | null;
            }[];
            promoCode?: string | null;
            paidOn?: string | null;
            termMonths?: number | null;
            partnerId?: string | null;
            salesRepId?: string | null;
            /** @description A redemption hold the order captures: its points are spent by this order */
            holdId?: string | null;
            /** @description An edited order: the id of the order it replaces, cancelled in the same transaction (it must not be paid yet) */
            replaces?: string | null;
            /** @description The cart's date, local to the program's time zone; now when not given */
            date?: string;
        };
        HoldPage: {
            data: components["schemas"]["Hold"][];
            nextCursor: string | null;
        };
        CapturedHold: {
            hold: components["schemas"]["Hold"];
            order: {
                [key: string]: unknown;
            };
        };
        CaptureOrder: {
            /** @default api */
            source: string;
            orderId: string;
            /** @description An ISO date or date-time; without an offset it is local to the program's time zone */
            date: string;
            companyId: string;
            contactId?: string | null;
            lines: {
                sku: string;
                /** @default  */
                category: string;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                quantity: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitPrice: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitCost?: string | number | null;
            }[];
            pointsToRedeem?: number | null;
            promoCode?: string | null;
            paidOn?: string | null;
            termMonths?: number | null;
            partnerId?: string | null;
            salesRepId?: string | null;
            /** @description An edited order: the id of the order it replaces, cancelled in the same transaction (it must not be paid yet) */
            replaces?: string | null;
        };
        ProgramVersionDetail: components["schemas"]["ProgramVersion"] & {
            /** @description The definition as written (YAML or JSON) */
            text: string;
            /** @description The validated definition; null for a draft with issues */
            definition: {
                [key: string]: unknown;
            } | null;
            issues: components["schemas"]["ProgramIssue"][];
        };
        ProgramIssue: {
            /** @example tiers.levels[1].from */
            path: string;
            line: number | null;
            column: number | null;
            message: string;
        };
        ProgramVersion: {
            /** @example prg_01jb3v6c9w2x8k4m5n7p9q1r3s */
            id: string;
            /** @description Null for a draft */
            version: number | null;
            /**
             * @description draft: not in force · published: applies to events from effectiveFrom (to effectiveTo) · retired: shadowed by a later version effective the same day
             * @enum {string}
             */
            status: "draft" | "published" | "retired";
            programId: string | null;
            name: string | null;
            effectiveFrom: string | null;
            effectiveTo: string | null;
            valid: boolean;
            issueCount: number;
            /** @description The version a rollback published again */
            basedOn: number | null;
            comment: string | null;
            createdBy: string | null;
            createdAt: string;
            updatedBy: string | null;
            updatedAt: string | null;
            publishedBy: string | null;
            publishedAt: string | null;
            retiredAt: string | null;
        };
        ProgramDraft: {
            /** @description The program definition, YAML or JSON, as text */
            definition: string;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        ProgramValidation: {
            id: string;
            valid: boolean;
            issues: components["schemas"]["ProgramIssue"][];
        };
        Simulation: {
            draftId: string;
            from: string | null;
            asOf: string;
            orders: number;
            returns: number;
            skippedReturns: number;
            truncated: boolean;
            draft: {
                versions: number[];
                totals: components["schemas"]["SimulationTotals"];
                tiers: {
                    [key: string]: number;
                };
                /** @description Discounts plus points earned and kept, at the point value: docs/metrics.md#program-cost */
                cost: string;
            };
            published: {
                versions: number[];
                totals: components["schemas"]["SimulationTotals"];
                tiers: {
                    [key: string]: number;
                };
                /** @description Discounts plus points earned and kept, at the point value: docs/metrics.md#program-cost */
                cost: string;
            } | null;
            difference: {
                [key: string]: string | number;
            } | null;
        };
        SimulationTotals: {
            balance: number;
            pending: number;
            earned: number;
            redeemed: number;
            refunded: number;
            expired: number;
            reversed: number;
            liability: string;
            gross: string;
            discount: string;
            net: string;
            refund: string;
            orders: number;
            returns: number;
        };
        SimulateDraft: {
            /**
             * @description First day of history replayed; all of it by default
             * @example 2026-04-01
             */
            from?: string;
            /**
             * @description Last day replayed (its jobs run too); the last event's day by default
             * @example 2026-04-01
             */
            to?: string;
            /**
             * @description The most events replayed; a longer history is cut there and `truncated` is true
             * @default 10000
             */
            limit: number;
        };
        PublishDraft: {
            /**
             * @description Events dated from this day use the new version; not before the latest version's date
             * @example 2026-04-01
             */
            effectiveFrom: string;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        RollbackProgram: {
            /**
             * @description An ISO date
             * @example 2026-04-01
             */
            effectiveFrom: string;
            /** @description The version whose definition to publish again; the one in force before the latest by default */
            toVersion?: number;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        ProgramVersionList: {
            data: components["schemas"]["ProgramVersion"][];
        };
        Settings: {
            /** @description Adjustments of more points than this wait for a second person's approval (default 10000) */
            adjustmentApprovalThreshold: number;
            updatedAt: string | null;
            updatedBy: string | null;
        };
        PutSettings: {
            adjustmentApprovalThreshold: number;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        Adjustment: {
            /** @example adj_01jb3v6c9w2x8k4m5n7p9q1r3s */
            id: string;
            memberId: string;
            /** @description Positive: a credit; negative: a debit */
            points: number;
            reason: string;
            comment: string | null;
            expiresOn: string | null;
            /** @enum {string} */
            status: "pending_approval" | "posted" | "rejected";
            requestedBy: string;
            requestedAt: string;
            decidedBy: string | null;
            decidedAt: string | null;
            decisionComment: string | null;
            /** @description The ledger transaction, once posted */
            transactionId: string | null;
        };
        RequestAdjustment: {
            /**
             * @description Points to credit (positive) or debit (negative)
             * @example 500
             */
            points: number;
            /** @example goodwill: late delivery of order 10045 */
            reason: string;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
            /** @description For a credit: when its points expire (the program's expiry by default) */
            expiresOn?: string;
        };
        AdjustmentDecision: {
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        AdjustmentPage: {
            data: components["schemas"]["Adjustment"][];
            nextCursor: string | null;
        };
        Company: {
            id: string;
            /** @description Null for a company known only from its orders. */
            name: string | null;
            taxId: string | null;
            parentId: string | null;
            segment: string | null;
            region: string | null;
            joinedOn: string | null;
            enrolledOn: string | null;
            salesRepId: string | null;
            attributes: {
                [key: string]: string | number | boolean | null;
            };
            tier: string | null;
            tierSince: string | null;
            orderCount: number;
            lastOrderOn: string | null;
            createdAt: string;
            updatedAt: string | null;
        };
        CreateCompany: {
            /**
             * @description The company's id in the sending system (orders name it as companyId); a new `cmp_…` id when absent. A company with this id is changed instead (one made by its first order too).
             * @example C-10045
             */
            id?: string;
            /** @example Northwind Traders */
            name: string;
            /** @example 7707083893 */
            taxId?: string | null;
            /**
             * @description The holding this company belongs to: a company of the tenant, no cycles, at most 10 levels.
             * @example C-10045
             */
            parentId?: string | null;
            /** @example horeca */
            segment?: string | null;
            /** @example north */
            region?: string | null;
            /**
             * Format: date
             * @example 2026-01-31
             */
            joinedOn?: string | null;
            /**
             * Format: date
             * @description When it joined the program.
             * @example 2026-01-31
             */
            enrolledOn?: string | null;
            /** @description The console user (`usr_…`) who owns the client. */
            salesRepId?: string | null;
            /**
             * @description Free fields of the tenant's own (industry, CRM id...): up to 50, replaced as a whole.
             * @example {
             *       "industry": "bakery",
             *       "crmId": "0061x00000AbCdE"
             *     }
             */
            attributes?: {
                [key: string]: string | number | boolean | null;
            };
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        PatchCompany: {
            /** @example Northwind Traders */
            name?: string;
            /** @example 7707083893 */
            taxId?: string | null;
            /**
             * @description The holding this company belongs to: a company of the tenant, no cycles, at most 10 levels.
             * @example C-10045
             */
            parentId?: string | null;
            /** @example horeca */
            segment?: string | null;
            /** @example north */
            region?: string | null;
            /**
             * Format: date
             * @example 2026-01-31
             */
            joinedOn?: string | null;
            /**
             * Format: date
             * @description When it joined the program.
             * @example 2026-01-31
             */
            enrolledOn?: string | null;
            /** @description The console user (`usr_…`) who owns the client. */
            salesRepId?: string | null;
            /**
             * @description Free fields of the tenant's own (industry, CRM id...): up to 50, replaced as a whole.
             * @example {
             *       "industry": "bakery",
             *       "crmId": "0061x00000AbCdE"
             *     }
             */
            attributes?: {
                [key: string]: string | number | boolean | null;
            };
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        CompanyDetail: components["schemas"]["Company"] & {
            /** @description Direct subsidiaries, the first 100 by id. */
            children: {
                id: string;
                name: string | null;
            }[];
            childCount: number;
            /** @description The day of its first order, cancelled ones included; null before one. Beside `joinedOn` and `enrolledOn`, which are null for a company made without them, it says since when the company buys in the program. */
            firstOrderOn: string | null;
            wallet: {
                available: number;
                pending: number;
                nextExpiry: {
                    on: string;
                    points: number;
                } | null;
            };
        };
        CompanyPage: {
            data: components["schemas"]["Company"][];
            nextCursor: string | null;
        };
        Segments: {
            data: {
                segment: string;
                companies: number;
            }[];
        };
        Contact: {
            id: string;
            companyId: string;
            name: string;
            email: string;
            phone: string | null;
            /** @enum {string} */
            role: "company_admin" | "buyer";
            /** @enum {string|null} */
            circle: "decision_maker" | "procurement" | "accounting" | "engineering" | "influencer" | null;
            position: string | null;
            marketingConsent: boolean;
            marketingConsentAt: string | null;
            active: boolean;
            deactivatedAt: string | null;
            erasedAt: string | null;
            createdAt: string;
            updatedAt: string;
            portal: components["schemas"]["PortalAccess"];
        };
        PortalAccess: {
            /** @description The contact accepted an invitation and set a password. */
            signedUp: boolean;
            /** @description The latest invitation not used yet (null once signed up): its link works until `expiresAt`. */
            invitation: {
                sentAt: string;
                expiresAt: string;
            } | null;
        };
        CreateContact: {
            /**
             * @description The contact's id in the sending system (orders name it as contactId); a new `ctc_…` id when absent. A contact of this company with this id is changed instead.
             * @example ctc_01jb3v6c9w2x8k4m5n7p9q1r3s
             */
            id?: string;
            /** @example Ana Lima */
            name: string;
            /**
             * Format: email
             * @description Unique among the tenant's contacts, whatever its case.
             * @example ana@example.com
             */
            email: string;
            /** @example +44 20 7946 0000 */
            phone?: string | null;
            /**
             * @description In the portal: company_admin sees everything of the company and approves reward requests; a buyer sees their own orders. buyer when absent on creation.
             * @enum {string}
             */
            role?: "company_admin" | "buyer";
            /**
             * @description Their part in the company's decisions.
             * @enum {string|null}
             */
            circle?: "decision_maker" | "procurement" | "accounting" | "engineering" | "influencer" | null;
            /** @example Head of purchasing */
            position?: string | null;
            marketingConsent?: boolean;
            /**
             * Format: date-time
             * @description When the consent answer was given; the time of the request when absent.
             */
            marketingConsentAt?: string;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        ContactPage: {
            data: components["schemas"]["Contact"][];
            nextCursor: string | null;
        };
        PatchContact: {
            /** @example Ana Lima */
            name?: string;
            /**
             * Format: email
             * @description Unique among the tenant's contacts, whatever its case.
             * @example ana@example.com
             */
            email?: string;
            /** @example +44 20 7946 0000 */
            phone?: string | null;
            /**
             * @description In the portal: company_admin sees everything of the company and approves reward requests; a buyer sees their own orders. buyer when absent on creation.
             * @enum {string}
             */
            role?: "company_admin" | "buyer";
            /**
             * @description Their part in the company's decisions.
             * @enum {string|null}
             */
            circle?: "decision_maker" | "procurement" | "accounting" | "engineering" | "influencer" | null;
            /** @example Head of purchasing */
            position?: string | null;
            marketingConsent?: boolean;
            /**
             * Format: date-time
             * @description When the consent answer was given; the time of the request when absent.
             */
            marketingConsentAt?: string;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
            /** @description false deactivates; true brings a contact back. */
            active?: boolean;
        };
        ErasedContact: {
            contact: components["schemas"]["Contact"];
            scrubbed: components["schemas"]["Scrubbed"];
        };
        Scrubbed: {
            /** @description Earlier audit entries rewritten. */
            auditEntries: number;
            /** @description Stored answers of idempotent requests rewritten. */
            storedAnswers: number;
        };
        Erase: {
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        ErasedCompanyContacts: {
            companyId: string;
            erasedContacts: string[];
            scrubbed: components["schemas"]["Scrubbed"];
        };
        Note: {
            id: string;
            companyId: string;
            /** @description The console user (`usr_…`), or the key acting for no user. */
            authorId: string;
            text: string;
            createdAt: string;
        };
        CreateNote: {
            /** @example Asked for a volume discount in May. */
            text: string;
        };
        NotePage: {
            data: components["schemas"]["Note"][];
            nextCursor: string | null;
        };
        CurrentSession: {
            /**
             * @description staff: the tenant's own people and API keys; contact: a client company's person (portal).
             * @enum {string}
             */
            kind: "staff" | "contact";
            /**
             * @description How the request was authenticated.
             * @enum {string}
             */
            via: "session" | "key";
            tenant: {
                id: string;
                name: string;
            };
            /** @enum {string} */
            role: "owner" | "admin" | "program_manager" | "sales_manager" | "finance" | "support";
            user: components["schemas"]["SessionUser"];
            /** @description When the session ends; null for an API key. */
            expiresAt: string | null;
        };
        /** @description The signed-in person; null for an API key. */
        SessionUser: {
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "program_manager" | "sales_manager" | "finance" | "support";
        } | null;
        SignIn: {
            /**
             * @description The organisation's id.
             * @example acme
             */
            tenant: string;
            /**
             * Format: email
             * @example ana@example.com
             */
            email: string;
            password: string;
        };
        SetPassword: {
            /** @description At least 12 characters. Stored as a salted scrypt hash. */
            password: string;
            /** @description Needed to change one's own password once one is set. */
            currentPassword?: string;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        Invitation: {
            contactId: string;
            expiresAt: string;
            /** @description The one-time link to set a password. Given outside production only (and never on a replay); it is stored nowhere and never logged. */
            link: string | null;
        };
        PortalSession: {
            /** @enum {string} */
            kind: "contact";
            tenant: {
                id: string;
                name: string;
            };
            contact: {
                id: string;
                name: string;
                email: string;
                /** @enum {string} */
                role: "company_admin" | "buyer";
            };
            company: {
                id: string;
                name: string;
            };
            expiresAt: string;
        };
        PortalWallet: {
            memberId: string;
            available: number;
            pending: number;
            held: number;
            debt: number;
            expiring: {
                date: string;
                points: number;
            }[];
        };
        PortalLedgerPage: {
            data: {
                transactionId: string;
                seq: number;
                /** @description When the entry was recorded */
                at: string;
                /**
                 * @description The day it happened in the program's calendar
                 * @example 2026-03-05
                 */
                date: string;
                kind: string;
                reference: {
                    type: string;
                    id: string | null;
                    orderId?: string;
                };
                from: string;
                to: string;
                amount: number;
                available: number;
                pending: number;
                held: number;
                balance: number;
                rates: components["schemas"]["EarnRate"][];
            }[];
            nextCursor: string | null;
        };
        PortalPartnerRedemptions: {
            data: (components["schemas"]["PartnerHoldLine"] & {
                partnerName: string;
            })[];
            nextCursor: string | null;
        };
        PartnerHoldLine: {
            id: string;
            partnerId: string | null;
            memberId: string;
            /** @enum {string} */
            status: "held" | "captured" | "cancelled" | "expired";
            points: number;
            /** @description The points' money value at the program's point value */
            amount: string;
            createdAt: string;
            expiresAt: string;
            settledAt: string | null;
            orderId: string | null;
        };
        PortalTier: {
            memberId: string;
            tier: {
                id: string;
                name: string;
            } | null;
            since: string | null;
            /** @enum {string} */
            metric: "netPurchases" | "pointsEarned";
            evaluation: string;
            window: {
                from: string;
                to: string;
            };
            measure: string | number;
            next: {
                id: string;
                name: string;
                threshold: string | number;
                remaining: string | number;
                by: string | null;
                effectiveOn: string;
            } | null;
            keep: {
                threshold: string | number;
                remaining: string | number;
                by: string | null;
                orderBy: string | null;
                graceDays: number;
            } | null;
            text: string | null;
            currency: string;
            /** @description Every level of the program, lowest first, with what it brings. */
            levels: {
                id: string;
                name: string;
                threshold: string | number;
                earnRate: string | null;
                benefits: string[];
            }[];
        };
        PortalUsers: {
            data: components["schemas"]["PortalUser"][];
        };
        PortalUser: {
            id: string;
            name: string;
            email: string;
            /** @enum {string} */
            role: "company_admin" | "buyer";
            passwordSet: boolean;
            invitationExpiresAt: string | null;
        };
        NewPortalUser: {
            name: string;
            /** Format: email */
            email: string;
            /**
             * @default buyer
             * @enum {string}
             */
            role: "company_admin" | "buyer";
        };
        Dashboard: {
            from: string;
            to: string;
            /** @enum {string} */
            interval: "day" | "week" | "month";
            currency: string;
            /** @description Everything received before this instant is counted. */
            upto: string;
            totals: {
                members: number;
                activeMembers: number;
                orders: number;
                /**
                 * @description An amount in the program's currency
                 * @example 1250.00
                 */
                revenue: string;
                pointsIssued: number;
                pointsSpent: number;
                pointsExpired: number;
                liabilityPoints: number;
                /**
                 * @description An amount in the program's currency
                 * @example 1250.00
                 */
                liability: string;
            };
            series: components["schemas"]["DashboardPoint"][];
            tiers: {
                tier: string | null;
                members: number;
            }[];
            definitions: {
                [key: string]: string;
            };
        };
        DashboardPoint: {
            start: string;
            members: number;
            activeMembers: number;
            orders: number;
            /**
             * @description An amount in the program's currency
             * @example 1250.00
             */
            revenue: string;
            pointsIssued: number;
            pointsSpent: number;
            pointsExpired: number;
            liabilityPoints: number;
        };
        Metrics: {
            from: string;
            to: string;
            currency: string;
            /** @description The hold-out share, 0 to 0.5 */
            holdoutShare: number;
            metrics: {
                key: string;
                /** @enum {string} */
                unit: "count" | "ratio" | "money" | "points";
                values: {
                    participants: string | number | null;
                    holdout: string | number | null;
                };
                /**
                 * @description Where the figure is defined
                 * @example docs/metrics.md#revenue
                 */
                definition: string;
            }[];
            lift: {
                /** @enum {string} */
                key: "rpr" | "frequency" | "aov" | "margin";
                value: number | null;
                low: number | null;
                high: number | null;
                /**
                 * @description Where the figure is defined
                 * @example docs/metrics.md#revenue
                 */
                definition: string;
            }[];
        };
        Holdout: {
            /**
             * @description Share of companies held out, 0 to 0.5
             * @example 0.1
             */
            share: number;
        };
        PutHoldout: {
            /** @example 0.1 */
            share: number;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        FinanceReport: {
            from: string;
            to: string;
            currency: string;
            total: components["schemas"]["FinanceRow"];
            byVersion: components["schemas"]["FinanceRow"][];
            byTier: components["schemas"]["FinanceRow"][];
            ledger: {
                movementsPoints: number;
                balancesPoints: number;
                agrees: boolean;
            };
            definitions: {
                [key: string]: string;
            };
        };
        FinanceRow: {
            key: string | null;
            from: string;
            to: string;
            openingPoints: number;
            issuedPoints: number;
            spentPoints: number;
            expiredPoints: number;
            reversedPoints: number;
            closingPoints: number;
            /** @example 1250.00 */
            pointValue: string;
            /** @example 1250.00 */
            opening: string;
            /** @example 1250.00 */
            issued: string;
            /** @example 1250.00 */
            spent: string;
            /** @example 1250.00 */
            expired: string;
            /** @example 1250.00 */
            reversed: string;
            /** @example 1250.00 */
            closing: string;
        };
        Cohorts: {
            from: string;
            to: string;
            months: number;
            cohorts: {
                cohort: string;
                size: number;
                active: number[];
                retention: number[];
            }[];
            tiers: {
                tier: string | null;
                size: number;
                active: number[];
                observed: number[];
                retention: (number | null)[];
            }[];
            definitions: {
                [key: string]: string;
            };
        };
        NpsReport: {
            from: string;
            to: string;
            /** @enum {string} */
            groupBy: "none" | "segment" | "tier";
            groups: {
                group: string | null;
                responses: number;
                nps: number;
                months: {
                    period: string | null;
                    responses: number;
                    promoters: number;
                    passives: number;
                    detractors: number;
                    nps: number;
                }[];
            }[];
            definitions: {
                [key: string]: string;
            };
        };
        ShareOfWallet: {
            from: string;
            to: string;
            currency: string;
            companies: {
                key: string | null;
                category: string;
                companies: number;
                /** @example 1250.00 */
                total: string;
                /** @example 1250.00 */
                ours: string;
                share: number | null;
            }[];
            segments: {
                key: string | null;
                category: string;
                companies: number;
                /** @example 1250.00 */
                total: string;
                /** @example 1250.00 */
                ours: string;
                share: number | null;
            }[];
            definitions: {
                [key: string]: string;
            };
        };
        CategoryPurchases: {
            data: components["schemas"]["CategoryPurchase"][];
        };
        CategoryPurchase: {
            companyId: string;
            category: string;
            from: string;
            to: string;
            /** @example 1250.00 */
            total: string;
            /** @example 1250.00 */
            ours: string;
            share: number | null;
            /** @enum {string} */
            source: "entered" | "imported";
            updatedAt: string;
            updatedBy: string;
        };
        PutCategoryPurchase: {
            /** @example cement */
            category: string;
            /**
             * @description An ISO date
             * @example 2026-04-01
             */
            from: string;
            /**
             * @description An ISO date
             * @example 2026-04-01
             */
            to: string;
            /**
             * @description An amount in the program's currency
             * @example 125000.00
             */
            total: string;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        ImportedPurchases: {
            imported: number;
        };
        ImportCategoryPurchases: {
            rows: {
                companyId: string;
                /** @example cement */
                category: string;
                /**
                 * @description An ISO date
                 * @example 2026-04-01
                 */
                from: string;
                /**
                 * @description An ISO date
                 * @example 2026-04-01
                 */
                to: string;
                /**
                 * @description An amount in the program's currency
                 * @example 125000.00
                 */
                total: string;
            }[];
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        WebhookEndpointWithSecret: components["schemas"]["WebhookEndpoint"] & {
            /** @description The signing secret (`whsec_…`), shown in this answer only; null in a replay. */
            secret: string | null;
        };
        WebhookEndpoint: {
            id: string;
            url: string;
            description: string | null;
            eventTypes: ("points.earned" | "points.spent" | "points.reversed" | "points.expired" | "tier.changed" | "member.created" | "adjustment.applied" | "hold.created" | "hold.cancelled" | "hold.expired" | "redemption.captured" | "reward_order.status_changed" | "endpoint.disabled" | "campaign.started" | "campaign.ended")[];
            /** @enum {string} */
            status: "enabled" | "disabled";
            disabledReason: string | null;
            /**
             * @description Who disabled the endpoint: `worker` when the delivery worker did for failing, `user` when a person did (by hand or by deleting it); null while it is enabled.
             * @enum {string|null}
             */
            disabledBy: "worker" | "user" | null;
            consecutiveFailures: number;
            failingSince: string | null;
            previousSecretExpiresAt: string | null;
            createdAt: string;
            updatedAt: string;
        };
        CreateWebhookEndpoint: {
            /** @example https://erp.example.com/patron/webhooks */
            url: string;
            description?: string;
            /**
             * @description The event types sent to the endpoint; empty for all of them.
             * @default []
             */
            eventTypes: ("points.earned" | "points.spent" | "points.reversed" | "points.expired" | "tier.changed" | "member.created" | "adjustment.applied" | "hold.created" | "hold.cancelled" | "hold.expired" | "redemption.captured" | "reward_order.status_changed" | "endpoint.disabled" | "campaign.started" | "campaign.ended")[];
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        WebhookEndpointList: {
            data: components["schemas"]["WebhookEndpoint"][];
        };
        UpdateWebhookEndpoint: {
            /** @example https://erp.example.com/patron/webhooks */
            url?: string;
            description?: string | null;
            /** @description The event types sent to the endpoint; empty for all of them. */
            eventTypes?: ("points.earned" | "points.spent" | "points.reversed" | "points.expired" | "tier.changed" | "member.created" | "adjustment.applied" | "hold.created" | "hold.cancelled" | "hold.expired" | "redemption.captured" | "reward_order.status_changed" | "endpoint.disabled" | "campaign.started" | "campaign.ended")[];
            /** @enum {string} */
            status?: "enabled" | "disabled";
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        RotateWebhookSecret: {
            /**
             * @description How long the previous secret still signs (a second signature); 0 ends it now.
             * @default 1440
             */
            overlapMinutes: number;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        WebhookDeliveryPage: {
            data: components["schemas"]["WebhookDelivery"][];
            nextCursor: string | null;
        };
        WebhookDelivery: {
            id: string;
            endpointId: string;
            /** @description The message's id, sent as webhook-id */
            messageId: string;
            type: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            attempts: number;
            nextAttemptAt: string | null;
            lastStatusCode: number | null;
            lastError: string | null;
            createdAt: string;
            deliveredAt: string | null;
        };
        WebhookDeliveryDetail: components["schemas"]["WebhookDelivery"] & {
            payload?: unknown;
            attemptLog: {
                attempt: number;
                at: string;
                statusCode: number | null;
                latencyMs: number;
                error: string | null;
                /** @description The start of the answer's body */
                responseBody: string | null;
            }[];
        };
        ReplayWebhookDelivery: {
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        WebhookMessagePage: {
            data: components["schemas"]["WebhookMessage"][];
            nextCursor: string | null;
        };
        WebhookMessage: {
            id: string;
            seq: number;
            type: string;
            payload?: unknown;
            occurredAt: string;
            dispatchedAt: string | null;
        };
        WebhookDeliveryList: {
            data: components["schemas"]["WebhookDelivery"][];
        };
        ReplayWebhookMessage: {
            /** @description Only to this endpoint */
            endpointId?: string;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        NotificationSettings: {
            triggers: components["schemas"]["NotificationTriggers"];
            /** @enum {string} */
            defaultLanguage: "en" | "ru" | "uk";
            quietHours: {
                /**
                 * @description A local time, HH:MM
                 * @example 21:00
                 */
                from: string;
                /**
                 * @description A local time, HH:MM
                 * @example 21:00
                 */
                to: string;
            } | null;
            maxEmailsPerDay: number;
            fromAddress: string | null;
            updatedAt: string | null;
            updatedBy: string | null;
        };
        NotificationTriggers: {
            welcome: {
                enabled: boolean;
            };
            pointsEarned: {
                enabled: boolean;
                minPoints: number;
            };
            pointsExpiring: {
                enabled: boolean;
                daysBefore: number[];
            };
            tierUp: {
                enabled: boolean;
            };
            tierAtRisk: {
                enabled: boolean;
                windowDays: number;
            };
            rewardOrder: {
                enabled: boolean;
            };
            inactivity: {
                enabled: boolean;
                days: number;
            };
            birthday: {
                enabled: boolean;
            };
            anniversary: {
                enabled: boolean;
            };
            survey: {
                enabled: boolean;
            };
            /**
             * @default {
             *       "enabled": false
             *     }
             */
            campaign: {
                enabled: boolean;
            };
        };
        PutNotificationSettings: {
            triggers: components["schemas"]["NotificationTriggers"];
            /**
             * @default en
             * @enum {string}
             */
            defaultLanguage: "en" | "ru" | "uk";
            /** @default null */
            quietHours: {
                /**
                 * @description A local time, HH:MM
                 * @example 21:00
                 */
                from: string;
                /**
                 * @description A local time, HH:MM
                 * @example 21:00
                 */
                to: string;
            } | null;
            /** @default 3 */
            maxEmailsPerDay: number;
            /** @default null */
            fromAddress: string | null;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        NotificationTemplates: {
            data: components["schemas"]["NotificationTemplate"][];
        };
        NotificationTemplate: {
            /** @enum {string} */
            trigger: "welcome" | "pointsEarned" | "pointsExpiring" | "tierUp" | "tierAtRisk" | "rewardOrder" | "inactivity" | "birthday" | "anniversary" | "survey" | "campaign";
            /** @enum {string} */
            language: "en" | "ru" | "uk";
            subject: string;
            text: string;
            html: string;
            custom: boolean;
            variables: string[];
            updatedAt: string | null;
            updatedBy: string | null;
        };
        PutNotificationTemplate: {
            subject?: string;
            text?: string;
            html?: string;
            /** @description Go back to the built-in wording. */
            reset?: boolean;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        NotificationPreview: {
            subject: string;
            text: string;
            html: string;
        };
        NotificationPreviewRequest: {
            /** @enum {string} */
            trigger: "welcome" | "pointsEarned" | "pointsExpiring" | "tierUp" | "tierAtRisk" | "rewardOrder" | "inactivity" | "birthday" | "anniversary" | "survey" | "campaign";
            /** @enum {string} */
            language: "en" | "ru" | "uk";
            subject?: string;
            text?: string;
            html?: string;
        };
        NotificationPage: {
            data: components["schemas"]["Notification"][];
            nextCursor: string | null;
        };
        Notification: {
            id: string;
            trigger: string;
            category: string;
            /** @enum {string} */
            channel: "email" | "portal";
            memberId: string | null;
            contactId: string;
            email: string | null;
            language: string;
            subject: string;
            text: string;
            /** @enum {string} */
            status: "scheduled" | "sent" | "skipped" | "failed";
            scheduledAt: string;
            sentAt: string | null;
            readAt: string | null;
            attempts: number;
            error: string | null;
            createdAt: string;
        };
        EmailBounce: {
            email: string;
            /** @enum {string} */
            kind: "hard" | "complaint" | "rejected";
            reason: string | null;
            at: string;
            recordedBy: string;
        };
        NewEmailBounce: {
            /** Format: email */
            email: string;
            /**
             * @default hard
             * @enum {string}
             */
            kind: "hard" | "complaint";
            reason?: string;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        EmailBounces: {
            data: components["schemas"]["EmailBounce"][];
        };
        Unsubscribed: {
            /** @enum {string} */
            category: "account" | "points" | "tiers" | "rewards" | "news" | "surveys";
        };
        Unsubscribe: {
            tenant: string;
            token: string;
        };
        CommunicationProfile: {
            contactId: string;
            /** @enum {string|null} */
            language: "en" | "ru" | "uk" | null;
            birthday: string | null;
            unsubscribed: ("account" | "points" | "tiers" | "rewards" | "news" | "surveys")[];
        };
        PutCommunicationProfile: {
            /** @enum {string|null} */
            language?: "en" | "ru" | "uk" | null;
            birthday?: string | null;
            unsubscribed?: ("account" | "points" | "tiers" | "rewards" | "news" | "surveys")[];
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        PortalInbox: {
            data: components["schemas"]["Notification"][];
            unread: number;
            nextCursor: string | null;
        };
        PortalMessageRead: {
            id: string;
            unread: number;
        };
        PortalMessagesRead: {
            marked: number;
        };
        Survey: {
            id: string;
            name: string;
            question: string;
            roles: string[];
            circles: string[];
            /** @enum {string} */
            send: "afterOrder" | "schedule";
            everyDays: number | null;
            points: number;
            active: boolean;
            createdAt: string;
            createdBy: string;
        };
        NewSurvey: {
            name: string;
            /** @default How likely are you to recommend us to a colleague? */
            question: string;
            /** @default [] */
            roles: ("company_admin" | "buyer")[];
            /** @default [] */
            circles: ("decision_maker" | "procurement" | "accounting" | "engineering" | "influencer")[];
            /** @enum {string} */
            send: "afterOrder" | "schedule";
            everyDays?: number;
            /** @default 0 */
            points: number;
            /** @default true */
            active: boolean;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        Surveys: {
            data: components["schemas"]["Survey"][];
        };
        PatchSurvey: {
            name?: string;
            question?: string;
            points?: number;
            active?: boolean;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        SurveyResults: {
            surveyId: string;
            data: components["schemas"]["NpsGroup"][];
        };
        NpsGroup: {
            period: string | null;
            group: string | null;
            responses: number;
            promoters: number;
            passives: number;
            detractors: number;
            /** @description % promoters − % detractors, −100 to 100, one decimal */
            nps: number;
        };
        PortalSurveys: {
            data: components["schemas"]["SurveyRequest"][];
        };
        SurveyRequest: {
            id: string;
            surveyId: string;
            name: string;
            question: string;
            points: number;
            askedAt: string;
            answeredAt: string | null;
        };
        SurveyAnswer: {
            requestId: string;
            score: number;
            comment: string | null;
            points: number;
            transactionId: string | null;
        };
        PortalSurveyAnswer: {
            /** @description 0 (not at all likely) to 10 (extremely likely) */
            score: number;
            comment?: string;
        };
        SurveyLinkSurvey: {
            question: string;
            name: string;
            points: number;
            answeredAt: string | null;
        };
        SurveyLink: {
            tenant: string;
            token: string;
        };
        SurveyLinkAnswer: {
            tenant: string;
            token: string;
            /** @description 0 (not at all likely) to 10 (extremely likely) */
            score: number;
            comment?: string;
        };
        CodeBatch: {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "shared" | "unique";
            discountId: string;
            /** @description What the current program's discount gives; null when it has none by that id */
            discount: {
                rate: string;
                combinable: boolean;
                minGross: string;
            } | null;
            validFrom: string | null;
            validTo: string | null;
            maxUsesPerCode: number | null;
            maxUsesPerCompany: number | null;
            minOrder: string | null;
            firstOrderOnly: boolean;
            /** @enum {string} */
            status: "active" | "disabled";
            createdBy: string;
            createdAt: string;
            codes: number;
            /** @description Orders that used the batch's codes and were not cancelled */
            uses: number;
            /** @description Companies among them */
            companies: number;
        };
        CodeBatchRequest: {
            name: string;
            /** @enum {string} */
            kind: "shared" | "unique";
            /** @description The program's `code` discount whose benefit the codes give */
            discountId: string;
            /** @description The shared code (shared batches) */
            code?: string;
            /** @description Unique codes to generate now */
            count?: number;
            /** @default 12 */
            length: number;
            prefix?: string;
            validFrom?: string | null;
            validTo?: string | null;
            /** @description Orders each code may serve; unique codes default to 1, shared to no limit */
            maxUsesPerCode?: number | null;
            maxUsesPerCompany?: number | null;
            /** @description Smallest gross order the code serves */
            minOrder?: string | number | null;
            /** @default false */
            firstOrderOnly: boolean;
            comment?: string;
        };
        CodeBatchList: {
            data: components["schemas"]["CodeBatch"][];
        };
        CodeBatchChange: {
            /** @enum {string} */
            status: "active" | "disabled";
            comment?: string;
        };
        CodeImportResult: {
            imported: number;
        };
        CodeImport: {
            csv: string;
        };
        CodeCheck: {
            valid: boolean;
            /** @enum {string|null} */
            reason: "unknown" | "not_yet_valid" | "expired" | "used_up" | "company_limit" | "below_minimum" | "not_first_order" | "no_benefit" | "related_company" | null;
            code: string;
            discount: {
                id: string;
                rate: string;
                combinable: boolean;
            } | null;
        };
        CodeCheckRequest: {
            code: string;
            companyId: string;
            /** @description The cart's gross amount */
            cartAmount: string | number;
            /** @description The cart's date; now when not given */
            date?: string;
        };
        OrderImportResult: {
            source: string;
            /** @description Order and return lines in the file */
            lines: number;
            orders: {
                /** @description Taken by this request */
                taken: number;
                /** @description Found taken before (the same source and id, by any file or request): nothing changed */
                seen: number;
            };
            returns: {
                /** @description Taken by this request */
                taken: number;
                /** @description Found taken before (the same source and id, by any file or request): nothing changed */
                seen: number;
            };
        };
        ImportResult: {
            /** @enum {string} */
            kind: "companies" | "contacts";
            /** @description Rows in the file */
            total: number;
            /** @description Rows written by this request */
            imported: number;
            /** @description Rows found imported by an earlier request of the same file */
            skipped: number;
        };
        Reward: {
            id: string;
            name: string;
            description: string;
            /** @enum {string} */
            kind: "goods" | "service" | "training" | "priority_access" | "extended_warranty";
            pricePoints: number;
            stock: number | null;
            imageUrl: string | null;
            tiers: string[];
            roles: ("company_admin" | "buyer")[];
            companyApproval: boolean;
            ownerApproval: boolean;
            active: boolean;
            createdAt: string;
            updatedAt: string;
        };
        RewardRequest: {
            name: string;
            description?: string;
            /** @enum {string} */
            kind: "goods" | "service" | "training" | "priority_access" | "extended_warranty";
            pricePoints: number;
            /** @description null: unlimited */
            stock?: number | null;
            imageUrl?: string | null;
            /** @description Tiers that may order it, by level id: levels of any version of the program (a draft that validates included) */
            tiers?: string[];
            /** @description Portal roles that may order it */
            roles?: ("company_admin" | "buyer")[];
            /** @description A buyer's order waits for the company's admin */
            companyApproval?: boolean;
            /** @description Every order waits for the program owner */
            ownerApproval?: boolean;
            active?: boolean;
            comment?: string;
        };
        RewardImport: {
            created: number;
            updated: number;
            data: components["schemas"]["Reward"][];
        };
        RewardImportRequest: {
            csv: string;
            comment?: string;
        };
        RewardList: {
            data: components["schemas"]["Reward"][];
        };
        RewardChange: {
            name?: string;
            description?: string;
            /** @enum {string} */
            kind?: "goods" | "service" | "training" | "priority_access" | "extended_warranty";
            pricePoints?: number;
            /** @description null: unlimited */
            stock?: number | null;
            imageUrl?: string | null;
            /** @description Tiers that may order it, by level id: levels of any version of the program (a draft that validates included) */
            tiers?: string[];
            /** @description Portal roles that may order it */
            roles?: ("company_admin" | "buyer")[];
            /** @description A buyer's order waits for the company's admin */
            companyApproval?: boolean;
            /** @description Every order waits for the program owner */
            ownerApproval?: boolean;
            active?: boolean;
            comment?: string;
        };
        RewardOrderList: {
            data: components["schemas"]["RewardOrder"][];
        };
        RewardOrder: {
            id: string;
            rewardId: string;
            rewardName: string;
            companyId: string;
            contactId: string;
            quantity: number;
            points: number;
            holdId: string;
            /** @enum {string} */
            status: "requested" | "awaiting_owner" | "approved" | "shipped" | "delivered" | "rejected" | "cancelled";
            note: string | null;
            history: {
                /** @enum {string} */
                status: "requested" | "awaiting_owner" | "approved" | "shipped" | "delivered" | "rejected" | "cancelled";
                at: string;
                by: string;
                note: string | null;
            }[];
            createdAt: string;
            updatedAt: string;
        };
        RewardOrderMove: {
            /** @enum {string} */
            status: "approved" | "shipped" | "delivered" | "rejected";
            /** @description Shown to the company: a tracking number, a reason */
            note?: string;
            comment?: string;
        };
        PortalRewardList: {
            data: components["schemas"]["Reward"][];
        };
        RewardOrderRequest: {
            rewardId: string;
            /** @default 1 */
            quantity: number;
            note?: string;
        };
        PortalRewardOrderMove: {
            /** @enum {string} */
            status: "approved" | "rejected" | "cancelled";
            note?: string;
        };
        PortalReferral: {
            code: string;
            /** @description The portal's address with the code; share it with a new client */
            link: string;
            /** @description The referred company's discount on its first order */
            rate: string;
            referrerPoints: number;
            /** @enum {string} */
            credit: "atOnce" | "afterPayment";
            /** @description Orders that used the code */
            referred: number;
        };
        ReferralApplied: {
            code: string;
            referrerId: string;
        };
        ReferralApply: {
            code: string;
        };
        Campaign: {
            id: string;
            name: string;
            /** @enum {string} */
            audience: "staff" | "dealer";
            /** @enum {string} */
            metric: "amount" | "margin" | "quantity" | "newClients";
            skus: string[];
            categories: string[];
            startsOn: string;
            endsOn: string;
            defaultTarget: string;
            milestones: number[];
            prizes: {
                top?: number;
                aboveTarget?: boolean;
                points: number;
                prize: string | null;
            }[];
            graceDays: number;
            /** @enum {string} */
            status: "draft" | "running" | "ended";
            copiedFrom: string | null;
            createdBy: string;
            createdAt: string;
            startedAt: string | null;
            endedAt: string | null;
            participantCount: number;
            /** @description Everyone for those who run campaigns; a sales manager sees only their own entry */
            participants: {
                /** @description user:<id>, contact:<id> or company:<id> */
                subject: string;
                name: string;
                team: string | null;
                target: string;
                score: string;
            }[];
        };
        CampaignRequest: {
            name: string;
            /**
             * @description staff: the program owner's sales managers, credited with orders of the companies they manage (or that name them); dealer: contacts or companies of dealers, credited with the orders that name them
             * @enum {string}
             */
            audience: "staff" | "dealer";
            /**
             * @description What scores: net sales amount, margin (net less cost), quantity, or new clients (first orders)
             * @enum {string}
             */
            metric: "amount" | "margin" | "quantity" | "newClients";
            /** @default [] */
            skus: string[];
            /** @default [] */
            categories: string[];
            startsOn: string;
            endsOn: string;
            /** @description In the metric's unit: money in units for amount and margin ("500000.00"), units for quantity (up to 3 decimals), a whole count for new clients */
            defaultTarget: string | number;
            /**
             * @description Percentages of target that earn a badge
             * @default [
             *       50,
             *       100,
             *       150
             *     ]
             */
            milestones: number[];
            /** @default [] */
            prizes: ({
                /** @description Places 1 to `top` win it */
                top: number;
                /** @default 0 */
                points: number;
                /** @default null */
                prize: string | null;
            } | {
                /**
                 * @description Everyone who reaches target wins it
                 * @enum {boolean}
                 */
                aboveTarget: true;
                /** @default 0 */
                points: number;
                /** @default null */
                prize: string | null;
            })[];
            /**
             * @description Settlement grace: days after the last one during which orders dated in the period still score; the campaigns job finalizes the campaign and awards the prizes after them
             * @default 3
             */
            graceDays: number;
            /** @default [] */
            participants: {
                /**
                 * @description A console user with the sales_manager role (staff campaigns), or a contact or company (dealer)
                 * @enum {string}
                 */
                kind: "user" | "contact" | "company";
                id: string;
                team?: string | null;
                /** @description The campaign's default target when absent */
                target?: string | number | null;
            }[];
            comment?: string;
        };
        CampaignList: {
            data: {
                id: string;
                name: string;
                /** @enum {string} */
                audience: "staff" | "dealer";
                /** @enum {string} */
                metric: "amount" | "margin" | "quantity" | "newClients";
                skus: string[];
                categories: string[];
                startsOn: string;
                endsOn: string;
                defaultTarget: string;
                milestones: number[];
                prizes: {
                    top?: number;
                    aboveTarget?: boolean;
                    points: number;
                    prize: string | null;
                }[];
                graceDays: number;
                /** @enum {string} */
                status: "draft" | "running" | "ended";
                copiedFrom: string | null;
                createdBy: string;
                createdAt: string;
                startedAt: string | null;
                endedAt: string | null;
                participantCount: number;
            }[];
        };
        CampaignChange: {
            name?: string;
            /**
             * @description staff: the program owner's sales managers, credited with orders of the companies they manage (or that name them); dealer: contacts or companies of dealers, credited with the orders that name them
             * @enum {string}
             */
            audience?: "staff" | "dealer";
            /**
             * @description What scores: net sales amount, margin (net less cost), quantity, or new clients (first orders)
             * @enum {string}
             */
            metric?: "amount" | "margin" | "quantity" | "newClients";
            skus?: string[];
            categories?: string[];
            startsOn?: string;
            endsOn?: string;
            /** @description In the metric's unit: money in units for amount and margin ("500000.00"), units for quantity (up to 3 decimals), a whole count for new clients */
            defaultTarget?: string | number;
            milestones?: number[];
            prizes?: ({
                /** @description Places 1 to `top` win it */
                top: number;
                /** @default 0 */
                points: number;
                /** @default null */
                prize: string | null;
            } | {
                /**
                 * @description Everyone who reaches target wins it
                 * @enum {boolean}
                 */
                aboveTarget: true;
                /** @default 0 */
                points: number;
                /** @default null */
                prize: string | null;
            })[];
            graceDays?: number;
            participants?: {
                /**
                 * @description A console user with the sales_manager role (staff campaigns), or a contact or company (dealer)
                 * @enum {string}
                 */
                kind: "user" | "contact" | "company";
                id: string;
                team?: string | null;
                /** @description The campaign's default target when absent */
                target?: string | number | null;
            }[];
            comment?: string;
        };
        CampaignNotified: {
            emails: number;
        };
        CampaignCopy: {
            name: string;
            startsOn: string;
            endsOn: string;
            comment?: string;
        };
        CampaignLeaderboard: {
            campaign: {
                id: string;
                name: string;
                /** @enum {string} */
                metric: "amount" | "margin" | "quantity" | "newClients";
                /** @enum {string} */
                status: "draft" | "running" | "ended";
                startsOn: string;
                endsOn: string;
            };
            currency: string | null;
            participants: number;
            individuals: {
                rank: number;
                participant: string;
                name: string;
                team: string | null;
                score: string;
                target: string;
                /** @description Score in thousandths of target (1000 = target reached) */
                progressMilli: number;
                reachedTarget: boolean;
                sales: number;
                badges: string[];
            }[];
            teams: {
                rank: number;
                team: string;
                score: string;
                target: string;
                progressMilli: number;
                reachedTarget: boolean;
            }[];
            /** @description The caller's own standing, when the caller takes part */
            me: {
                rank: number;
                participant: string;
                name: string;
                team: string | null;
                score: string;
                target: string;
                /** @description Score in thousandths of target (1000 = target reached) */
                progressMilli: number;
                reachedTarget: boolean;
                sales: number;
                badges: string[];
            } | null;
            refreshedAt: string;
        };
        PortalCampaigns: {
            data: {
                id: string;
                name: string;
                /** @enum {string} */
                metric: "amount" | "margin" | "quantity" | "newClients";
                /** @enum {string} */
                status: "running" | "ended";
                startsOn: string;
                endsOn: string;
                currency: string | null;
                participants: number;
                /** @description The caller's standing */
                me: {
                    rank: number;
                    name: string;
                    team: string | null;
                    score: string;
                    target: string;
                    progressMilli: number;
                    reachedTarget: boolean;
                    sales: number;
                    badges: string[];
                    /** @description The caller's own entry (or its company's) */
                    me: boolean;
                } | null;
            }[];
        };
        PortalCampaignBoard: {
            campaign: {
                id: string;
                name: string;
                /** @enum {string} */
                metric: "amount" | "margin" | "quantity" | "newClients";
                /** @enum {string} */
                status: "running" | "ended";
                startsOn: string;
                endsOn: string;
                currency: string | null;
                participants: number;
            };
            /** @description The first places of the board */
            top: {
                rank: number;
                name: string;
                team: string | null;
                score: string;
                target: string;
                progressMilli: number;
                reachedTarget: boolean;
                sales: number;
                badges: string[];
                /** @description The caller's own entry (or its company's) */
                me: boolean;
            }[];
            me: {
                rank: number;
                name: string;
                team: string | null;
                score: string;
                target: string;
                progressMilli: number;
                reachedTarget: boolean;
                sales: number;
                badges: string[];
                /** @description The caller's own entry (or its company's) */
                me: boolean;
            } | null;
            prizes: {
                top?: number;
                aboveTarget?: boolean;
                points: number;
                prize: string | null;
            }[];
        };
        CampaignReport: {
            campaign: {
                id: string;
                name: string;
                /** @enum {string} */
                audience: "staff" | "dealer";
                /** @enum {string} */
                metric: "amount" | "margin" | "quantity" | "newClients";
                skus: string[];
                categories: string[];
                startsOn: string;
                endsOn: string;
                defaultTarget: string;
                milestones: number[];
                prizes: {
                    top?: number;
                    aboveTarget?: boolean;
                    points: number;
                    prize: string | null;
                }[];
                graceDays: number;
                /** @enum {string} */
                status: "draft" | "running" | "ended";
                copiedFrom: string | null;
                createdBy: string;
                createdAt: string;
                startedAt: string | null;
                endedAt: string | null;
                participantCount: number;
            };
            currency: string | null;
            participants: {
                rank: number;
                participant: string;
                name: string;
                team: string | null;
                sales: number;
                amount: string;
                margin: string;
                quantity: string;
                newClients: number;
                score: string;
                target: string;
                progressMilli: number;
                reachedTarget: boolean;
                prizes: string[];
                points: number;
            }[];
            teams: {
                rank: number;
                team: string;
                score: string;
                target: string;
                progressMilli: number;
                reachedTarget: boolean;
                members: number;
            }[];
            awards: {
                participant: string;
                /** @enum {string} */
                kind: "badge" | "prize";
                code: string;
                rank: number | null;
                points: number;
                prize: string | null;
                transactionId: string | null;
                awardedAt: string;
            }[];
            /** @description Once the campaign is finalized: orders dated in its period, for its participants, that arrived after the close and were left out of the final result; null before */
            lateOrders: number | null;
        };
        WidgetToken: {
            /** @description `pwt_…`, in this answer only; null in a replay */
            token: string | null;
            memberId: string;
            contactId: string | null;
            expiresAt: string;
        };
        WidgetTokenRequest: {
            /** @description The buyer's company */
            memberId: string;
            /** @description The signed-in buyer, when known */
            contactId?: string;
            /** @default 15 */
            expiresInMinutes: number;
        };
        WidgetSummary: {
            memberId: string;
            available: number;
            pending: number;
            expiring: {
                date: string;
                points: number;
            }[];
            tier: {
                id: string;
                name: string;
            } | null;
            next: {
                name: string;
                remaining: string | number;
                by: string | null;
            } | null;
            /** @description How far to the next level, 0 to 1 (1 at the top level) */
            progress: number;
        };
        WidgetQuote: {
            pointsEarned: number;
            gross: string;
            discount: string;
            net: string;
            /** @description The company is in the hold-out group: it earns nothing, whatever the cart */
            heldOut: boolean;
        };
        WidgetCart: {
            lines: {
                sku: string;
                /** @default  */
                category: string;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                quantity: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitPrice: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitCost?: string | number | null;
            }[];
            promoCode?: string | null;
            date?: string;
        };
        MembershipPlanList: {
            data: components["schemas"]["MembershipPlan"][];
        };
        MembershipPlan: {
            id: string;
            name: string;
            fee: string;
            feePoints: number | null;
            periodDays: number;
            discountRate: string;
            extraEarnRate: string;
            freeDelivery: boolean;
            priorityService: boolean;
            /** @enum {string} */
            refund: "none" | "prorata";
            active: boolean;
            createdAt: string;
        };
        MembershipPlanInput: {
            /** @example BahnCard 50 */
            name: string;
            /** @example 220.00 */
            fee: string;
            /**
             * @description When set, the fee is paid in points from the company's wallet instead of money
             * @default null
             */
            feePoints: number | null;
            /** @example 365 */
            periodDays: number;
            /**
             * @description Off every line while the membership is valid
             * @example 50%
             */
            discountRate: string;
            /**
             * @description Points earned on top of the program's rate
             * @default 0%
             * @example 0%
             */
            extraEarnRate: string;
            /** @default false */
            freeDelivery: boolean;
            /** @default false */
            priorityService: boolean;
            /**
             * @description What a cancellation gives back of the fee
             * @default prorata
             * @enum {string}
             */
            refund: "none" | "prorata";
            /**
             * @description Whether it is sold now
             * @default true
             */
            active: boolean;
        };
        MembershipPlanPatch: {
            /** @example BahnCard 50 */
            name?: string;
            /** @example 220.00 */
            fee?: string;
            /** @description When set, the fee is paid in points from the company's wallet instead of money */
            feePoints?: number | null;
            /** @example 365 */
            periodDays?: number;
            /**
             * @description Off every line while the membership is valid
             * @example 50%
             */
            discountRate?: string;
            /**
             * @description Points earned on top of the program's rate
             * @example 0%
             */
            extraEarnRate?: string;
            freeDelivery?: boolean;
            priorityService?: boolean;
            /**
             * @description What a cancellation gives back of the fee
             * @enum {string}
             */
            refund?: "none" | "prorata";
            /** @description Whether it is sold now */
            active?: boolean;
        };
        MembershipPage: {
            data: components["schemas"]["Membership"][];
            nextCursor: string | null;
        };
        Membership: {
            id: string;
            planId: string;
            planName: string;
            companyId: string;
            startsOn: string;
            /** @description The last day of the benefit (before startsOn: it never began) */
            endsOn: string;
            /** @enum {string} */
            status: "active" | "cancelled";
            fee: string;
            feePoints: number | null;
            boughtBy: string;
            cancelledOn: string | null;
            refund: string;
            refundPoints: number;
            createdAt: string;
        };
        BuyMembership: {
            companyId: string;
            planId: string;
        };
        MembershipEconomics: {
            from: string;
            to: string;
            plans: {
                planId: string;
                name: string;
                memberships: number;
                /** @description Memberships valid on the last day */
                active: number;
                feesIn: string;
                refundsOut: string;
                feePointsIn: number;
                refundPointsOut: number;
                discountsGiven: string;
                extraPointsGiven: number;
                orders: number;
                /** @description Fees in − refunds out − discounts given (money only) */
                net: string;
            }[];
        };
        PortalMemberships: {
            plans: components["schemas"]["MembershipPlan"][];
            memberships: components["schemas"]["Membership"][];
        };
        PortalBuyMembership: {
            planId: string;
        };
        PortalQuote: {
            [key: string]: unknown;
        };
        PortalCart: {
            lines: {
                sku: string;
                /** @default  */
                category: string;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                quantity: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitPrice: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitCost?: string | number | null;
            }[];
            promoCode?: string;
            pointsToRedeem?: number;
        };
        DiscountLimitList: {
            data: components["schemas"]["DiscountLimit"][];
        };
        DiscountLimit: {
            /** @enum {string} */
            role: "owner" | "admin" | "program_manager" | "sales_manager" | "finance" | "support";
            maxDiscountRate: string;
            maxEarnRate: string;
        };
        PutDiscountLimits: {
            limits: {
                /** @enum {string} */
                role: "owner" | "admin" | "program_manager" | "sales_manager" | "finance" | "support";
                maxDiscountRate: string;
                maxEarnRate: string;
            }[];
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        DiscountGrant: {
            id: string;
            companyId: string;
            discountRate: string;
            extraEarnRate: string;
            reason: string;
            validFrom: string;
            validTo: string;
            /** @description The person answerable for the grant */
            ownerId: string;
            /** @description The owner's name when the owner is a console user; null for an API key */
            ownerName: string | null;
            ownerRole: string;
            /** @enum {string} */
            status: "pending_approval" | "active" | "rejected" | "revoked";
            decidedBy: string | null;
            decidedAt: string | null;
            decisionComment: string | null;
            createdAt: string;
        };
        DiscountGrantInput: {
            companyId: string;
            /**
             * @default 0%
             * @example 4%
             */
            discountRate: string;
            /**
             * @default 0%
             * @example 0%
             */
            extraEarnRate: string;
            /** @example three-year contract */
            reason: string;
            /** @description Today by default */
            validFrom?: string;
            validTo: string;
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        DiscountGrantDecision: {
            /** @description Why the change is made; kept in the audit log. */
            comment?: string;
        };
        DiscountGrantPage: {
            data: components["schemas"]["DiscountGrant"][];
            nextCursor: string | null;
        };
        DiscountCost: {
            from: string;
            to: string;
            managers: {
                ownerId: string;
                grants: number;
                active: number;
                pending: number;
                orders: number;
                discountGiven: string;
                extraPointsGiven: number;
            }[];
        };
        RecordedAction: components["schemas"]["ActionRecord"] & {
            replayed: boolean;
        };
        ActionRecord: {
            id: string;
            externalId: string;
            companyId: string;
            contactId: string | null;
            action: string;
            subject: string | null;
            date: string;
            points: number;
            effects: {
                [key: string]: unknown;
            }[];
            transactionId: string | null;
            recordedBy: string;
            createdAt: string;
        };
        Action: {
            /** @description Sending the same id twice records it once */
            externalId: string;
            companyId: string;
            contactId?: string;
            /** @enum {string} */
            action: "attendance" | "course" | "survey" | "profile" | "greeting" | "custom";
            /**
             * @description The training, course, survey or occasion
             * @example safety-2026
             */
            subject?: string;
            /** @description When it happened (today by default) */
            date?: string;
        };
        ActionBatchResult: {
            data: components["schemas"]["RecordedAction"][];
        };
        ActionBatch: {
            actions: components["schemas"]["Action"][];
        };
        ActionPage: {
            data: components["schemas"]["ActionRecord"][];
            nextCursor: string | null;
        };
        PartnerList: {
            data: components["schemas"]["Partner"][];
        };
        Partner: {
            id: string;
            name: string;
            email: string | null;
            createdAt: string;
            activeKeys: number;
            /** @description The published program's coalition section lists it (else its orders earn nothing) */
            inProgram: boolean;
        };
        PartnerRequest: {
            id: string;
            name: string;
            /** Format: email */
            email?: string | null;
            comment?: string;
        };
        Settlement: {
            data: components["schemas"]["SettlementRow"][];
        };
        SettlementRow: {
            month: string;
            partnerId: string;
            partnerName: string | null;
            pointsIssued: number;
            pointsRedeemed: number;
            amountMinor: number;
            /** @description Positive: the partner owes the program; negative: the program owes the partner */
            amount: string;
            closedAt: string | null;
            transactionId: string | null;
        };
        ClosedSettlement: {
            data: components["schemas"]["SettlementRow"][];
        };
        SettlementClose: {
            month: string;
            comment?: string;
        };
        PartnerDetail: components["schemas"]["Partner"] & {
            keys: components["schemas"]["PartnerKey"][];
        };
        PartnerKey: {
            id: string;
            name: string | null;
            prefix: string;
            createdBy: string;
            createdAt: string;
            revokedAt: string | null;
        };
        PartnerHoldPage: {
            data: components["schemas"]["PartnerHoldLine"][];
            nextCursor: string | null;
        };
        PartnerChange: {
            name?: string;
            /** Format: email */
            email?: string | null;
            comment?: string;
        };
        NewPartnerKey: components["schemas"]["PartnerKey"] & {
            secret: string;
        };
        PartnerKeyRequest: {
            name?: string;
            comment?: string;
        };
        PartnerIngested: {
            [key: string]: unknown;
        };
        PartnerEvent: components["schemas"]["PartnerOrderEvent"] | components["schemas"]["PartnerReturnEvent"];
        PartnerOrderEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "order";
            orderId: string;
            /** @description An ISO date or date-time; without an offset it is local to the program's time zone */
            date: string;
            companyId: string;
            contactId?: string | null;
            lines: {
                sku: string;
                /** @default  */
                category: string;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                quantity: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitPrice: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitCost?: string | number | null;
            }[];
            pointsToRedeem?: number | null;
            promoCode?: string | null;
            paidOn?: string | null;
            termMonths?: number | null;
        };
        PartnerReturnEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "return";
            externalId: string;
            /** @description The partner's own order id */
            orderId: string;
            date: string;
            lines: {
                sku: string;
                unitPrice: string | number;
                quantity: string | number;
            }[];
        };
        PartnerOrders: {
            data: {
                orderId: string;
                companyId: string;
                date: string;
                net: string;
                pointsEarned: number;
                pointsRedeemed: number;
                cancelled: boolean;
            }[];
        };
        PartnerWallet: {
            memberId: string;
            available: number;
            pending: number;
            held: number;
        };
        PartnerHoldRequest: components["schemas"]["HoldRequest"] & {
            /** @description The cart the points are for, priced as this partner's order: at most what it may spend. */
            cart?: {
                /** @enum {string} */
                type?: "order";
                source?: string;
                contactId?: string | null;
                lines: {
                    sku: string;
                    /** @default  */
                    category: string;
                    /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                    quantity: string | number;
                    /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                    unitPrice: string | number;
                    /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                    unitCost?: string | number | null;
                }[];
                promoCode?: string | null;
                paidOn?: string | null;
                termMonths?: number | null;
                /** @description A redemption hold the order captures: its points are spent by this order */
                holdId?: string | null;
                /** @description An edited order: the id of the order it replaces, cancelled in the same transaction (it must not be paid yet) */
                replaces?: string | null;
                /** @description The cart's date, local to the program's time zone; now when not given */
                date?: string;
            };
        };
        PartnerCapturedHold: {
            hold: components["schemas"]["Hold"];
            order: {
                [key: string]: unknown;
            };
        };
        PartnerCaptureOrder: {
            orderId: string;
            /** @description An ISO date or date-time; without an offset it is local to the program's time zone */
            date: string;
            companyId: string;
            contactId?: string | null;
            lines: {
                sku: string;
                /** @default  */
                category: string;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                quantity: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitPrice: string | number;
                /** @description A decimal in units, e.g. "11000.00" or 2.5 */
                unitCost?: string | number | null;
            }[];
            pointsToRedeem?: number | null;
            promoCode?: string | null;
            paidOn?: string | null;
            termMonths?: number | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
