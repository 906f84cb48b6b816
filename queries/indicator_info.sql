-- One indicator's kind, names and measure unit. Parameters: $indicator.
SELECT code, name_vi, name_en, kind, measure_unit_vi, measure_unit_en
FROM indicators WHERE code = $indicator;
