import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CSS, HTML, JS, pageCsp, readPublic, registerUiFiles, serveStatic } from './uiFiles.js';

// As the agents' console (consolePage.ts): scripts and styles only from files of our own origin,
// so an injected <script>, on*="" or style="" attribute in API data would do nothing even if it
// reached the DOM. The flow diagram (admin-flow-graph.js) is SVG styled by admin.css classes and
// Chart.js sizes its canvases through the CSSOM, which the CSP allows, so no 'unsafe-inline'.
export const ADMIN_CSP = pageCsp();

// The page's script is split by section (ES modules importing each other by these same paths)
// so that no file has to hold the whole console.
const MODULES = [
  'admin.js',
  'admin-text.js',
  'admin-dashboard-text.js',
  'admin-core.js',
  'admin-dashboard.js',
  'admin-dashboard-charts.js',
  'admin-windows.js',
  'admin-flows.js',
  'admin-flow-state.js',
  'admin-flow-versions.js',
  'admin-flow-draft.js',
  'admin-flow-diff.js',
  'admin-flow-editor.js',
  'admin-flow-graph.js',
  'admin-flow-graph-geometry.js',
  'admin-template-field.js',
  'admin-flow-states.js',
  'admin-param-form.js',
  'flow-model.js',
  'admin-simulator.js',
  'admin-policy.js',
  'admin-escalation.js',
  'admin-contact.js',
  'admin-channel-order.js',
  'admin-reminders.js',
  'admin-whatsapp-templates.js',
  'admin-portfolio.js',
  'admin-debtors.js',
  'admin-agreements.js',
  'admin-payments.js',
  'admin-decisions.js',
  'admin-identity.js',
  'admin-audit.js',
  'admin-users.js',
] as const;

const FILES = [
  { route: '/admin', file: 'admin.html', type: HTML },
  { route: '/admin.css', file: 'admin.css', type: CSS },
  ...MODULES.map((file) => ({ route: `/${file}`, file, type: JS })),
];
const require = createRequire(import.meta.url);
// dagre's browser build (an IIFE that sets window.dagre, graphlib bundled in), loaded by the page
// when it first draws a flow diagram. The package's exports map does not export dist/*, so the file
// is found next to its main entry (dist/dagre.cjs).
const DAGRE = path.join(path.dirname(require.resolve('@dagrejs/dagre')), 'dagre.js');
// Chart.js's UMD build (window.Chart, every chart type registered, @kurkle/color bundled in): one
// self-contained file. Its ESM build imports '@kurkle/color' by bare name, which a browser cannot
// resolve without a build step or an import map (an inline script the CSP forbids). The package's
// exports map does not export dist/*, so the file is found next to its main entry (dist/chart.cjs).
const CHART = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');

/**
 * The admins' console: GET /admin, its scripts, stylesheets, the dagre and Chart.js bundles, and the files
 * it shares with the agents' console (uiFiles.ts).
 */
export function registerAdminPage(app: FastifyInstance): void {
  registerUiFiles(app);
  for (const { route, file, type } of FILES) serveStatic(app, { route, body: readPublic(file), type, csp: ADMIN_CSP });
  serveStatic(app, { route: '/admin/vendor/dagre.js', body: readFileSync(DAGRE), type: JS, csp: ADMIN_CSP });
  serveStatic(app, { route: '/admin/vendor/chart.umd.min.js', body: readFileSync(CHART), type: JS, csp: ADMIN_CSP });
}
