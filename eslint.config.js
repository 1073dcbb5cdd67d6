import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The project's boundaries, kept by the linter rather than by memory:
 * - `src/**` is browser code: no Node built-ins, no Node-only globals (`process`, `Buffer`...);
 * - `training/` is Node code: no browser-only globals (`window`, `document`...);
 * - only `src/model/` and `src/learning/` touch TensorFlow.js;
 * - only `src/components/`, `src/hooks/`, `App.tsx` and `main.tsx` use React;
 * - `src/digit/` and `src/learning/` also run in a worker: no DOM, no React.
 * `test/lint/boundaries.test.ts` shows each rule rejecting a violating import.
 */

/** Globals that one side has and the other has not. */
const only = (mine, theirs) => Object.keys(mine).filter((name) => !(name in theirs));
const NODE_ONLY_GLOBALS = only(globals.node, globals.browser);
const BROWSER_ONLY_GLOBALS = only(globals.browser, globals.node);
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement'];

const restrictedGlobals = (names, why) => ['error', ...names.map((name) => ({ name, message: why }))];

const NODE_MODULES = {
  group: [
    'node:*',
    'fs',
    'fs/*',
    'path',
    'os',
    'url',
    'util',
    'crypto',
    'zlib',
    'worker_threads',
    'child_process',
  ],
  message: 'src/ is browser code: Node modules belong in training/, bench/ or test/.',
};
const TFJS = {
  group: ['@tensorflow/*'],
  message:
    'Only src/model/ and src/learning/ touch TensorFlow.js: go through the classifier or the learning core.',
};
const REACT = {
  group: ['react', 'react/*', 'react-dom', 'react-dom/*'],
  message: 'React belongs in src/components/, src/hooks/, App.tsx and main.tsx: keep logic in plain modules.',
};

/** One `no-restricted-imports` rule per folder: a later config object would replace, not add to, an earlier one. */
const restrictImports = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'scratch', 'coverage', '.bench', '.screens'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Small named steps: an orchestrator composes functions that each do one thing.
    files: ['src/**/*.{ts,tsx}', 'training/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 40, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-globals': restrictedGlobals(
        NODE_ONLY_GLOBALS,
        'src/ is browser code: this is a Node global.',
      ),
      'no-restricted-imports': restrictImports(NODE_MODULES, TFJS, REACT),
    },
  },
  {
    files: ['src/model/**/*.ts', 'src/learning/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(NODE_MODULES, REACT) },
  },
  {
    files: [
      'src/components/**/*.tsx',
      'src/hooks/**/*.ts',
      'src/App.tsx',
      'src/main.tsx',
      'src/prerender.tsx',
    ],
    rules: { 'no-restricted-imports': restrictImports(NODE_MODULES, TFJS) },
  },
  {
    files: ['src/digit/**/*.ts', 'src/learning/**/*.ts'],
    rules: {
      'no-restricted-globals': restrictedGlobals(
        [...NODE_ONLY_GLOBALS, ...DOM_GLOBALS],
        'src/digit/ and src/learning/ run in Node, the page and a worker alike: no Node or DOM globals.',
      ),
    },
  },
  {
    files: ['training/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-globals': restrictedGlobals(
        BROWSER_ONLY_GLOBALS,
        'training/ runs in Node: this is a browser global.',
      ),
      'no-restricted-imports': restrictImports(REACT),
    },
  },
  {
    // Tests and benchmarks run in Node and drive pages (jsdom, Chromium), so they see both.
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
