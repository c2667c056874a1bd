// ESM + ts-jest, as the typescript-action template runs it. Unit tests (*.test.ts) need no servers;
// integration tests (*.itg.test.ts) start real clients and servers on 127.0.0.1.
export default {
  clearMocks: true,
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // sigstore-js's HTTP client, replaced as in the bundle (see src/oci/sigstore-fetch.cjs).
  moduleNameMapper: { '^make-fetch-happen$': '<rootDir>/src/oci/sigstore-fetch.cjs' },
  preset: 'ts-jest',
  reporters: ['default'],
  resolver: 'ts-jest-resolver',
  testEnvironment: 'node',
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/dist/', '/node_modules/'],
  testTimeout: 120000,
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: 'tsconfig.json', useESM: true, diagnostics: { ignoreCodes: [151002] } }
    ]
  }
}
