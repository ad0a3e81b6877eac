// The subpaths behind package.json's "./compose/*" pattern, one per file of src/compose/
// (`compose/attach compose/retry …`): attw cannot check a pattern, so `npm run lint:package`
// names each one for it.
import { readdirSync } from 'node:fs';

const files = readdirSync(new URL('../src/compose/', import.meta.url)).filter((file) => file.endsWith('.ts'));
console.log(files.map((file) => `compose/${file.slice(0, -3)}`).join(' '));
