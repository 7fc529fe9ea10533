import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../src/db/client.ts';

/**
 * Sees every row a request writes. Installs, in a test database only, a row-level trigger on every table of
 * the schema that copies each insert, update and delete into `_test_row_changes` in the same transaction, so a
 * change that is rolled back leaves nothing there either. Sessions (staff's and persons') count only when one
 * starts or ends: every request refreshes its session's last-seen time, which is bookkeeping, not a change a
 * caller made. A change is about a person when the row is a person or carries a person_id or sip_id (the access
 * log and a person's own session aside: a session is who signed in, not data about them).
 */
export type RowChange = { tableName: string; op: string; row: string; aboutPerson: boolean };
export type ChangeWatch = {
  /** The changes since the last `take()` (or the install), and forget them. */
  take: () => Promise<RowChange[]>;
};

export async function watchChanges(db: Db): Promise<ChangeWatch> {
  await db.execute(sql`
    create table if not exists _test_row_changes (
      id bigserial primary key, table_name text not null, op text not null, row text not null,
      about_person boolean not null)`);
  await db.execute(sql`
    create or replace function _test_note_row_change() returns trigger language plpgsql as $$
    declare j jsonb := to_jsonb(coalesce(new, old));
    begin
      insert into _test_row_changes (table_name, op, row, about_person)
        values (tg_table_name, tg_op, j::text,
                tg_table_name = 'persons' or (tg_table_name not in ('access_log', 'person_sessions')
                  and coalesce(j->>'person_id', j->>'sip_id') is not null));
      return null;
    end $$`);
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> '_test_row_changes'`,
  );
  for (const { name } of tables) {
    const events =
      name === 'sessions' || name === 'person_sessions'
        ? 'insert or delete or update of ended_at'
        : 'insert or update or delete';
    await db.execute(
      sql.raw(`create or replace trigger _test_watch after ${events} on "${name}"
               for each row execute function _test_note_row_change()`),
    );
  }
  return {
    take: async () => {
      const rows = await queryRows<{ table_name: string; op: string; row: string; about_person: boolean }>(
        db,
        sql`delete from _test_row_changes returning table_name, op, row, about_person`,
      );
      return rows.map((r) => ({
        tableName: r.table_name,
        op: r.op,
        row: r.row,
        aboutPerson: r.about_person,
      }));
    },
  };
}
