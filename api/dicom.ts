/**
 * Just enough of DICOM Part 10 for the reference API: recognise a file by its preamble and read a
 * few header tags useful for ordering instances. Pixel data is never decoded here (the viewer
 * does that in the browser). Pure TypeScript, no Node module: it runs behind MSW too.
 */

export interface DicomHeader {
  transferSyntaxUid: string | null;
  sopInstanceUid: string | null;
  studyInstanceUid: string | null;
  seriesInstanceUid: string | null;
  instanceNumber: number | null;
  numberOfFrames: number | null;
  rows: number | null;
  columns: number | null;
}

/** 128-byte preamble, then the magic "DICM". */
export const DICOM_PREAMBLE_LENGTH = 128;
const MAGIC = [0x44, 0x49, 0x43, 0x4d]; // "DICM"

/** True when the bytes start like a DICOM Part 10 file (preamble and "DICM"). */
export function isDicomPart10(bytes: Uint8Array): boolean {
  if (bytes.length < DICOM_PREAMBLE_LENGTH + 4) return false;
  return MAGIC.every((b, i) => bytes[DICOM_PREAMBLE_LENGTH + i] === b);
}

const IMPLICIT_LITTLE = '1.2.840.10008.1.2';
const EXPLICIT_BIG = '1.2.840.10008.1.2.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';
/** VRs whose explicit-VR header has two reserved bytes and a 32-bit length. */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const UNDEFINED = 0xffffffff;
const ITEM = 0xfffee000;
const ITEM_END = 0xfffee00d;
const SEQUENCE_END = 0xfffee0dd;

const TAGS = {
  mediaSopInstanceUid: 0x00020003,
  transferSyntaxUid: 0x00020010,
  sopInstanceUid: 0x00080018,
  studyInstanceUid: 0x0020000d,
  seriesInstanceUid: 0x0020000e,
  instanceNumber: 0x00200013,
  numberOfFrames: 0x00280008,
  rows: 0x00280010,
  columns: 0x00280011,
};
/** Reading stops after this group: every tag we want comes before it. */
const LAST_GROUP = 0x0028;

class Reader {
  readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    public little: boolean,
    public explicit: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16 = (at: number) => this.view.getUint16(at, this.little);
  u32 = (at: number) => this.view.getUint32(at, this.little);
  tag = (at: number) => ((this.u16(at) << 16) | this.u16(at + 2)) >>> 0;
  text(at: number, length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += String.fromCharCode(this.bytes[at + i]!);
    return s.replace(/[\0\s]+$/, '').trim();
  }

  /** One element header at `at`: its tag, VR (if explicit), value offset and length. */
  element(at: number): { tag: number; vr: string; value: number; length: number } {
    const tag = this.tag(at);
    // Item and delimitation tags never carry a VR, whatever the transfer syntax.
    if (tag === ITEM || tag === ITEM_END || tag === SEQUENCE_END) return { tag, vr: '', value: at + 8, length: this.u32(at + 4) };
    if (!this.explicit) return { tag, vr: '', value: at + 8, length: this.u32(at + 4) };
    const vr = String.fromCharCode(this.bytes[at + 4]!, this.bytes[at + 5]!);
    if (LONG_VRS.has(vr)) return { tag, vr, value: at + 12, length: this.u32(at + 8) };
    return { tag, vr, value: at + 8, length: this.u16(at + 6) };
  }

  /** Skips an undefined-length value (a sequence or encapsulated pixel data) starting at `at`. */
  skipUndefined(at: number, depth = 0): number {
    if (depth > 16) throw new Error('sequences nested too deep');
    let pos = at;
    for (let guard = 0; guard < 1_000_000; guard++) {
      const e = this.element(pos);
      if (e.tag === SEQUENCE_END) return e.value;
      if (e.tag !== ITEM) throw new Error('malformed sequence');
      if (e.length !== UNDEFINED) {
        pos = e.value + e.length;
        continue;
      }
      pos = e.value;
      for (;;) {
        const inner = this.element(pos);
        if (inner.tag === ITEM_END) {
          pos = inner.value;
          break;
        }
        pos = inner.length === UNDEFINED ? this.skipUndefined(inner.value, depth + 1) : inner.value + inner.length;
      }
    }
    throw new Error('sequence too long');
  }
}

const toInt = (s: string): number | null => {
  const n = Number.parseInt(s.split('\\')[0]!.trim(), 10);
  return Number.isFinite(n) ? n : null;
};

/**
 * Reads the header tags of a Part 10 file. Never throws on a damaged or unusual file: whatever
 * could not be read is null (a deflated data set, for example, yields only the meta header's
 * transfer syntax and SOP Instance UID).
 */
export function readDicomHeader(bytes: Uint8Array): DicomHeader {
  const header: DicomHeader = {
    transferSyntaxUid: null,
    sopInstanceUid: null,
    studyInstanceUid: null,
    seriesInstanceUid: null,
    instanceNumber: null,
    numberOfFrames: null,
    rows: null,
    columns: null,
  };
  if (!isDicomPart10(bytes)) return header;
  const r = new Reader(bytes, true, true);
  let pos = DICOM_PREAMBLE_LENGTH + 4;
  let mediaSop: string | null = null;
  try {
    // File meta information: always explicit VR little endian, group 0002.
    while (pos + 8 <= bytes.length && r.u16(pos) === 0x0002) {
      const e = r.element(pos);
      if (e.length === UNDEFINED || e.value + e.length > bytes.length) throw new Error('bad meta element');
      if (e.tag === TAGS.transferSyntaxUid) header.transferSyntaxUid = r.text(e.value, e.length) || null;
      if (e.tag === TAGS.mediaSopInstanceUid) mediaSop = r.text(e.value, e.length) || null;
      pos = e.value + e.length;
    }
    const ts = header.transferSyntaxUid;
    if (ts === DEFLATED) return { ...header, sopInstanceUid: mediaSop };
    r.explicit = ts !== IMPLICIT_LITTLE;
    r.little = ts !== EXPLICIT_BIG;
    while (pos + 8 <= bytes.length) {
      const e = r.element(pos);
      if (e.tag >>> 16 > LAST_GROUP) break;
      if (e.length === UNDEFINED) {
        pos = r.skipUndefined(e.value);
        continue;
      }
      if (e.value + e.length > bytes.length) break;
      switch (e.tag) {
        case TAGS.sopInstanceUid:
          header.sopInstanceUid = r.text(e.value, e.length) || null;
          break;
        case TAGS.studyInstanceUid:
          header.studyInstanceUid = r.text(e.value, e.length) || null;
          break;
        case TAGS.seriesInstanceUid:
          header.seriesInstanceUid = r.text(e.value, e.length) || null;
          break;
        case TAGS.instanceNumber:
          header.instanceNumber = toInt(r.text(e.value, e.length));
          break;
        case TAGS.numberOfFrames:
          header.numberOfFrames = toInt(r.text(e.value, e.length));
          break;
        case TAGS.rows:
          if (e.length === 2) header.rows = r.u16(e.value);
          break;
        case TAGS.columns:
          if (e.length === 2) header.columns = r.u16(e.value);
          break;
      }
      pos = e.value + e.length;
    }
  } catch {
    // A damaged header: keep what was read.
  }
  header.sopInstanceUid ??= mediaSop;
  return header;
}
