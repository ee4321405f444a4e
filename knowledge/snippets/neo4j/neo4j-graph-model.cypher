// A graph model in Neo4j: typed, directed relationships and indexed entry points
// Uniqueness constraints double as the indexes that traversals start from.
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT account_iban IF NOT EXISTS FOR (a:Account) REQUIRE a.iban IS UNIQUE;
CREATE INDEX device_fingerprint IF NOT EXISTS FOR (d:Device) ON (d.fingerprint);

// Entities are nodes with labels; connections that queries follow are relationships
// with a type, a direction and (small) properties of their own.
MERGE (ada:Person {id: 'p-1'}) SET ada.name = 'Ada'
MERGE (bob:Person {id: 'p-2'}) SET bob.name = 'Bob'
MERGE (eve:Person {id: 'p-3'}) SET eve.name = 'Eve'
MERGE (a1:Account {iban: 'FR7630006000011234567890189'})
MERGE (a2:Account {iban: 'DE89370400440532013000'})
MERGE (a3:Account {iban: 'GB29NWBK60161331926819'})
MERGE (phone:Device {fingerprint: 'fp-7f3a'})
MERGE (ada)-[:OWNS]->(a1)
MERGE (bob)-[:OWNS]->(a2)
MERGE (eve)-[:OWNS]->(a3)
MERGE (ada)-[:USED]->(phone)
MERGE (eve)-[:USED]->(phone)
MERGE (a1)-[:TRANSFERRED {amount: 950.00, at: datetime('2025-05-01T10:00:00Z')}]->(a2)
MERGE (a2)-[:TRANSFERRED {amount: 940.00, at: datetime('2025-05-01T10:05:00Z')}]->(a3)
MERGE (ada)-[:KNOWS {since: date('2020-01-01')}]->(bob);

// Friends of friends: a two-hop traversal that costs what it touches.
MATCH (me:Person {id: 'p-1'})-[:KNOWS*1..2]-(other:Person)
WHERE other <> me
RETURN DISTINCT other.name AS reachable;

// Fraud ring: money that leaves an account and comes back to someone sharing a device
// with the sender, within three hops. Bounded path lengths keep traversals finite.
MATCH (p:Person)-[:OWNS]->(src:Account)-[t:TRANSFERRED*1..3]->(dst:Account)<-[:OWNS]-(q:Person),
      (p)-[:USED]->(d:Device)<-[:USED]-(q)
WHERE p <> q
RETURN p.name AS sender, q.name AS receiver, d.fingerprint AS shared_device,
       [r IN t | r.amount] AS amounts;
