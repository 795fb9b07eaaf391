-- btree_gist backs the exclusion constraints that make double booking impossible;
-- pg_trgm backs fuzzy name search. Both are trusted extensions on PostgreSQL 13+.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
