-- Saved sets. data is NULL once the owner deleted the set; the row stays so
-- the id is never reused and the link can say "removed" rather than
-- "not found". Times are Unix milliseconds in both dialects.
CREATE TABLE sets (
	id          TEXT PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN ('encrypted', 'public')),
	data        {{BYTES}},
	delete_hash {{BYTES}} NOT NULL,
	created_ms  BIGINT NOT NULL,
	deleted_ms  BIGINT
);
