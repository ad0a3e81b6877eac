// `node --cpu-prof --cpu-prof-dir=<dir> bench/profile.mjs [bare|ours]`: the happy path alone, for a
// CPU profile; then `node bench/profile-summary.mjs <dir>` lists where the self time went.
import axios from 'axios';
import * as lib from '../dist/index.js';
import { makeVariants } from './overhead.mjs';

const which = process.argv[2] ?? 'ours';
// PROFILE_CACHE=0 profiles without the validator cache, to tell its cost apart.
const api = makeVariants(axios, lib, { validatorCache: process.env.PROFILE_CACHE !== '0' })[which];
const t0 = performance.now();
for (let i = 0; i < 30_000; i++) await api.get('/items/1');
console.error(`${which}: ${((performance.now() - t0) / 30).toFixed(1)} µs/request`);
