/* eslint-disable @typescript-eslint/no-require-imports */
// Storage libraries ship in-memory doubles for jest (no device storage in Node); everything HTTP is real.
jest.mock('@react-native-async-storage/async-storage', () =>
  require('@react-native-async-storage/async-storage/jest/async-storage-mock'),
);
jest.mock('@react-native-community/netinfo', () => require('@react-native-community/netinfo/jest/netinfo-mock.js'));

// jest-expo installs Expo's native fetch (a stub without a device); the tests talk to real local HTTP servers,
// so they get Node's HTTP client instead.
const nodeFetch = require('node-fetch');
const { Agent } = require('node:http');
// One connection per request, like a phone moving between cells (no reuse of a socket the server dropped).
const agent = new Agent({ keepAlive: false });
const fetchWithoutKeepAlive = (url: string, init: object = {}) => nodeFetch(url, { ...init, agent });
for (const [name, value] of Object.entries({
  fetch: fetchWithoutKeepAlive,
  Response: nodeFetch.Response,
  Headers: nodeFetch.Headers,
  Request: nodeFetch.Request,
})) {
  Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
}
