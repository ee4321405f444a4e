SELECT id FROM products -- expect: unindexed-json-key-filter
WHERE JSON_UNQUOTE(JSON_EXTRACT(attributes, '$.colour')) = 'red';
