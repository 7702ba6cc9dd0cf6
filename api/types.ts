/** The API's JSON shapes (DESIGN.md "Shapes"). Shared by the server, the SDK and the elements. */
export type Severity = 'normal' | 'high';
export type Product = 'autoScribe' | 'viewer';
export type Role = 'member' | 'platform_admin';
export type UserStatus = 'invited' | 'active';
export type Sex = 'female' | 'male' | 'other' | 'unknown';
export type Scope = 'studies:read' | 'customers:read' | 'viewer:open' | 'customers:manage';

export interface ReportMetadata {
  scanDate?: string;
  scanType?: string;
  patientName?: string;
  facilityName?: string;
  sex?: Sex;
  dateOfBirth?: string;
  mrn?: string;
}

export interface Study {
  studyId: string;
  studyInstanceUid: string;
  studyDescription: string;
  severity: Severity;
  product: Product;
  expressCustomerId: string | null;
  reportMetadata: ReportMetadata;
  createdAt: string;
}

export interface Account {
  accountId: string;
  name: string;
  expressEnabled: boolean;
  createdAt: string;
}

export interface ExpressCustomer {
  expressCustomerId: string;
  expressCustomerName: string;
  metadata: Record<string, string>;
  isActive: boolean;
  userCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface User {
  userId: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  createdAt: string;
}

export interface Me {
  userId: string | null;
  name: string;
  role: Role;
  scopes: Scope[];
  expiresAt: string | null;
}

export interface WidgetToken {
  token: string;
  expiresAt: string;
  userId: string;
  scopes: Scope[];
  expressCustomerIds: string[] | null;
}

export type StudySortField = 'scanDate' | 'patientName' | 'severity' | 'createdAt';
export type StudySort = StudySortField | `-${StudySortField}`;

export interface StudyListQuery {
  expressCustomerId?: string;
  q?: string;
  severity?: Severity;
  product?: Product;
  scanDateFrom?: string;
  scanDateTo?: string;
  sort?: StudySort;
  limit?: number;
  cursor?: string;
}


export interface StudyList {
  studies: Study[];
  hasMore: boolean;
  nextCursor?: string;
}

export interface CustomerList {
  expressCustomers: ExpressCustomer[];
  hasMore: boolean;
  nextCursor?: string;
}

/** A DICOM image instance of a study (reference server). Header tags that could not be read are null. */
export interface Instance {
  instanceId: string;
  studyId: string;
  /** Bytes of the Part 10 file. */
  size: number;
  transferSyntaxUid: string | null;
  sopInstanceUid: string | null;
  seriesInstanceUid: string | null;
  instanceNumber: number | null;
  numberOfFrames: number | null;
  rows: number | null;
  columns: number | null;
  createdAt: string;
}

export interface InstanceList {
  instances: Instance[];
  hasMore: boolean;
  nextCursor?: string;
}

/** `POST /v1/users/invitations`: the user, invited, with the one-time invitation token. */
export interface Invitation extends User {
  /**
   * The one-time token to accept with. Shown once: only its hash is stored. An Idempotency-Key
   * replay answers a new one, or null when the invitation has been accepted meanwhile.
   */
  invitationToken: string;
}

export interface UserList {
  users: User[];
  hasMore: boolean;
  nextCursor?: string;
}

export interface StudyCreateParams {
  studyInstanceUid: string;
  studyDescription: string;
  severity: Severity;
  expressCustomerId?: string | null;
  reportMetadata?: ReportMetadata;
}

export interface CustomerCreateParams {
  expressCustomerName: string;
  metadata?: Record<string, string>;
}

export interface CustomerUpdateParams {
  expressCustomerName?: string;
  /** Merged key by key; a key set to "" is removed. */
  metadata?: Record<string, string>;
}

export interface WidgetTokenCreateParams {
  userId: string;
  scopes?: Scope[];
  expressCustomerIds?: string[];
  ttlSeconds?: number;
}
