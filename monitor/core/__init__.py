"""The shared core: the store, the engine, status rules, reference data, languages and errors."""
