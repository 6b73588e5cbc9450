import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { WebchatDebtor } from '../helpers/chat.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

const bearer = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
// Sunday 22/11/2026 at noon in São Paulo.
const NOW = new Date('2026-11-22T15:00:00Z');

describe('offer limits per overdue bucket, end to end', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: () => NOW });
  }, 120_000);
  afterAll(async () => t?.close());

  async function debtorDue(dueDate: string, n: number) {
    const base = `3${String(n).padStart(7, '0')}0001`;
    const cnpj = base + cnpjCheckDigits(base);
    const csv = `cnpj,company_name,invoice,amount,due_date\n${cnpj},Bucket ${n} Ltda,NF-7${n}01,10000.00,${dueDate}\n`;
    expect((await t.api('POST', '/api/admin/portfolio/import', csv, { ...bearer, 'content-type': 'text/csv' })).status).toBe(200);
    const d = new WebchatDebtor(t);
    await d.open();
    await d.say(cnpj);
    const r = await d.say(`nota 7${n}01`);
    const offer = r.find((x) => x.key?.startsWith("offer."));
    if (!offer) throw new Error(`no offer: ${JSON.stringify(r.map((x) => [x.key, x.text]))}`);
    return offer.facts.offer;
  }

  it('negotiates each debt with the limits of its bucket; changes are audited and validated', async () => {
    const buckets = {
      buckets: [
        { fromDays: 0, toDays: 30, policy: { ...DEFAULT_POLICY, cash: { maxDiscountPercent: 0 } } },
        { fromDays: 181, toDays: null, policy: { ...DEFAULT_POLICY, cash: { maxDiscountPercent: 30 } } },
      ],
    };
    expect((await t.api('PUT', '/api/admin/policy/buckets', buckets, bearer)).status).toBe(200);
    expect((await t.api('GET', '/api/admin/policy/buckets', undefined, bearer)).body).toEqual(buckets);

    // 12 days late: no discount at all; 200 days late: the opening rung is half of 30 %.
    expect(await debtorDue('2026-11-10', 1)).toMatchObject({ kind: 'cash', discountPercent: 0, totalCents: 1_000_000 });
    expect(await debtorDue('2026-05-06', 2)).toMatchObject({ kind: 'cash', discountPercent: 15 });
    // 100 days late: no bucket, the default policy (opening rung half of 10 %).
    expect(await debtorDue('2026-08-14', 3)).toMatchObject({ kind: 'cash', discountPercent: 5 });

    const bad = await t.api('PUT', '/api/admin/policy/buckets', { buckets: [{ fromDays: 0, toDays: 30, policy: { ...DEFAULT_POLICY, installments: { ...DEFAULT_POLICY.installments, max: 0 } } }] }, bearer);
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ field: 'buckets.0.policy.installments.max', message: 'must be between 1 and 120', messages: { en: 'must be between 1 and 120', 'pt-BR': 'deve estar entre 1 e 120' } }]);
    const audit = await t.app.database.prisma.auditEvent.findMany({ where: { type: 'policy_buckets.changed' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ before: { buckets: [] }, after: buckets });
  });
});
