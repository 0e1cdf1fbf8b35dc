module.exports = {
  preset: 'jest-expo',
  setupFiles: ['./tests/setup.ts'],
  testTimeout: 30000,
  testMatch: ['<rootDir>/tests/**/*.test.ts?(x)'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
};
