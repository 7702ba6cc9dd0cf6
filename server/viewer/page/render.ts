import type { Slice } from './dicom.js';

export interface WindowLevel {
  width: number;
  center: number;
}

/**
 * Maps a slice through a window (width, center) to 8-bit grey (or RGB) pixels, DICOM's linear
 * VOI function: values at or below center - width/2 are black, at or above center + width/2 white.
 */
export function toRgba(slice: Slice, wl: WindowLevel, out?: ImageData): ImageData {
  const { width, height, data, samples } = slice;
  const image = out && out.width === width && out.height === height ? out : new ImageData(width, height);
  const px = image.data;
  const w = Math.max(1, wl.width);
  const low = wl.center - 0.5 - (w - 1) / 2;
  const scale = 255 / Math.max(1, w - 1);
  const n = width * height;
  if (samples === 1) {
    for (let i = 0; i < n; i++) {
      let v = (data[i]! - low) * scale;
      v = v < 0 ? 0 : v > 255 ? 255 : v;
      const o = i * 4;
      px[o] = px[o + 1] = px[o + 2] = v;
      px[o + 3] = 255;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const o = i * 4;
      for (let c = 0; c < 3; c++) {
        let v = (data[i * 3 + c]! - low) * scale;
        px[o + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
      px[o + 3] = 255;
    }
  }
  return image;
}

/** The window a slice opens with: the file's own, else one spanning the series' values. */
export function defaultWindow(slice: Slice, seriesRange: { min: number; max: number }): WindowLevel {
  if (slice.storedWindow) return { ...slice.storedWindow };
  if (slice.samples === 3) return { width: 256, center: 127.5 };
  const { min, max } = seriesRange;
  const width = Math.max(1, max - min);
  return { width, center: min + width / 2 };
}

/** Where an image of w×h goes inside a box of bw×bh: as large as fits, centred, aspect kept. */
export function fit(w: number, h: number, bw: number, bh: number): { x: number; y: number; w: number; h: number } {
  const scale = Math.min(bw / w, bh / h);
  const dw = Math.max(1, Math.round(w * scale));
  const dh = Math.max(1, Math.round(h * scale));
  return { x: Math.round((bw - dw) / 2), y: Math.round((bh - dh) / 2), w: dw, h: dh };
}
