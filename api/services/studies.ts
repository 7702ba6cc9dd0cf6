import { accessScope } from '../access.js';
import type { Caller } from '../auth.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { Store } from '../store.js';
import { studyIdByUid } from '../store-studies.js';
import type { Product, ReportMetadata, Severity, Sex, Study, StudyList, StudySortField } from '../types.js';
import {
  decodeCursor,
  encodeCursor,
  onlyKnownParams,
  parseLimit,
  requireDate,
  requireId,
  requireObject,
  requireOneOf,
  requireString,
} from '../validate.js';
import { requireExpressEnabled } from './express.js';

export const SORT_FIELDS: readonly StudySortField[] = ['scanDate', 'patientName', 'severity', 'createdAt'];
export const SEVERITIES: readonly Severity[] = ['normal', 'high'];
export const PRODUCTS: readonly Product[] = ['autoScribe', 'viewer'];
export const STUDY_LIST_PARAMS = [
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
    // The sort value has the type of its field (a number for severity, text or none otherwise).
    const v = c[1];
    const fits =
      sortField === 'severity'
        ? typeof v === 'number' && Number.isInteger(v)
        : sortField === 'createdAt'
          ? typeof v === 'string'
          : v === null || typeof v === 'string';
    if (!fits) throw invalid('invalid_cursor', '"cursor" is not a cursor this list returned.', 'cursor');
    after = [c[1] as string | number | null, c[2], c[3]];
  }
  const page = store.listStudies(accessScope(store, caller), {
    expressCustomerId:
      query.expressCustomerId === undefined ? undefined : requireId('cus', query.expressCustomerId, 'expressCustomerId'),
    q: query.q === undefined ? undefined : requireString(query.q, 'q', { max: 256, allowEmpty: true }).trim() || undefined,
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
  const id = requireId('std', studyId, 'studyId');
  const study = store.getStudy(accessScope(store, caller), id);
  if (!study) throw notFound('study', 'studyId', id);
  return study;
}

export const SEXES: readonly Sex[] = ['female', 'male', 'other', 'unknown'];
export const STUDY_FIELDS = ['studyInstanceUid', 'studyDescription', 'severity', 'expressCustomerId', 'reportMetadata'] as const;
const REPORT_FIELDS = ['scanDate', 'scanType', 'patientName', 'facilityName', 'sex', 'dateOfBirth', 'mrn'] as const;
const UID_FORM = /^[0-9]+(\.[0-9]+)*$/;

/**
 * `reportMetadata`: every field optional; `null` or "" leaves a field out (absent fields are
 * omitted from responses); dates are calendar dates YYYY-MM-DD that exist; `sex` is one of
 * SEXES; unknown keys are a 400 naming `reportMetadata.<key>`.
 */
export function readReportMetadata(value: unknown): ReportMetadata {
  if (value === undefined || value === null) return {};
  const m = requireObject(value, 'reportMetadata');
  const out: ReportMetadata = {};
  for (const key of Object.keys(m)) {
    if (!(REPORT_FIELDS as readonly string[]).includes(key)) {
      throw invalid(
        'unknown_parameter',
        `Unknown field "reportMetadata.${key}". Known: ${REPORT_FIELDS.join(', ')}.`,
        `reportMetadata.${key}`,
      );
    }
  }
  for (const key of REPORT_FIELDS) {
    const v = m[key];
    if (v === undefined || v === null || v === '') continue;
    const param = `reportMetadata.${key}`;
    if (key === 'scanDate' || key === 'dateOfBirth') out[key] = requireDate(v, param);
    else if (key === 'sex') out.sex = requireOneOf(v, SEXES, param);
    else out[key] = requireString(v, param, { max: 256 });
  }
  return out;
}

/**
 * `POST /v1/auto-scribe/studies` and `POST /v1/viewer/studies`. A study records the product that
 * created it; `studyInstanceUid` is unique within the account (409 otherwise). A study may be
 * created for an inactive customer: incoming studies are never lost, and its members see it once
 * the customer is reactivated.
 */
export function createStudy(store: Store, caller: Caller, product: Product, body: Record<string, unknown>): Study {
  const { accountId } = accessScope(store, caller);
  const studyInstanceUid = requireString(body.studyInstanceUid, 'studyInstanceUid', { max: 64 });
  if (!UID_FORM.test(studyInstanceUid)) {
    throw invalid(
      'invalid_study_instance_uid',
      '"studyInstanceUid" must be a DICOM UID: digits in dot-separated groups, at most 64 characters (e.g. "1.2.840.113619.2.55.3").',
      'studyInstanceUid',
    );
  }
  const studyDescription = requireString(body.studyDescription, 'studyDescription', { max: 1024, allowEmpty: true });
  const severity = requireOneOf(body.severity, SEVERITIES, 'severity');
  const reportMetadata = readReportMetadata(body.reportMetadata);
  let expressCustomerId: string | null = null;
  if (body.expressCustomerId !== undefined && body.expressCustomerId !== null) {
    expressCustomerId = requireId('cus', body.expressCustomerId, 'expressCustomerId');
    requireExpressEnabled(store, accountId);
  }
  return store.tx(() => {
    if (expressCustomerId && !store.getCustomer(accountId, expressCustomerId)) {
      throw notFound('Express customer', 'expressCustomerId', expressCustomerId);
    }
    const existing = studyIdByUid(store, accountId, studyInstanceUid);
    if (existing) {
      throw conflict(
        'study_exists',
        `A study with this studyInstanceUid already exists in this account (${existing}).`,
        'studyInstanceUid',
      );
    }
    return store.createStudy(accountId, { studyInstanceUid, studyDescription, severity, product, expressCustomerId, reportMetadata });
  });
}
