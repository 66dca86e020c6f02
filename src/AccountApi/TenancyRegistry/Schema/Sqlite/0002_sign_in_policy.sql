-- Per-tenancy sign-in policy: app roles and authentication contexts (acrs) every caller's token must carry,
-- space-separated; empty asks for nothing beyond the API.
ALTER TABLE tenancies ADD COLUMN required_roles TEXT NOT NULL DEFAULT '';
ALTER TABLE tenancies ADD COLUMN required_acrs TEXT NOT NULL DEFAULT '';
