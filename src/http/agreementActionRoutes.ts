import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LedgerError } from '../domain/agreementLedger.js';
import { cancelAgreement, reinstate, type LedgerChange } from '../domain/agreementStatus.js';
import { todayIn } from '../domain/dates.js';
import { CREDITOR_TIME_ZONE } from '../jobs/reminderPass.js';
import { loadLedger, saveLedger, type StoredLedger } from '../storage/agreementLedgerRepository.js';
import type { Db } from '../storage/database.js';
import { currentReminderSettings } from '../storage/reminderSettingsRepository.js';
import { adminActor, adminAuth } from './adminAuth.js';
import { HttpError } from './errors.js';
import { parseBody } from './parseBody.js';

export interface AgreementActionDeps {
  db: Db;
  creditorId: string;
  adminToken: string;
  clock: () => Date;
}

// A short code, never free text: the reason goes to the audit trail, which holds no personal data.
const ReasonBody = z.object({ reason: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a short code: lower-case letters, digits and _ (e.g. debtor_request, made_in_error)') }).strict();

/**
 * What only a person decides about an agreement (the domain's cancelAgreement and reinstate): cancel
 * one made in error or whose debt is disputed, or put a broken one back in force once the debtor has
 * caught up. Admins only; each is audited with the admin and the reason.
 */
export function registerAgreementActionRoutes(app: FastifyInstance, deps: AgreementActionDeps) {
  const { db, creditorId } = deps;

  async function change(id: string, actor: string, move: (stored: StoredLedger, graceDays: number) => LedgerChange) {
    return db.$transaction(async (tx) => {
      const stored = await loadLedger(tx, creditorId, id, { lock: true });
      if (!stored) throw new HttpError(404, 'not_found', 'no such agreement');
      const { graceDays } = await currentReminderSettings(tx, creditorId);
      let result: LedgerChange;
      try {
        result = move(stored, graceDays);
      } catch (err) {
        if (err instanceof LedgerError) throw new HttpError(409, 'agreement_state', err.message, { reason: err.reason });
        throw err;
      }
      await saveLedger(tx, stored, result.agreement, result.events, { actor, now: deps.clock() });
      // A cancelled agreement no longer settles its invoices: they are owed again, as they were.
      if (result.agreement.status === 'cancelled') {
        await tx.invoice.updateMany({ where: { agreementId: id, status: 'in_agreement' }, data: { status: 'open', agreementId: null } });
      }
      return { agreement: { id, status: result.agreement.status } };
    });
  }

  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db, deps.clock));

    admin.post<{ Params: { id: string } }>('/api/admin/agreements/:id/cancel', async (req) => {
      const { reason } = parseBody(ReasonBody, req.body);
      return change(req.params.id, adminActor(req), (s) => cancelAgreement(s.ledger, reason));
    });

    admin.post<{ Params: { id: string } }>('/api/admin/agreements/:id/reinstate', async (req) => {
      const { reason } = parseBody(ReasonBody, req.body);
      const today = todayIn(CREDITOR_TIME_ZONE, deps.clock());
      return change(req.params.id, adminActor(req), (s, graceDays) => reinstate(s.ledger, today, graceDays, reason));
    });
  });
}
