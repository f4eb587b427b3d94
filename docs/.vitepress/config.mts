// The hepuq documentation site (VitePress): `npm run docs` generates the API reference (TypeDoc,
// scripts/docs-api.ts) into docs/api/ and builds the site into docs/.vitepress/dist/. VitePress fails
// the build on a link to a page that does not exist: that is the link check (keep ignoreDeadLinks off).
import { existsSync, readFileSync } from 'node:fs';
import { defineConfig, type DefaultTheme } from 'vitepress';

/** The sidebar typedoc-vitepress-theme wrote beside the API pages; empty until `npm run docs:api` ran. */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = new URL('../api/typedoc-sidebar.json', import.meta.url);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[]) : [];
}

const guide: DefaultTheme.SidebarItem = {
  text: 'User guide',
  items: [
    { text: 'Install and first run', link: '/guide/install' },
    { text: 'Run configs', link: '/guide/configs' },
    { text: 'Run config reference', link: '/run-config' },
    { text: 'Reading a report', link: '/guide/report' },
    { text: 'Plugins', link: '/guide/plugins' },
    { text: 'Distributed runs (BullMQ, Slurm)', link: '/distributed' },
    { text: 'Performance', link: '/performance' },
  ],
};

const methods: DefaultTheme.SidebarItem = {
  text: 'Methods',
  items: [
    { text: 'Overview', link: '/methods/' },
    { text: 'het-mlp', link: '/methods/het-mlp' },
    { text: 'mlp-classifier', link: '/methods/mlp-classifier' },
    { text: 'Network bodies (MLP, Deep Sets, PFN, EFN)', link: '/networks' },
    { text: 'Applying and exporting models (predict, ONNX)', link: '/export' },
    { text: 'Bayesian networks', link: '/methods/bnn' },
    { text: 'Ensembles', link: '/methods/ensembles' },
    { text: 'Generator evaluation', link: '/methods/calogan-eval' },
    { text: 'Scale uncertainties', link: '/methods/scale-uncertainty' },
    { text: 'Nuisance parameters', link: '/methods/pivot-adversary' },
    { text: 'Unfolding', link: '/methods/omnifold' },
    { text: 'Anomaly search (CWoLa)', link: '/methods/cwola' },
    { text: 'Calibration (numerical inversion)', link: '/methods/numerical-inversion' },
    { text: 'Metrics and recalibration', link: '/metrics' },
    { text: 'Binned-likelihood inference', link: '/inference' },
  ],
};

const pluginAuthors: DefaultTheme.SidebarItem = {
  text: 'Plugin author guide',
  items: [{ text: 'Writing a plugin', link: '/plugin-authors' }],
};

const errors: DefaultTheme.SidebarItem = {
  text: 'Error catalog',
  items: [{ text: 'Every error code', link: '/errors' }],
};

const api: DefaultTheme.SidebarItem = {
  text: 'API reference',
  items: [{ text: 'Packages', link: '/api/' }],
};

export default defineConfig({
  title: 'hepuq',
  description: 'Calibrated uncertainties for machine learning in particle physics',
  lang: 'en-GB',
  // a dead link fails the build; only links to a locally running server are exempt
  ignoreDeadLinks: 'localhostLinks',
  // a README.md here would be for readers browsing the repository, not a page of the site
  srcExclude: ['**/README.md'],
  // the pages write sets as {1/2, 1, 2}: braces are text, not markdown-it-attrs attributes
  markdown: { attrs: { disable: true } },
  // the local search index and the API page of a large package are single chunks of 0.5-2 MB
  vite: { build: { chunkSizeWarningLimit: 2500 } },
  lastUpdated: false,
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/install' },
      { text: 'Methods', link: '/methods/' },
      { text: 'Plugin authors', link: '/plugin-authors' },
      { text: 'Errors', link: '/errors' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: {
      '/api/': [{ text: 'API reference', link: '/api/', items: apiSidebar() }, guide, methods, pluginAuthors, errors],
      '/': [guide, methods, pluginAuthors, errors, api],
    },
    outline: { level: [2, 3] },
    search: { provider: 'local' },
  },
});
