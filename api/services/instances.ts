import { accessScope } from '../access.js';
import type { Caller } from '../auth.js';
import { isDicomPart10, readDicomHeader } from '../dicom.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { Store } from '../store.js';
import { findInstance, findInstanceBySop, insertInstance, instanceData, pageInstances } from '../store-instances.js';
import type { Instance, InstanceList, Study } from '../types.js';
import { decodeCursor, encodeCursor, onlyKnownParams, parseLimit, requireId } from '../validate.js';

/** DICOM uploads may be this large (DESIGN.md "Limits"). */
export const DICOM_BODY_LIMIT = 64 * 1024 * 1024;

/**
 * The study the caller may see, through the one access rule; a study of another account, or one
 * the caller may not see, is a 404 either way, so the answer confirms nothing.
 */
function visibleStudy(store: Store, caller: Caller, studyId: string): Study {
  const study = store.getStudy(accessScope(store, caller), requireId('std', studyId, 'studyId'));
  if (!study) throw notFound('study', 'studyId');
  return study;
}

export function uploadInstance(store: Store, caller: Caller, studyId: string, body: Uint8Array): Instance {
  const study = visibleStudy(store, caller, studyId);
  if (!isDicomPart10(body)) {
    throw invalid(
      'invalid_dicom',
      'The body must be a DICOM Part 10 file: a 128-byte preamble followed by "DICM". Send the file\'s bytes as they are.',
    );
  }
  const header = readDicomHeader(body);
  return store.tx(() => {
    if (header.sopInstanceUid) {
      const existing = findInstanceBySop(store, caller.accountId, study.studyId, header.sopInstanceUid);
      if (existing) {
        throw conflict(
          'duplicate_instance',
          `This study already holds the instance with SOP Instance UID ${header.sopInstanceUid} (${existing.instanceId}).`,
        );
      }
    }
    return insertInstance(store, caller.accountId, study.studyId, body, header);
  });
}

const LIST_PARAMS = ['limit', 'cursor'] as const;

export function listInstances(store: Store, caller: Caller, studyId: string, query: Record<string, string>): InstanceList {
  onlyKnownParams(query, LIST_PARAMS);
  const limit = parseLimit(query.limit);
  const study = visibleStudy(store, caller, studyId);
  let after: [string, string] | undefined;
  if (query.cursor !== undefined) {
    const c = decodeCursor(query.cursor);
    if (!Array.isArray(c) || c.length !== 3 || c[0] !== 'instances' || typeof c[1] !== 'string' || typeof c[2] !== 'string') {
      throw invalid('invalid_cursor', '"cursor" is not a cursor this list returned.', 'cursor');
    }
    after = [c[1], c[2]];
  }
  const page = pageInstances(store, caller.accountId, study.studyId, limit, after);
  const result: InstanceList = { instances: page.instances, hasMore: page.hasMore };
  if (page.hasMore && page.last) result.nextCursor = encodeCursor(['instances', ...page.last]);
  return result;
}

export function getInstanceFile(
  store: Store,
  caller: Caller,
  studyId: string,
  instanceId: string,
): { instance: Instance; data: Uint8Array } {
  requireId('std', studyId, 'studyId');
  const id = requireId('ins', instanceId, 'instanceId');
  const study = visibleStudy(store, caller, studyId);
  const instance = findInstance(store, caller.accountId, study.studyId, id);
  const data = instance && instanceData(store, caller.accountId, study.studyId, id);
  if (!instance || !data) throw notFound('instance', 'instanceId');
  return { instance, data };
}
