CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE payments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    paid numeric(19, 4) NOT NULL
);
CREATE INDEX payments_customer_id_idx ON payments (customer_id);
-- Sessions are no record of money: a cascade there is fine.
CREATE TABLE sessions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE
);
CREATE INDEX sessions_customer_id_idx ON sessions (customer_id);
-- A catalogue's price is an offer, not money that moved: variants go with their product.
CREATE TABLE products (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE product_variants (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    unit_price numeric(19, 4) NOT NULL,
    tax_rate_bp integer NOT NULL
);
CREATE INDEX product_variants_product_id_idx ON product_variants (product_id);
-- A key naming a payment is a reference, not an amount.
CREATE TABLE receipts_sent (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    payment_id bigint REFERENCES payments (id)
);
CREATE INDEX receipts_sent_customer_id_idx ON receipts_sent (customer_id);
CREATE INDEX receipts_sent_payment_id_idx ON receipts_sent (payment_id);
-- The lines of an invoice go with a draft; a trigger refuses an issued one's.
CREATE TABLE invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    status text NOT NULL
);
CREATE TABLE invoice_lines (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id bigint NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    amount numeric(19, 4) NOT NULL
);
CREATE INDEX invoice_lines_invoice_id_idx ON invoice_lines (invoice_id);
CREATE FUNCTION invoice_lines_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM invoices WHERE id = OLD.invoice_id AND status = 'issued') THEN
    RAISE EXCEPTION 'issued';
  END IF;
  RETURN OLD;
END;
$$;
CREATE TRIGGER invoice_lines_frozen BEFORE UPDATE OR DELETE ON invoice_lines
  FOR EACH ROW EXECUTE FUNCTION invoice_lines_frozen();
