import { accessScope } from '../access.js';
import type { Caller } from '../auth.js';
import { invalid, notFound } from '../errors.js';
import type { Store } from '../store.js';
import type { Product, Severity, Study, StudyList, StudySortField } from '../types.js';
import {
  decodeCursor,
  encodeCursor,
  onlyKnownParams,
  parseLimit,
  requireDate,
  requireId,
  requireOneOf,
} from '../validate.js';

export const SORT_FIELDS: readonly StudySortField[] = ['scanDate', 'patientName', 'severity', 'createdAt'];
export const SEVERITIES: readonly Severity[] = ['normal', 'high'];
export const PRODUCTS: readonly Product[] = ['autoScribe', 'viewer'];
const STUDY_LIST_PARAMS = [
  'expressCustomerId', 'q', 'severity', 'product', 'scanDateFrom', 'scanDateTo', 'sort', 'limit', 'cursor',
] as const;

export function listStudies(store: Store, caller: Caller, query: Record<string, string>): StudyList {
  onlyKnownParams(query, STUDY_LIST_PARAMS);
  const sort = query.sort ?? '-scanDate';
  const descending = sort.startsWith('-');
  const sortField = requireOneOf(descending ? sort.slice(1) : sort, SORT_FIELDS, 'sort');
  const scanDateFrom = query.scanDateFrom === undefined ? undefined : requireDate(query.scanDateFrom, 'scanDateFrom');
  const scanDateTo = query.scanDateTo === undefined ? undefined : requireDate(query.scanDateTo, 'scanDateTo');
  if (scanDateFrom && scanDateTo && scanDateFrom > scanDateTo) {
    throw invalid('invalid_date_range', '"scanDateFrom" must not be after "scanDateTo".', 'scanDateFrom');
  }
  let after: [string | number | null, string, string] | undefined;
  if (query.cursor !== undefined) {
    const c = decodeCursor(query.cursor);
    if (!Array.isArray(c) || c.length !== 4 || c[0] !== sort || typeof c[2] !== 'string' || typeof c[3] !== 'string') {
      throw invalid('invalid_cursor', '"cursor" does not belong to a list sorted this way.', 'cursor');
    }
    after = [c[1] as string | number | null, c[2], c[3]];
  }
  const page = store.listStudies(accessScope(store, caller), {
    expressCustomerId:
      query.expressCustomerId === undefined ? undefined : requireId('cus', query.expressCustomerId, 'expressCustomerId'),
    q: query.q?.trim() || undefined,
    severity: query.severity === undefined ? undefined : requireOneOf(query.severity, SEVERITIES, 'severity'),
    product: query.product === undefined ? undefined : requireOneOf(query.product, PRODUCTS, 'product'),
    scanDateFrom,
    scanDateTo,
    sortField,
    descending,
    limit: parseLimit(query.limit),
    after,
  });
  const result: StudyList = { studies: page.studies, hasMore: page.hasMore };
  if (page.hasMore && page.last) result.nextCursor = encodeCursor([sort, ...page.last]);
  return result;
}

export function getStudy(store: Store, caller: Caller, studyId: string): Study {
  const study = store.getStudy(accessScope(store, caller), requireId('std', studyId, 'studyId'));
  if (!study) throw notFound('study', 'studyId');
  return study;
}
