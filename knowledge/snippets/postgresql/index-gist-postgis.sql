-- GiST index on a PostGIS geography column for "near me" and "inside this area"
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE stores (
  id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name     TEXT NOT NULL,
  -- geography measures in metres on the spheroid; SRID 4326 = longitude/latitude (WGS 84).
  location GEOGRAPHY(POINT, 4326) NOT NULL
);

-- Stores scattered around Berlin (longitude first, then latitude).
INSERT INTO stores (name, location)
SELECT 'Store ' || g,
       ST_SetSRID(ST_MakePoint(13.2 + (g % 100) * 0.004, 52.4 + (g / 100) * 0.002), 4326)::geography
FROM generate_series(1, 20000) AS g;

-- A B-tree cannot index two dimensions; GiST indexes bounding boxes (an R-tree).
CREATE INDEX stores_location_gist ON stores USING GIST (location);
ANALYZE stores;

-- Within 1 km of a point: ST_DWithin uses the index. (ST_Distance(...) < 1000 in the
-- WHERE clause would not, and would compute the distance for every row.)
EXPLAIN (COSTS OFF)
SELECT id, name FROM stores
WHERE ST_DWithin(location, ST_SetSRID(ST_MakePoint(13.405, 52.52), 4326)::geography, 1000);

-- The 5 nearest: ORDER BY the <-> distance operator is a nearest-neighbour index scan.
SELECT name,
       round(ST_Distance(location, ST_SetSRID(ST_MakePoint(13.405, 52.52), 4326)::geography)) AS metres
FROM stores
ORDER BY location <-> ST_SetSRID(ST_MakePoint(13.405, 52.52), 4326)::geography
LIMIT 5;

-- Inside a delivery zone (a polygon): ST_Covers uses the same index.
SELECT count(*) AS stores_in_zone
FROM stores
WHERE ST_Covers(
  ST_GeogFromText('SRID=4326;POLYGON((13.38 52.50, 13.43 52.50, 13.43 52.54, 13.38 52.54, 13.38 52.50))'),
  location);
