-- Accounts. E-mail addresses are stored lower-cased by the application, so the unique
-- index makes them unique regardless of case.
CREATE TABLE users (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text        NOT NULL,
    name          text        NOT NULL,
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL DEFAULT '{USER}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_lower CHECK (email = lower(email)),
    CONSTRAINT users_roles_known CHECK (roles <@ ARRAY['USER', 'ORGANIZER', 'ADMIN']::text[])
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- A login session ("family" of refresh tokens). It ends at expires_at however often it
-- is refreshed, or when revoked. Rotation and revocation lock this row, so a token
-- issued by a refresh racing a revocation is revoked too.
CREATE TABLE refresh_families (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_families_expiry_idx ON refresh_families (expires_at);

-- Refresh tokens: opaque to clients, stored as SHA-256 hashes. Each refresh uses one
-- token up (used_at) and adds its successor to the family. Presenting a used or revoked
-- token revokes the whole family.
CREATE TABLE refresh_tokens (
    id          uuid        PRIMARY KEY,
    family_id   uuid        NOT NULL REFERENCES refresh_families (id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  bytea       NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
