import type { Store } from './store.js';

/** Study queries beside the Store. */

/** The id of the account's study with this Study Instance UID, if any. */
export function studyIdByUid(store: Store, accountId: string, studyInstanceUid: string): string | undefined {
  return store.db.get<{ id: string }>('SELECT id FROM studies WHERE account_id = ? AND study_instance_uid = ?', [
    accountId,
    studyInstanceUid,
  ])?.id;
}
