import daikon from 'daikon';

/** One displayable 2D image: a single-frame instance, or one frame of a multi-frame one. */
export interface Slice {
  width: number;
  height: number;
  /** 1 = grey values (rescaled, MONOCHROME1 already inverted); 3 = RGB, interleaved. */
  samples: 1 | 3;
  data: Float32Array;
  min: number;
  max: number;
  /** The window stored in the file, when it has a usable one. */
  storedWindow: { width: number; center: number } | null;
  series: string;
  instanceNumber: number | null;
  frame: number;
  frames: number;
}

export class DecodeError extends Error {}

/**
 * Decodes a DICOM Part 10 file into its frames with daikon, which reads the usual transfer
 * syntaxes: implicit and explicit VR, big endian, deflate, RLE, JPEG baseline and lossless,
 * JPEG-LS and JPEG 2000.
 */
export function decodeInstance(bytes: ArrayBuffer): Slice[] {
  let image: ReturnType<typeof daikon.Series.parseImage>;
  try {
    daikon.Series.parserError = null;
    image = daikon.Series.parseImage(new DataView(bytes));
  } catch (e) {
    throw new DecodeError(`not readable: ${(e as Error).message}`);
  }
  const parserError = daikon.Series.parserError as Error | null;
  if (!image || parserError) throw new DecodeError(`not readable: ${parserError?.message ?? 'no image'}`);
  if (!image.hasPixelData()) throw new DecodeError('no pixel data');
  const width = image.getCols() ?? 0;
  const height = image.getRows() ?? 0;
  if (!width || !height) throw new DecodeError('no image size');
  const frames = Math.max(1, image.getNumberOfFrames() || 1);
  const samples = (image.getNumberOfSamplesPerPixel() ?? 1) >= 3 ? 3 : 1;
  const ww = Number(image.getWindowWidth());
  const wc = Number(image.getWindowCenter());
  const storedWindow = samples === 1 && Number.isFinite(ww) && ww > 1 && Number.isFinite(wc) ? { width: ww, center: wc } : null;
  const series = image.getSeriesInstanceUID() ?? '';
  const instanceNumber = image.getImageNumber() ?? null;
  const out: Slice[] = [];
  for (let frame = 0; frame < frames; frame++) {
    let decoded: ReturnType<typeof image.getInterpretedData>;
    try {
      decoded = image.getInterpretedData(false, true, frame);
    } catch (e) {
      throw new DecodeError(`pixel data not decodable: ${(e as Error).message}`);
    }
    let data = decoded.data;
    if (data.length < width * height * samples) throw new DecodeError('pixel data too short');
    if (samples === 3 && image.getPlanarConfig() === 1) data = interleave(data, width * height);
    let { min, max } = decoded;
    if (samples === 3) [min, max] = [0, 255];
    out.push({ width, height, samples, data, min, max, storedWindow, series, instanceNumber, frame, frames });
  }
  return out;
}

/** RRR…GGG…BBB… → RGBRGB… */
function interleave(planar: Float32Array, pixels: number): Float32Array {
  const out = new Float32Array(pixels * 3);
  for (let i = 0; i < pixels; i++) {
    out[i * 3] = planar[i]!;
    out[i * 3 + 1] = planar[pixels + i]!;
    out[i * 3 + 2] = planar[2 * pixels + i]!;
  }
  return out;
}
