-- Shard-ready MySQL schema for Vitess: the sharding key (customer_id) leads every key, ids from a sequence table
-- Tables of one customer share the sharding key, so Vitess routes each query to one shard
-- and a customer's joins and transactions stay on that shard.
CREATE TABLE customers (
  customer_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  name        VARCHAR(255) NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE orders (
  customer_id BIGINT UNSIGNED NOT NULL,
  order_id    BIGINT UNSIGNED NOT NULL,
  total       DECIMAL(19,4)   NOT NULL,
  created_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (customer_id, order_id),
  KEY orders_customer_created (customer_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- AUTO_INCREMENT is per shard and would collide across shards: Vitess hands out ids
-- from a sequence table in an unsharded keyspace (the comment marks it as one).
CREATE TABLE order_seq (
  id      INT    NOT NULL,
  next_id BIGINT NULL,
  cache   BIGINT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB COMMENT 'vitess_sequence';
INSERT INTO order_seq (id, next_id, cache) VALUES (0, 1, 1000);

-- The VSchema (JSON, applied with vtctldclient ApplyVSchema) names the sharding key:
--   "vindexes": { "hash": { "type": "hash" } },
--   "tables": {
--     "customers": { "column_vindexes": [ { "column": "customer_id", "name": "hash" } ] },
--     "orders":    { "column_vindexes": [ { "column": "customer_id", "name": "hash" } ],
--                    "auto_increment": { "column": "order_id", "sequence": "order_seq" } } }

INSERT INTO customers (customer_id, name) VALUES (1, 'Acme'), (2, 'Globex');
INSERT INTO orders (customer_id, order_id, total) VALUES (1, 1, 19.90), (1, 2, 42.00), (2, 3, 250.00);

-- Single-shard query: the WHERE names the sharding key.
SELECT c.name, COUNT(*) AS orders, SUM(o.total) AS revenue
FROM customers c JOIN orders o ON o.customer_id = c.customer_id
WHERE c.customer_id = 1
GROUP BY c.name;

-- Without the sharding key the same query fans out to every shard (scatter): keep such
-- queries for reports, or serve them from a warehouse.
SELECT COUNT(*) AS all_orders FROM orders;
