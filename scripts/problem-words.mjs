// Prints what the served pages say for each problem code (src/FamilyAid.Functions/Web/Sites/shared/problems.js), as JSON:
//   { "explained": [codes the table has], "fallback": "…", "sentences": { "<code>": "…" } }
// for the codes given as arguments (the OpenAPI document's, in ProblemWordsTests), plus one no API writes.
//
//   node scripts/problem-words.mjs insufficient-balance not-found
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Loaded as the browser loads it, an ES module, whatever node would guess from the repository's package.json.
const source = readFileSync(join(root, 'src/FamilyAid.Functions/Web/Sites/shared/problems.js'));
const { explained, sentence } = await import(`data:text/javascript;base64,${source.toString('base64')}`);

const codes = process.argv.slice(2);
console.log(JSON.stringify({
  explained,
  fallback: sentence(undefined),
  sentences: Object.fromEntries(codes.map(code => [code, sentence({ code })])),
}));
