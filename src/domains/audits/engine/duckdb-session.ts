// The DuckDB worker's database: DuckDB's native bindings, the layer under @duckdb/node-api, used directly. The child
// starts for every audit and node-api's sixty JavaScript modules took a third of its start-up; the worker reads only
// small results of a few types, which take a few lines to decode.
import duckdb from "@duckdb/node-bindings";
import type * as Bindings from "@duckdb/node-bindings";

export type Value = string | number | null;
export type Row = Record<string, Value>;

export interface Session {
  run(sql: string): Promise<void>;
  rows(sql: string): Promise<Row[]>;
  /** Progress of the running query, 0..1; null while DuckDB cannot tell. */
  progress(): number | null;
  close(): void;
}

/** A throw-away in-memory database, configured before it opens. */
export async function openSession(config: Record<string, string>): Promise<Session> {
  const options = duckdb.create_config();
  for (const [name, value] of Object.entries(config)) duckdb.set_config(options, name, value);
  const database = await duckdb.open(":memory:", options);
  const connection = await duckdb.connect(database);
  return {
    run: async (sql) => void (await duckdb.query(connection, sql)),
    rows: async (sql) => readRows(await duckdb.query(connection, sql)),
    progress: () => {
      const { percentage } = duckdb.query_progress(connection);
      return percentage >= 0 ? percentage / 100 : null;
    },
    close: () => {
      duckdb.disconnect_sync(connection);
      duckdb.close_sync(database);
    },
  };
}

const decoder = new TextDecoder();
type Reader = (view: DataView, data: Uint8Array, row: number) => Value;
const STRING_BYTES = 16;
/** DuckDB's string_t: its length, then the string itself up to 12 bytes, else a pointer to it. */
const readString: Reader = (view, data, row) => {
  const offset = row * STRING_BYTES;
  const length = view.getUint32(offset, true);
  const bytes =
    length <= 12
      ? data.subarray(offset + 4, offset + 4 + length)
      : duckdb.get_data_from_pointer(data.buffer as ArrayBuffer, data.byteOffset + offset + 8, length);
  return decoder.decode(bytes);
};
/** What the worker's queries select: text, counts, line numbers and sums. */
const READERS = new Map<Bindings.Type, { bytes: number; read: Reader }>([
  [duckdb.Type.VARCHAR, { bytes: STRING_BYTES, read: readString }],
  [duckdb.Type.BIGINT, { bytes: 8, read: (view, _, row) => Number(view.getBigInt64(row * 8, true)) }],
  [duckdb.Type.UBIGINT, { bytes: 8, read: (view, _, row) => Number(view.getBigUint64(row * 8, true)) }],
  [duckdb.Type.DOUBLE, { bytes: 8, read: (view, _, row) => view.getFloat64(row * 8, true) }],
]);

function readRows(result: Bindings.Result): Row[] {
  const columns = Array.from({ length: duckdb.column_count(result) }, (_, i) => {
    const type = duckdb.column_type(result, i);
    const reader = READERS.get(type);
    // Another type is a mistake in a query, which should cast what it selects.
    if (!reader) throw new Error(`column ${duckdb.column_name(result, i)} has DuckDB type ${type}`);
    return { name: duckdb.column_name(result, i), ...reader };
  });
  const rows: Row[] = [];
  for (let c = 0; c < duckdb.result_chunk_count(result); c++) {
    const chunk = duckdb.result_get_chunk(result, c);
    const size = duckdb.data_chunk_get_size(chunk);
    const vectors = columns.map((column, i) => {
      const vector = duckdb.data_chunk_get_vector(chunk, i);
      const data = duckdb.vector_get_data(vector, column.bytes * size);
      const validity = duckdb.vector_get_validity(vector, Math.ceil(size / 64) * 8);
      return { data, validity, view: new DataView(data.buffer, data.byteOffset, data.byteLength) };
    });
    for (let row = 0; row < size; row++) {
      rows.push(
        Object.fromEntries(
          columns.map((column, i) => {
            const { data, validity, view } = vectors[i]!;
            return [column.name, duckdb.validity_row_is_valid(validity, row) ? column.read(view, data, row) : null];
          }),
        ),
      );
    }
  }
  return rows;
}
