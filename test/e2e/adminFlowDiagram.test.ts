// The flow diagram in real headless Chromium, on the shipped flow: it fits a 1400×900 screen at a
// size a person can read (judged by the rendered height of its texts: the old mermaid drawing's
// were 3 px), the handlers of every state are a legend instead of an arrow from each state, a card
// opens its state, zoom and pan work, and it follows the console's language.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_AUTH, AdminBrowser, testId } from '../helpers/adminBrowser.js';
import { screenshotPath } from '../helpers/screenshots.js';

// On screen, in CSS pixels: the height of a line of text's box (about 1.2 × its font size).
const MIN_STATE_NAME = 11;
const MIN_EDGE_LABEL = 9;

type Graph = { nodes: { id: string }[]; edges: { from: string; to: string; labels: string[] }[]; legend: { when: string; to: string | null }[] };

describe('flow diagram in the admin console', () => {
  let ab: AdminBrowser;
  let graphs: Record<'pt-BR' | 'en', Graph>;

  beforeAll(async () => {
    ab = await AdminBrowser.start();
    const flows = await ab.t.api('GET', '/api/admin/flows', undefined, ADMIN_AUTH);
    const v = await ab.t.api('GET', `/api/admin/flows/negotiation/versions/${flows.body.flows[0].publishedVersion}`, undefined, ADMIN_AUTH);
    graphs = v.body.graph;
  }, 120_000);
  afterAll(async () => ab?.close());

  async function openDiagram() {
    const opened = await ab.open();
    const { page } = opened;
    await page.setViewportSize({ width: 1400, height: 900 });
    await testId(page, 'nav-flows').click();
    await expect.poll(() => testId(page, 'graph-node').count(), { timeout: 30_000 }).toBe(graphs['pt-BR'].nodes.length);
    // The diagram's card at the top of the screen, as a reader scrolls to it.
    await testId(page, 'flow-diagram-card').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    return opened;
  }
  const scale = async (page: Page) => Number(await testId(page, 'graph-viewport').getAttribute('data-scale'));

  it('fits the shipped flow on a 1400×900 screen, every text readable, the handlers of every state as a legend', async () => {
    const { page, errors } = await openDiagram();
    const pt = graphs['pt-BR'];
    const m = await page.evaluate(() => {
      const rect = (e: Element) => e.getBoundingClientRect();
      const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom, height: r.height });
      const all = (id: string, inner = '') => [...document.querySelectorAll(`[data-testid="${id}"]${inner}`)].map((e) => box(rect(e)));
      const viewport = document.querySelector('[data-testid="graph-viewport"]')!;
      return {
        window: { width: innerWidth, height: innerHeight },
        viewport: box(rect(viewport)),
        scrolls: viewport.scrollWidth > viewport.clientWidth || viewport.scrollHeight > viewport.clientHeight,
        cards: all('graph-node'),
        names: all('graph-node-name'),
        labels: all('graph-edge-label'),
        // A label is one or two lines: each line's height.
        labelLines: all('graph-edge-label', ' > tspan'),
      };
    });
    // The whole drawing inside the diagram's area, and that area on the screen.
    const inside = (r: { left: number; top: number; right: number; bottom: number }, o: typeof r) => r.left >= o.left - 0.5 && r.top >= o.top - 0.5 && r.right <= o.right + 0.5 && r.bottom <= o.bottom + 0.5;
    const screen = { left: 0, top: 0, right: m.window.width, bottom: m.window.height };
    expect(inside(m.viewport, screen), JSON.stringify(m.viewport)).toBe(true);
    expect(m.scrolls).toBe(false);
    for (const r of [...m.cards, ...m.labels]) expect(inside(r, m.viewport), JSON.stringify(r)).toBe(true);
    // Readable: judged by the text's size on screen.
    const smallestName = Math.min(...m.names.map((r) => r.height));
    const smallestLabel = Math.min(...m.labelLines.map((r) => r.height));
    console.info(`flow diagram at 1400×900: ${pt.nodes.length} states, ${pt.edges.length} arrows, scale ${await scale(page)}, smallest state name ${smallestName.toFixed(1)} px, smallest arrow label ${smallestLabel.toFixed(1)} px`);
    expect(m.names).toHaveLength(pt.nodes.length);
    expect(smallestName).toBeGreaterThanOrEqual(MIN_STATE_NAME);
    expect(m.labelLines.length).toBeGreaterThanOrEqual(m.labels.length);
    expect(smallestLabel).toBeGreaterThanOrEqual(MIN_EDGE_LABEL);

    // One arrow per pair of states, and no arrow drawn from every state for the flow's own handlers.
    const edges = await testId(page, 'graph-edge').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')}>${e.getAttribute('data-to')}`));
    expect(edges.sort()).toEqual(pt.edges.map((e) => `${e.from}>${e.to}`).sort());
    // (The shipped flow: 19 states, 45 arrows; its handlers drawn from every state would make over 150.)
    expect(edges.length).toBeLessThan(3 * pt.nodes.length);
    for (const to of new Set(pt.legend.map((l) => l.to).filter((x) => x !== null))) {
      expect(edges.filter((e) => e.endsWith(`>${to}`)).length, to!).toBeLessThan(pt.nodes.length - 1);
    }
    const arrowWords = (await testId(page, 'graph-edge').locator('title').allTextContents()).join('\n');
    for (const l of pt.legend) expect(arrowWords, l.when).not.toContain(l.when);
    // Each of those handlers once, in the legend.
    const legend = await testId(page, 'graph-legend-item').allTextContents();
    expect(legend).toHaveLength(pt.legend.length);
    for (const l of pt.legend) expect(legend.filter((text) => text.startsWith(`${l.when} →`)), l.when).toHaveLength(1);

    await page.screenshot({ path: screenshotPath('flow-diagram') });
    expect(errors).toEqual([]);
  }, 120_000);

  it('opens a state from its card: a click, Enter or Space dispatches flow-state-open', async () => {
    const { page, errors } = await openDiagram();
    await page.evaluate(() => {
      const w = window as unknown as { opened: string[] };
      w.opened = [];
      document.addEventListener('flow-state-open', (e) => w.opened.push((e as CustomEvent<{ state: string }>).detail.state));
    });
    const opened = () => page.evaluate(() => (window as unknown as { opened: string[] }).opened);
    await page.locator('[data-testid="graph-node"][data-state="offering"]').click();
    expect(await opened()).toEqual(['offering']);
    const askCnpj = page.locator('[data-testid="graph-node"][data-state="askCnpj"]');
    expect(await askCnpj.getAttribute('role')).toBe('button');
    expect(await askCnpj.getAttribute('aria-label')).toContain('askCnpj');
    await askCnpj.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="graph-node"][data-state="verifying"]').focus();
    await page.keyboard.press('Space');
    expect(await opened()).toEqual(['offering', 'askCnpj', 'verifying']);
    // A state named in the legend opens too.
    await page.locator('.fg-legend-to[data-state="escalated"]').first().click();
    expect((await opened()).at(-1)).toBe('escalated');
    expect(errors).toEqual([]);
  }, 120_000);

  it('zooms with the buttons and the wheel, pans by dragging, and fits again', async () => {
    const { page, errors } = await openDiagram();
    const fitted = await scale(page);
    expect(fitted).toBeGreaterThan(0.3);
    await testId(page, 'graph-zoom-in').click();
    expect(await scale(page)).toBeCloseTo(fitted * 1.25, 2);
    await testId(page, 'graph-zoom-out').click();
    await testId(page, 'graph-zoom-out').click();
    expect(await scale(page)).toBeCloseTo(fitted / 1.25, 2);
    expect(await testId(page, 'graph-scale').textContent()).toBe(`${Math.round((fitted / 1.25) * 100)}%`);

    const vp = (await testId(page, 'graph-viewport').boundingBox())!;
    await page.mouse.move(vp.x + vp.width / 2, vp.y + vp.height / 2);
    // A plain wheel scrolls the page past the diagram; with Ctrl held it zooms.
    // (The console scrolls its .content column, not the window.)
    const scrollTop = () => page.evaluate(() => document.querySelector('.content')!.scrollTop);
    const scrolled = await scrollTop();
    await page.mouse.wheel(0, 300);
    await expect.poll(scrollTop).toBeGreaterThan(scrolled);
    expect(await scale(page)).toBeCloseTo(fitted / 1.25, 2);
    await page.mouse.wheel(0, -300);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    await expect.poll(() => scale(page)).toBeGreaterThan(fitted / 1.25);

    const where = () => page.locator('[data-testid="graph-node"][data-state="start"]').boundingBox();
    const before = (await where())!;
    await page.mouse.move(vp.x + 40, vp.y + vp.height - 40);
    await page.mouse.down();
    await page.mouse.move(vp.x + 140, vp.y + vp.height - 10, { steps: 5 });
    await page.mouse.up();
    const after = (await where())!;
    expect(after.x - before.x).toBeCloseTo(100, 0);
    expect(after.y - before.y).toBeCloseTo(30, 0);

    await testId(page, 'graph-fit').click();
    expect(await scale(page)).toBeCloseTo(fitted, 3);
    expect(errors).toEqual([]);
  }, 120_000);

  it("speaks the console's language, and shows a saved draft's diagram", async () => {
    const { page, errors } = await openDiagram();
    await testId(page, 'lang-en').click();
    const en = graphs.en;
    await expect.poll(() => testId(page, 'graph-legend-item').first().textContent()).toContain(en.legend[0]!.when);
    expect(await testId(page, 'graph-legend').locator('h4').textContent()).toBe('In every step');
    const labels = await testId(page, 'graph-edge-label').allTextContents();
    const english = (await testId(page, 'graph-edge').locator('title').allTextContents()).join('\n');
    expect(english).toContain(en.edges[0]!.labels[0]);
    expect(english).not.toContain(graphs['pt-BR'].edges[0]!.labels[0]);
    expect(labels.length).toBeGreaterThan(10);
    expect(await page.locator('[data-testid="graph-node"][data-state="start"] .fg-badge-text').textContent()).toBe('start');
    await page.screenshot({ path: screenshotPath('flow-diagram-en') });
    await testId(page, 'graph-legend').evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: screenshotPath('flow-diagram-legend-en') });

    // Saving the draft draws the draft (PUT …/draft answers with its graph), in the same language.
    await testId(page, 'draft-save').click();
    await expect.poll(() => testId(page, 'diagram-caption').textContent()).toBe('Diagram of the saved draft');
    await expect.poll(() => testId(page, 'graph-node').count()).toBe(en.nodes.length);
    await expect.poll(() => testId(page, 'graph-legend-item').first().textContent()).toContain(en.legend[0]!.when);
    expect(errors).toEqual([]);
  }, 120_000);

  it('redraws in the new language a diagram whose section was hidden when the language changed, fitted once shown', async () => {
    const { page, errors } = await openDiagram();
    const fitted = await scale(page);
    await testId(page, 'nav-dashboard').click();
    await testId(page, 'lang-en').click();
    await testId(page, 'nav-flows').click();
    await expect.poll(() => testId(page, 'graph-legend-item').first().textContent()).toContain(graphs.en.legend[0]!.when);
    await expect.poll(() => scale(page)).toBeCloseTo(fitted, 1);
    // Every state's name whole on its card (measured, not estimated, once the section shows).
    const names = await testId(page, 'graph-node-name').allTextContents();
    expect(names.sort()).toEqual(graphs.en.nodes.map((n) => n.id).sort());
    expect(errors).toEqual([]);
  }, 120_000);
});
