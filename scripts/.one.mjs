import { build } from 'esbuild';
const f = process.argv[2];
const out = await build({ entryPoints: [f], bundle: true, minify: true, format: 'esm', platform: 'neutral', target: 'es2019', external: ['axios', './auth/*','./errors','../*','./*'], write: false, logLevel: 'silent' });
console.log(out.outputFiles[0].text);
