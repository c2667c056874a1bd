// seek-bzip ships no types; this declares the one call decompress.ts makes.
declare module 'seek-bzip' {
  const Bunzip: {
    /** Decodes a whole bzip2 file; `multistream` reads concatenated streams as one. */
    decode(input: Buffer, output?: Buffer | number, multistream?: boolean): Buffer
  }
  export default Bunzip
}
