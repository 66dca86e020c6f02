-- The tenancy registry (see Schema/Sqlite/0001_tenancies.sql: the same tables, in PostgreSQL's types). Every write
-- bumps tenancy_registry.sequence first: the row lock queues writers, so sequences are committed in order.
CREATE TABLE tenancy_registry (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    sequence BIGINT NOT NULL,
    seeded BIGINT NOT NULL
);
INSERT INTO tenancy_registry (id, sequence, seeded) VALUES (1, 0, 0);

CREATE TABLE tenancies (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    directory_ids TEXT NOT NULL,
    suspended BIGINT NOT NULL,
    deleted BIGINT NOT NULL,
    sequence BIGINT NOT NULL
);
CREATE UNIQUE INDEX tenancies_by_sequence ON tenancies (sequence);
