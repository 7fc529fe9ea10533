// Compiles the Sass and copies the browser files into public/, which the server serves at /assets/.
// Runs after npm install (postinstall) and on start when public/ is missing or older than the sources.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public');
const govuk = join(root, 'node_modules/govuk-frontend/dist/govuk');

function newestSource(): number {
  const files = [
    ...readdirSync(join(root, 'assets/scss')).map((f) => join(root, 'assets/scss', f)),
    join(root, 'assets/js/app.js'),
  ];
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

export function assetsAreFresh(): boolean {
  const css = join(out, 'app.css');
  return existsSync(css) && existsSync(join(out, 'app.js')) && statSync(css).mtimeMs >= newestSource();
}

export async function buildAssets(): Promise<void> {
  // Imported here, not at the top: the Sass compiler is large, and most starts need no build.
  const sass = await import('sass');
  mkdirSync(out, { recursive: true });
  const result = sass.compile(join(root, 'assets/scss/app.scss'), {
    loadPaths: [join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  writeFileSync(join(out, 'app.css'), result.css);
  copyFileSync(join(govuk, 'govuk-frontend.min.js'), join(out, 'govuk-frontend.min.js'));
  copyFileSync(join(root, 'assets/js/app.js'), join(out, 'app.js'));
  copyFileSync(join(root, 'assets/favicon.svg'), join(out, 'favicon.svg'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAssets();
  console.log('assets built into public/');
}
