// What the pages find on window besides the DOM: dagre (admin-flow-graph.js loads
// /admin/vendor/dagre.js, the IIFE build that sets window.dagre) and Chart.js
// (admin-dashboard-charts.js loads /admin/vendor/chart.umd.min.js, the UMD build that sets
// window.Chart), each typed by its package's own declarations.
interface Window {
  dagre?: typeof import('@dagrejs/dagre').default;
  Chart?: typeof import('chart.js').Chart;
}
