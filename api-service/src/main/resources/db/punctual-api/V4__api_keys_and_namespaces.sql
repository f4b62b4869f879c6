-- API keys issued by POST /admin/api-keys, and the namespace of every job.

CREATE TABLE api_keys (
    -- The public part of a key (pct_<id>_<secret>), shown in lists and recorded as the actor.
    id          text COLLATE "C" PRIMARY KEY,
    name        text        NOT NULL,
    -- Scope values as written in the API (jobs:read, jobs:write, jobs:trigger, admin), separated
    -- by single spaces like an OAuth2 scope claim.
    scopes      text        NOT NULL,
    -- NULL: every namespace.
    namespace   text,
    -- SHA-256 of the whole key; the key itself is never stored.
    key_hash    bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

-- Existing jobs, and jobs produced onto the topic without one, are in the namespace "default".
ALTER TABLE jobs ADD COLUMN namespace text COLLATE "C" NOT NULL DEFAULT 'default';

-- Lists of one namespace, in id order (keyset pagination).
CREATE INDEX jobs_namespace_id ON jobs (namespace, id);
