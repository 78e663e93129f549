// Prints the gzipped size of the first load: the entry chunk and everything it imports
// statically (not dynamic imports such as hls.js or lazy pages), plus the CSS for reference.
// Exits non-zero when the JavaScript is above the budget. Run after `npm run build`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = 150 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
} catch {
  console.error('No dist/.vite/manifest.json: run `npm run build` first.');
  process.exit(2);
}

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (!entries.length) {
  console.error('The manifest names no entry chunk.');
  process.exit(2);
}

const js = new Set();
const css = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || js.has(chunk.file)) return;
  js.add(chunk.file);
  for (const file of chunk.css ?? []) css.add(file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
for (const [key] of entries) visit(key);

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

let total = 0;
console.log('First load (gzipped):');
for (const file of js) {
  const size = gz(file);
  total += size;
  console.log(`  ${file.padEnd(44)} ${kb(size).padStart(9)}`);
}
let cssTotal = 0;
for (const file of css) {
  const size = gz(file);
  cssTotal += size;
  console.log(`  ${file.padEnd(44)} ${kb(size).padStart(9)}  (css, not counted)`);
}
const lazy = Object.values(manifest).filter((c) => c.file.endsWith('.js') && !js.has(c.file));
for (const chunk of lazy) console.log(`  ${chunk.file.padEnd(44)} ${kb(gz(chunk.file)).padStart(9)}  (lazy, not counted)`);

console.log(`JavaScript total: ${kb(total)} of ${kb(BUDGET)}${cssTotal ? `; CSS ${kb(cssTotal)}` : ''}`);
if (total > BUDGET) {
  console.error(`Over budget by ${kb(total - BUDGET)}.`);
  process.exit(1);
}
