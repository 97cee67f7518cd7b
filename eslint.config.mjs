import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Import directions of DESIGN §7, as lint errors. Each zone lists what its files may not import. */
const nodeBuiltins = { group: ['node:*'], message: 'This code also runs in the browser: no Node built-ins.' }
const electronOnly = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' }
const zones = [
  {
    files: ['shared/**'],
    ignores: ['shared/protocol/**'],
    paths: [electronOnly],
    patterns: [
      { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports neither side.' },
      nodeBuiltins,
    ],
  },
  {
    // The wire protocol (canonical JSON, signing, chain) is shared by the kiosk and the collector, both Node: it
    // may use node:crypto, and nothing else of Node. tsconfig.web.json leaves it out; the renderer never imports it.
    files: ['shared/protocol/**'],
    paths: [electronOnly],
    patterns: [
      { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports neither side.' },
      { group: ['node:*', '!node:crypto'], message: 'The protocol code uses node:crypto only.' },
    ],
  },
  {
    files: ['renderer/**'],
    paths: [electronOnly, { name: 'better-sqlite3', message: 'The renderer never touches the database.' }],
    patterns: [
      { group: ['**/electron/**'], message: 'The renderer reaches main only through window.api.' },
      { group: ['**/shared/protocol/**'], message: 'The upload protocol runs in Node (kiosk core, collector) only.' },
      nodeBuiltins,
    ],
  },
  {
    files: ['electron/core/**', 'electron/web-host/**'],
    paths: [electronOnly],
    patterns: [
      { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'Core and the web host stay shell-free.' },
    ],
  },
  {
    files: ['electron/collector/**'],
    paths: [electronOnly],
    patterns: [
      { group: ['**/main/**', '**/preload/**', '**/renderer/**', '**/web-host/**'], message: 'The collector is a plain Node server: core and shared only.' },
    ],
  },
  {
    files: ['electron/preload/**'],
    paths: [{ name: 'zod', message: 'The sandboxed preload stays tiny: channel names only, no schemas.' }],
    patterns: [
      { group: ['**/core/**', '**/main/**', '**/renderer/**', '**/shared/contract', '**/shared/schemas/**'], message: 'The preload may import electron and shared/bridge + shared/channels only.' },
      { group: ['node:*'], message: 'A sandboxed preload cannot load Node modules.' },
    ],
  },
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['test/**'],
    // Tests index into rows they have just asserted on; a failed `!` fails the test loudly anyway.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['test/e2e/**'],
    rules: { 'no-empty-pattern': 'off' }, // Playwright fixtures take `{}` when they need no other fixture
  },
  ...zones.map(({ files, ignores, paths, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
  })),
)
