-- Records a restore in the restored store. Parameters: $detail (JSON: the backup's folder name and creation time,
-- the file name the previous store was kept under).
INSERT INTO maintenance_log (event, detail) VALUES ('restored', $detail)
