import { createAccountWithKey } from './app.js';
import type { Store } from './store.js';
import type { ReportMetadata, Sex, Severity, Product } from './types.js';

/** The documented development key of the seeded demo account (override with AVARA_API_KEY). */
export const DEMO_API_KEY = 'sk_test_avara_demo_development_key_do_not_use_in_production';

export interface DemoWorld {
  accountId: string;
  customers: { northside: string; lakeshore: string; harbor: string };
  users: { admin: string; ana: string; ben: string; invited: string };
}

const PATIENTS = [
  'Doe^Jane', 'Doe^John^A', 'Müller^Zoë', 'Neptune^Ann', 'García Márquez^Lucía', "O'Brien^Seán",
  'Nguyễn^Thị Minh', '山田^太郎', 'Иванова^Мария', 'Kowalski^Łukasz', 'Adams^John Robert Quincy^^Rev.^B.A. M.Div.',
  'Morrison-Jones^Susan^^^Ph.D., Chief Executive Officer', 'Jane Smith', 'Okafor^Chidi', 'Haddad^Layla',
  'Andersson^Åsa', 'Dubois^Hélène', 'Papadopoulos^Νίκος', 'Cohen^Noa', 'Tanaka^Yuki', 'Silva^João',
  'Fischer^Jürgen', 'Kim^Min-jun', 'Patel^Priya', '',
];
const DESCRIPTIONS: [string, string][] = [
  ['Brain MRI with Contrast', 'MRI Brain with Contrast'],
  ['CT ABDOMEN PELVIS', 'CT Abdomen/Pelvis'],
  ['CT Chest/Abdomen/Pelvis', 'CT CAP'],
  ['T1 VIBE3D 5° relaxo', 'MRI Knee'],
  ['Fall 1 — wrist series', 'XR Wrist'],
  ['Chest X-ray PA and lateral', 'XR Chest'],
  ['Lumbar spine MRI without contrast', 'MRI L-Spine'],
  ['Head CT without contrast (stroke protocol)', 'CT Head'],
  ['Mammogram screening bilateral', 'MG Screening'],
  ['Ultrasound abdomen complete', 'US Abdomen'],
  ['PET/CT whole body', 'PET/CT'],
  ['Cardiac MRI with stress perfusion', 'MRI Cardiac'],
];
const SEXES: Sex[] = ['female', 'male', 'other', 'unknown'];

/** A small deterministic generator (mulberry32), so every fresh database holds the same rows. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** YYYY-MM-DD of a calendar date `days` before `today` (both calendar dates, no time zones). */
export function daysBefore(today: string, days: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/**
 * Seeds the demo world: one Express account with three customers (Harbor deactivated), a platform
 * admin, Ana (member of Northside and Lakeshore), Ben (member of Northside), an invited user, and
 * `studyCount` studies spread over the customers with a handful unattached.
 */
export async function seedDemo(
  store: Store,
  { apiKey = DEMO_API_KEY, today, studyCount = 320 }: { apiKey?: string; today: string; studyCount?: number },
): Promise<DemoWorld> {
  const { account } = await createAccountWithKey(store, 'Demo Health Platform', apiKey);
  const accountId = account.accountId;
  store.enableExpress(accountId);
  return store.tx(() => {
    const northside = store.createCustomer(accountId, 'Northside Imaging', { region: 'north', tier: 'gold' });
    const lakeshore = store.createCustomer(accountId, 'Lakeshore Radiology Group', { region: 'west' });
    const harbor = store.createCustomer(accountId, 'Harbor Clinic (closed)', { region: 'south' });
    const user = (email: string, name: string, role: 'member' | 'platform_admin', status: 'active' | 'invited' = 'active') =>
      store.createUser(accountId, { email, name, role, status }).userId;
    const admin = user('admin@demo.test', 'Alex Admin', 'platform_admin');
    const ana = user('ana@demo.test', 'Ana Torres', 'member');
    const ben = user('ben@demo.test', 'Ben Okafor', 'member');
    const cara = user('cara@demo.test', 'Cara Lindqvist', 'member');
    const invited = user('dan@demo.test', 'Dan Pending', 'member', 'invited');
    store.addMembership(northside.expressCustomerId, ana);
    store.addMembership(lakeshore.expressCustomerId, ana);
    store.addMembership(northside.expressCustomerId, ben);
    store.addMembership(harbor.expressCustomerId, cara);

    const rand = prng(20240315);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const owners = [northside, lakeshore, harbor].map((c) => c.expressCustomerId);
    for (let i = 0; i < studyCount; i++) {
      const customerId = i % 53 === 7 ? null : owners[i % 3 === 2 && i % 2 === 0 ? 2 : i % 2]!;
      const [description, scanType] = pick(DESCRIPTIONS);
      const facility = customerId === owners[0] ? 'Northside Imaging — Main Campus' : customerId === owners[1] ? 'Hôpital Saint-Éloi' : 'Harbor Clinic';
      const m: ReportMetadata = { scanType, facilityName: facility, sex: pick(SEXES), mrn: `MRN-${String(100000 + i * 7).padStart(6, '0')}` };
      const name = pick(PATIENTS);
      if (name) m.patientName = name;
      if (i % 41 !== 5) m.scanDate = daysBefore(today, Math.floor(rand() * 45));
      if (i % 9 !== 3) m.dateOfBirth = daysBefore('2000-01-01', Math.floor(rand() * 20000) - 5000);
      store.createStudy(accountId, {
        studyInstanceUid: `1.2.826.0.1.3680043.8.498.${20240000 + i}`,
        studyDescription: description,
        severity: (rand() < 0.22 ? 'high' : 'normal') as Severity,
        product: (i % 3 === 0 ? 'viewer' : 'autoScribe') as Product,
        expressCustomerId: customerId,
        reportMetadata: m,
      });
    }
    store.setCustomerActive(accountId, harbor.expressCustomerId, false);
    return {
      accountId,
      customers: { northside: northside.expressCustomerId, lakeshore: lakeshore.expressCustomerId, harbor: harbor.expressCustomerId },
      users: { admin, ana, ben, invited },
    };
  });
}
