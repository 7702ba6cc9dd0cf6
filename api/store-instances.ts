import type { DicomHeader } from './dicom.js';
import { newId } from './ids.js';
import type { Store } from './store.js';
import type { Instance } from './types.js';

/**
 * The instances table's queries, beside the Store (same driver, same clock). Like the Store, it
 * decides nothing about access: the service checks the study through `accessScope` first and
 * passes the study id it found.
 */

interface InstanceRow {
  id: string;
  study_id: string;
  size: number;
  transfer_syntax_uid: string | null;
  sop_instance_uid: string | null;
  series_instance_uid: string | null;
  instance_number: number | null;
  number_of_frames: number | null;
  rows: number | null;
  columns: number | null;
  created_at: string;
}

const COLUMNS = `id, study_id, size, transfer_syntax_uid, sop_instance_uid, series_instance_uid, instance_number,
  number_of_frames, rows, columns, created_at`;

const toInstance = (r: InstanceRow): Instance => ({
  instanceId: r.id,
  studyId: r.study_id,
  size: Number(r.size),
  transferSyntaxUid: r.transfer_syntax_uid,
  sopInstanceUid: r.sop_instance_uid,
  seriesInstanceUid: r.series_instance_uid,
  instanceNumber: r.instance_number === null ? null : Number(r.instance_number),
  numberOfFrames: r.number_of_frames === null ? null : Number(r.number_of_frames),
  rows: r.rows === null ? null : Number(r.rows),
  columns: r.columns === null ? null : Number(r.columns),
  createdAt: r.created_at,
});

export function insertInstance(store: Store, accountId: string, studyId: string, data: Uint8Array, h: DicomHeader): Instance {
  const id = newId('ins');
  store.db.run(
    `INSERT INTO instances (id, account_id, study_id, size, transfer_syntax_uid, sop_instance_uid, series_instance_uid,
       instance_number, number_of_frames, rows, columns, data, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      accountId,
      studyId,
      data.byteLength,
      h.transferSyntaxUid,
      h.sopInstanceUid,
      h.seriesInstanceUid,
      h.instanceNumber,
      h.numberOfFrames,
      h.rows,
      h.columns,
      data,
      store.now(),
    ],
  );
  return findInstance(store, accountId, studyId, id)!;
}

export function findInstance(store: Store, accountId: string, studyId: string, instanceId: string): Instance | undefined {
  const r = store.db.get<InstanceRow>(`SELECT ${COLUMNS} FROM instances WHERE id = ? AND study_id = ? AND account_id = ?`, [
    instanceId,
    studyId,
    accountId,
  ]);
  return r && toInstance(r);
}

export function findInstanceBySop(store: Store, accountId: string, studyId: string, sopInstanceUid: string): Instance | undefined {
  const r = store.db.get<InstanceRow>(
    `SELECT ${COLUMNS} FROM instances WHERE study_id = ? AND account_id = ? AND sop_instance_uid = ?`,
    [studyId, accountId, sopInstanceUid],
  );
  return r && toInstance(r);
}

/** The Part 10 bytes of one instance of one study. */
export function instanceData(store: Store, accountId: string, studyId: string, instanceId: string): Uint8Array | undefined {
  const r = store.db.get<{ data: Uint8Array }>('SELECT data FROM instances WHERE id = ? AND study_id = ? AND account_id = ?', [
    instanceId,
    studyId,
    accountId,
  ]);
  if (!r) return undefined;
  // better-sqlite3 answers a Buffer, sql.js a Uint8Array: hand out a plain Uint8Array either way.
  return new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength);
}

/** One page of a study's instances in upload order (createdAt, then id), after a keyset position. */
export function pageInstances(
  store: Store,
  accountId: string,
  studyId: string,
  limit: number,
  after?: readonly [string, string],
): { instances: Instance[]; hasMore: boolean; last?: [string, string] } {
  const rows = store.db.all<InstanceRow>(
    `SELECT ${COLUMNS} FROM instances WHERE study_id = ? AND account_id = ?
       ${after ? 'AND (created_at > ? OR (created_at = ? AND id > ?))' : ''}
     ORDER BY created_at, id LIMIT ?`,
    after ? [studyId, accountId, after[0], after[0], after[1], limit + 1] : [studyId, accountId, limit + 1],
  );
  const page = rows.slice(0, limit);
  const tail = page.at(-1);
  return { instances: page.map(toInstance), hasMore: rows.length > limit, last: tail && [tail.created_at, tail.id] };
}
