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
        get?: never;
        put?: never;
        /**
         * Publish a program version
         * @description Validates a definition (YAML or JSON, as text) and publishes it as the next version, effective from its `effectiveFrom` (or `startsOn`).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        definition: string;
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
        get?: never;
        put?: never;
        /**
         * Send an order or a return
         * @description Each event is taken once per (source, order id) or (source, external id): sending it again changes nothing and answers as the first time (`replayed: true`).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["OrderEvent"] | components["schemas"]["ReturnEvent"];
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
            requestBody?: {
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
    "/v1/members/{id}/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member's points
         * @description Available points (negative when the member owes points) and points pending until their day.
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
        put?: never;
        post?: never;
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
            }[];
        };
        Quote: {
            [key: string]: unknown;
        };
        Cart: {
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
        };
        Wallet: {
            memberId: string;
            available: number;
            pending: number;
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
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
