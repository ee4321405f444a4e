CREATE TABLE documents (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY
) ENGINE = InnoDB;
CREATE TABLE document_pages (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    document_id BIGINT, -- expect: nullable-owned-foreign-key
    page_no INT NOT NULL,
    CONSTRAINT document_pages_document_fk FOREIGN KEY (document_id)
        REFERENCES documents (id) ON DELETE CASCADE
) ENGINE = InnoDB;
