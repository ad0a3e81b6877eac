// Jest setup file: with AXIOS_ADAPTER=http or fetch, every instance made by axios.create() in a test
// uses that adapter, so the integration suite proves the policy on both Node adapters unchanged.
// Instances given their own adapter (axios-mock-adapter, the in-memory ones) are not affected.
import axios from 'axios';

const wanted = process.env.AXIOS_ADAPTER;
if (wanted) {
  if (wanted !== 'http' && wanted !== 'fetch') throw new Error(`AXIOS_ADAPTER must be http or fetch, got ${wanted}`);
  axios.defaults.adapter = wanted;
}

/** The adapter the integration tests run on: `AXIOS_ADAPTER`, else axios's default in Node (http). */
export const adapterUnderTest: 'http' | 'fetch' = wanted === 'fetch' ? 'fetch' : 'http';
