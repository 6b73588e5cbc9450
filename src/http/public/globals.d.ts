// What the pages find on window besides the DOM: the mermaid bundle (admin-diagram.js loads
// /admin/vendor/mermaid.min.js, an IIFE that sets window.mermaid) — only the calls the page makes —
// and Chart.js (admin-dashboard-charts.js loads /admin/vendor/chart.umd.min.js, the UMD build that
// sets window.Chart), typed by the package's own declarations.
interface Window {
  mermaid?: {
    initialize(config: Record<string, unknown>): void;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
  Chart?: typeof import('chart.js').Chart;
}
