/** The few parts of daikon (MIT, no bundled types) that the viewer uses. */
declare module 'daikon' {
  interface DaikonImage {
    getRows(): number | null;
    getCols(): number | null;
    getNumberOfFrames(): number;
    getNumberOfSamplesPerPixel(): number | null;
    getPlanarConfig(): number | null;
    getPhotometricInterpretation(): string | null;
    getWindowWidth(): number | null;
    getWindowCenter(): number | null;
    getImageNumber(): number | null;
    getSeriesInstanceUID(): string | null;
    getSeriesDescription(): string | null;
    getTransferSyntax(): string | null;
    hasPixelData(): boolean;
    getInterpretedData(asArray: false, asObject: true, frameIndex?: number): { data: Float32Array; min: number; max: number; numCols: number; numRows: number };
  }
  const daikon: {
    Series: { parseImage(data: DataView): DaikonImage | null; parserError: Error | null };
    Parser: unknown;
  };
  export default daikon;
  export type { DaikonImage };
}
