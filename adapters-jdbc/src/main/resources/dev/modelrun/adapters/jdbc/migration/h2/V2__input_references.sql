-- Inputs kept as a reference to where their bytes live (an S3 object, credentials sealed) instead of the bytes:
-- reference_kind names what opens the content (NULL: content is the bytes); size_bytes is the input's size.
ALTER TABLE mr_input ADD COLUMN reference_kind VARCHAR(32);
ALTER TABLE mr_input ADD COLUMN size_bytes BIGINT;
UPDATE mr_input SET size_bytes = OCTET_LENGTH(content);
ALTER TABLE mr_input ALTER COLUMN size_bytes SET NOT NULL;
