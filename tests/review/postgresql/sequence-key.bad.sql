CREATE TABLE tags (
    id serial PRIMARY KEY, -- expect: sequence-key
    name text NOT NULL
);
CREATE SEQUENCE labels_id_seq;
CREATE TABLE labels (
    id bigint DEFAULT nextval('labels_id_seq') NOT NULL PRIMARY KEY, -- expect: sequence-key
    name text NOT NULL
);
