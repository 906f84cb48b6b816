-- The number of rows below the header, and of those holding cells past the header's width. Parameters: none.
SELECT count(*), count(*) FILTER (WHERE extra) FROM cells;
