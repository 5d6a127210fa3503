import pg from "pg";

const CHAR_OID = 18; // Postgres' one-byte internal type "char" (pg_class.relkind, pg_constraint.contype, ...)
const TEXT_OID = 25;

/**
 * A pg client that reports `"char"` result columns as `text`. adapter-pg 7.10.1 has no mapping for
 * `"char"` and throws `Column type 'char' could not be deserialized` while the schema engine
 * introspects the catalog. pg already decodes the value as a string, so only the reported type
 * changes. The listener is prepended so it runs before the client copies the row description.
 */
export class CharAsTextClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.connection.prependListener("rowDescription", (message: { fields: pg.FieldDef[] }) => {
      for (const field of message.fields) {
        if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
      }
    });
  }
}
