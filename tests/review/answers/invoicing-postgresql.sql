-- An invoicing SaaS as it runs today: tenants share tables, money in a float, a JSON
-- column of settings, and a search column. What `review --answers-out` reads answers from.
CREATE TABLE tenants (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE customers (
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    id bigint GENERATED ALWAYS AS IDENTITY,
    name text NOT NULL,
    settings jsonb NOT NULL DEFAULT '{}',
    search tsvector,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE invoices (
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    id bigint GENERATED ALWAYS AS IDENTITY,
    customer_id bigint NOT NULL,
    grand_total double precision NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);

CREATE TABLE invoice_lines (
    tenant_id bigint NOT NULL,
    invoice_id bigint NOT NULL,
    line_no integer NOT NULL,
    amount numeric(19, 4) NOT NULL,
    PRIMARY KEY (tenant_id, invoice_id, line_no),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);
