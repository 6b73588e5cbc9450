// Flow diagrams: the server gives mermaid stateDiagram-v2 source; mermaid (3.5 MB) is loaded on
// first use from /admin/vendor/mermaid.min.js, a same-origin script the CSP allows.
import { loadScript } from '/admin-core.js';

let ready = null;
let seq = 0;

function loadMermaid() {
  if (!ready) {
    ready = loadScript('/admin/vendor/mermaid.min.js', 'mermaid').then((m) => {
      // 'strict': labels are sanitised and click/href directives are refused, so state names
      // or notes that came from a flow definition cannot become markup or script in the SVG.
      m.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral', maxTextSize: 500_000, state: { useMaxWidth: false } });
      return m;
    }, (err) => { ready = null; throw err; });
  }
  return ready;
}

/**
 * Draws `source` into `container`. Resolves true when drawn, false when a newer draw for the same
 * container started meanwhile; rejects with mermaid's error (a syntax error) otherwise.
 */
export async function drawDiagram(container, source) {
  const token = String(++seq);
  container.setAttribute('data-draw', token);
  container.setAttribute('aria-busy', 'true');
  const mermaid = await loadMermaid();
  const id = `flow-diagram-${token}`;
  try {
    const { svg } = await mermaid.render(id, source);
    if (container.getAttribute('data-draw') !== token) return false;
    // The ONE place this page parses markup: mermaid's own SVG output, produced by mermaid.render
    // under securityLevel 'strict' (which sanitises every label with DOMPurify). No API text is
    // ever inserted as HTML anywhere else.
    container.innerHTML = svg;
    container.removeAttribute('aria-busy');
    return true;
  } catch (err) {
    // A failed render can leave its scratch element behind.
    document.getElementById(`d${id}`)?.remove();
    document.getElementById(id)?.remove();
    if (container.getAttribute('data-draw') !== token) return false;
    container.textContent = '';
    container.removeAttribute('aria-busy');
    throw err;
  }
}

export function clearDiagram(container) {
  container.setAttribute('data-draw', String(++seq));
  container.removeAttribute('aria-busy');
  container.textContent = '';
}
