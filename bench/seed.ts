import { createAccountWithKey } from '../api/app.js';
import type { Store } from '../api/store.js';
import type { ReportMetadata, Severity } from '../api/types.js';
import { prng } from '../api/seed.js';

/**
 * The benchmark's data: one Express account, two customers, one radiologist who belongs to both,
 * and `count` studies split evenly between the customers (even rows → A, odd rows → B). Names are
 * DICOM person names (`Family^Given`, some with a middle name) drawn so that neighbouring rows
 * differ; scan dates spread over three years. Deterministic, so every run sees the same rows.
 */
export interface BenchWorld {
  apiKey: string;
  accountId: string;
  userId: string;
  customers: [string, string];
  count: number;
}

export const BENCH_API_KEY = 'sk_test_avara_bench_key_local_only';

const FAMILY = [
  'Abara', 'Adeyemi', 'Albrecht', 'Andersson', 'Baker', 'Bianchi', 'Brennan', 'Castillo', 'Chen', 'Cohen',
  'Dahl', 'Delgado', 'Dubois', 'Eriksen', 'Fischer', 'Fontaine', 'García', 'Gallagher', 'Haddad', 'Hansen',
  'Ibáñez', 'Ivanova', 'Jansen', 'Jovanović', 'Kato', 'Kim', 'Kowalski', 'Larsen', 'Lefebvre', 'Lindqvist',
  'Martín', 'Morrison', 'Müller', 'Nakamura', 'Nguyễn', 'Novak', "O'Brien", 'Okafor', 'Olsen', 'Papadopoulos',
  'Patel', 'Quinn', 'Rossi', 'Ruiz', 'Santos', 'Schmidt', 'Silva', 'Sørensen', 'Tanaka', 'Torres',
  'Ueda', 'Valdés', 'Varga', 'Weber', 'Wójcik', 'Xu', 'Yamada', 'Yilmaz', 'Zhang', 'Żukowski',
];
const GIVEN = [
  'Ada', 'Aiko', 'Amara', 'Ana', 'Arjun', 'Åsa', 'Ben', 'Carla', 'Chidi', 'Daniel', 'Elena', 'Émile', 'Farah',
  'Felix', 'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jana', 'Jonas', 'Kai', 'Layla', 'Leo', 'Lucía', 'Łukasz',
  'Maya', 'Mei', 'Minh', 'Nadia', 'Noa', 'Omar', 'Oskar', 'Paula', 'Priya', 'Rafael', 'Rosa', 'Sami', 'Seán',
  'Sofia', 'Tariq', 'Thea', 'Tomás', 'Uma', 'Vera', 'Wen', 'Yara', 'Yusuf', 'Zoë', 'Zainab',
];
const DESCRIPTIONS: [string, string][] = [
  ['Brain MRI with Contrast', 'MRI Brain'],
  ['CT Abdomen/Pelvis with contrast', 'CT Abdomen/Pelvis'],
  ['CT Chest/Abdomen/Pelvis', 'CT CAP'],
  ['MRI Knee without contrast', 'MRI Knee'],
  ['Wrist series, 3 views', 'XR Wrist'],
  ['Chest X-ray PA and lateral', 'XR Chest'],
  ['Lumbar spine MRI without contrast', 'MRI L-Spine'],
  ['Head CT without contrast (stroke protocol)', 'CT Head'],
  ['Mammogram screening bilateral', 'MG Screening'],
  ['Ultrasound abdomen complete', 'US Abdomen'],
  ['PET/CT whole body', 'PET/CT'],
  ['Cardiac MRI with stress perfusion', 'MRI Cardiac'],
];
const SEXES = ['female', 'male', 'other', 'unknown'] as const;

/** YYYY-MM-DD `days` after 2023-01-01. */
const dayFrom2023 = (days: number) => new Date(Date.UTC(2023, 0, 1 + days)).toISOString().slice(0, 10);

export async function seedBench(store: Store, count: number): Promise<BenchWorld> {
  const { account } = await createAccountWithKey(store, 'Benchmark Health Platform', BENCH_API_KEY);
  const accountId = account.accountId;
  store.enableExpress(accountId);
  return store.tx(() => {
    const a = store.createCustomer(accountId, 'Northside Imaging').expressCustomerId;
    const b = store.createCustomer(accountId, 'Lakeshore Radiology Group').expressCustomerId;
    const userId = store.createUser(accountId, { email: 'rad@bench.test', name: 'Rae Radiologist', role: 'member', status: 'active' }).userId;
    store.addMembership(a, userId);
    store.addMembership(b, userId);
    const rand = prng(20260101);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    for (let i = 0; i < count; i++) {
      const [description, scanType] = pick(DESCRIPTIONS);
      const family = pick(FAMILY);
      const given = pick(GIVEN);
      const middle = rand() < 0.3 ? `^${pick(GIVEN)}` : '';
      const m: ReportMetadata = {
        patientName: `${family}^${given}${middle}`,
        scanDate: dayFrom2023(Math.floor(rand() * 1095)),
        scanType,
        facilityName: i % 2 === 0 ? 'Northside Imaging — Main Campus' : 'Lakeshore Radiology',
        sex: pick(SEXES),
        mrn: `MRN-${String(100000 + i).padStart(7, '0')}`,
      };
      store.createStudy(accountId, {
        studyInstanceUid: `1.2.826.0.1.3680043.8.498.${90000000 + i}`,
        studyDescription: description,
        severity: (rand() < 0.2 ? 'high' : 'normal') as Severity,
        product: i % 3 === 0 ? 'viewer' : 'autoScribe',
        expressCustomerId: i % 2 === 0 ? a : b,
        reportMetadata: m,
      });
    }
    return { apiKey: BENCH_API_KEY, accountId, userId, customers: [a, b], count };
  });
}
