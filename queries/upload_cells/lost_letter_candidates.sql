-- The distinct cells of column {col} that may have lost their Vietnamese letters: a '?' or a byte sequence of
-- UTF-8 read as a Western encoding (headers.lost_letters decides each). Parameters: none.
SELECT DISTINCT "{col}" AS cell FROM cells WHERE regexp_matches("{col}", '[?ÃÆÄ]|áº|á»|â€');
