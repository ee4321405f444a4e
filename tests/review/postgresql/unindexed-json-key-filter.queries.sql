SELECT id FROM products WHERE attributes ->> 'colour' = 'red'; -- expect: unindexed-json-key-filter
