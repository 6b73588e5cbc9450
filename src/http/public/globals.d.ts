// What the pages find on window besides the DOM: the mermaid bundle (admin-diagram.js loads
// /admin/vendor/mermaid.min.js, an IIFE that sets window.mermaid) — only the calls the page makes.
interface Window {
  mermaid?: {
    initialize(config: Record<string, unknown>): void;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
}
