-- The catalogue's search box: the term anywhere in the name.
SELECT p.id, p.name FROM products AS p -- expect: substring-search-without-trigram
WHERE p.name ILIKE '%' || 'bolt' || '%'
ORDER BY p.name
LIMIT 20;
-- A prefix: the B-tree with text_pattern_ops serves it.
SELECT id FROM products WHERE sku LIKE 'AB-%';
