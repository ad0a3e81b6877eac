// `node --cpu-prof --cpu-prof-dir=<dir> bench/profile.mjs [bare|ours]`: the happy path alone, for a
// CPU profile; then `node bench/profile-summary.mjs <dir>` lists where the self time went.
import axios from 'axios';
import * as lib from '../dist/index.js';
import { makeVariants } from './overhead.mjs';

const which = process.argv[2] ?? 'ours';
const api = makeVariants(axios, lib, { validatorCache: false })[which];
for (let i = 0; i < 60_000; i++) await api.get('/items/1');
