-- Extensions the schema relies on. pg_trgm ships with PostgreSQL (contrib) and is
-- trusted, so the database owner can create it without superuser rights.
-- pg_trgm: trigram indexes, for searching event titles and descriptions by fragments.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
