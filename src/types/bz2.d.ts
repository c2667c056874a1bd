// bz2 (SheetJS) ships no types; this declares the one call decompress.ts makes.
declare module 'bz2' {
  /** Decodes the first bzip2 stream of `data`, checking each block's CRC when asked. */
  export function decompress(data: Uint8Array, checkCRC?: boolean): Uint8Array
}
