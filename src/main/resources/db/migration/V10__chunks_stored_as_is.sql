-- Chunks are compressed by the app (zstd now, deflate before): PostgreSQL need not try to compress them again when
-- it moves them out of line (EXTERNAL: out of line, uncompressed), which cost the metadata database CPU on every
-- chunk of every live run. A chunk is checked by its CRC32C (hardware-assisted) instead of a SHA-256 of its own;
-- chunks stored before keep their SHA-256, and the result's checksum stays one SHA-256 over every chunk's check.
alter table result_chunks add column crc32c integer;
alter table result_chunks alter column sha256 drop not null;
alter table result_chunks add constraint result_chunks_checked check (sha256 is not null or crc32c is not null);
-- jOOQ's code generator does not parse storage settings (there is nothing to generate for them).
/* [jooq ignore start] */
alter table result_chunks alter column data set storage external;
/* [jooq ignore stop] */
