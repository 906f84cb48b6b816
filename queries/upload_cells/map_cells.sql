-- Column {col} with its cells replaced where cell_map (old, new) names a replacement (a unit code's restored
-- leading zero, a vintage written in Vietnamese). Parameters: none.
UPDATE cells SET "{col}" = m.new FROM cell_map AS m WHERE cells."{col}" = m.old;
