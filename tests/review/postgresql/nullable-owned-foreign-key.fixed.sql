CREATE TABLE documents (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE document_pages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    page_no integer NOT NULL
);
CREATE INDEX document_pages_document_id_idx ON document_pages (document_id);
-- An exclusive arc: a comment belongs to a document or to a page, whichever is set.
CREATE TABLE comments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint REFERENCES documents (id) ON DELETE CASCADE,
    page_id bigint REFERENCES document_pages (id) ON DELETE CASCADE,
    body text NOT NULL,
    CHECK (num_nonnulls(document_id, page_id) = 1)
);
CREATE INDEX comments_document_id_idx ON comments (document_id);
CREATE INDEX comments_page_id_idx ON comments (page_id);
