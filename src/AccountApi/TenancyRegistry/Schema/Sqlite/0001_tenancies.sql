-- The tenancy registry. Every write takes the next number of tenancy_registry.sequence (one row, so writers queue
-- on it) and stamps the row it writes with it: instances read what changed after the last number they applied.
CREATE TABLE tenancy_registry (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    sequence INTEGER NOT NULL,
    seeded INTEGER NOT NULL
);
INSERT INTO tenancy_registry (id, sequence, seeded) VALUES (1, 0, 0);

-- key: the name in lower case (names compare case-insensitively); name: as written. A deleted tenancy stays as a
-- row with deleted = 1 until it is written again, so that other instances learn of the deletion.
CREATE TABLE tenancies (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    directory_ids TEXT NOT NULL,
    suspended INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    sequence INTEGER NOT NULL
);
CREATE UNIQUE INDEX tenancies_by_sequence ON tenancies (sequence);
