CREATE TABLE documents (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE document_pages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint REFERENCES documents (id) ON DELETE CASCADE, -- expect: nullable-owned-foreign-key
    page_no integer NOT NULL
);
CREATE INDEX document_pages_document_id_idx ON document_pages (document_id);
-- A tree's link to its parent may be NULL: the root has none.
CREATE TABLE folders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id bigint REFERENCES folders (id) ON DELETE CASCADE
);
CREATE INDEX folders_parent_id_idx ON folders (parent_id);
