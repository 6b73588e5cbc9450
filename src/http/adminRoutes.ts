import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { isValidCnpj, normalizeCnpj } from '../domain/cnpj.js';
import { parsePolicy } from '../domain/policy.js';
import type { NoticeResult } from '../storage/noticeRepository.js';
import type { Db } from '../storage/database.js';
import { currentPolicy, savePolicy } from '../storage/policyRepository.js';
import { importPortfolioCsv } from '../storage/importPortfolioCsv.js';
import { adminActor, adminAuth } from './adminAuth.js';
import { MAX_BODY_BYTES } from './buildServer.js';
import { HttpError } from './errors.js';
import { listActiveHandoffs } from '../handoff/handoffView.js';

export interface AdminDeps {
  db: Db;
  creditorId: string;
  adminToken: string;
  /** Queues first notices (normalised CNPJs, or every debtor with open invoices). */
  sendNotices: (cnpjs?: string[]) => Promise<NoticeResult>;
  /** For the pairing screen: status, the current QR code or pairing code. */
  whatsapp?: { status: string; lastQr?: string; pairingCode?: string };
}

const NoticeBody = z.object({ cnpjs: z.array(z.string().min(1)).min(1).max(10_000).optional() }).strict();

export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps) {
  const { db, creditorId } = deps;
  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db));

    // The file is validated whole and then written in batches, streamed from the body text both
    // times (src/storage/importPortfolioCsv.ts); 20 MB holds ~140 000 rows of a full-column export.
    admin.post('/api/admin/portfolio/import', { config: { textBody: true }, bodyLimit: MAX_BODY_BYTES }, async (req, reply) => {
      if (typeof req.body !== 'string') throw new HttpError(415, 'unsupported_media_type', 'send the CSV as the body with Content-Type: text/csv');
      const result = await importPortfolioCsv(db, creditorId, req.body, adminActor(req));
      if (!result.ok) return reply.status(422).send({ errors: result.errors });
      return { debtors: result.debtors, invoices: result.invoices };
    });

    admin.get('/api/admin/policy', async () => currentPolicy(db, creditorId));

    admin.get('/api/admin/whatsapp', async () => {
      const w = deps.whatsapp;
      if (!w) return { enabled: false };
      return { enabled: true, status: w.status, qr: w.lastQr ?? null, pairingCode: w.pairingCode ?? null };
    });

    // The pairing QR as an image an admin can scan from the browser (the terminal shows it too).
    admin.get('/api/admin/whatsapp/qr.svg', async (_req, reply) => {
      const qr = deps.whatsapp?.lastQr;
      if (!qr || deps.whatsapp?.status === 'open') throw new HttpError(404, 'no_qr', 'no pairing QR code right now (already paired, or WhatsApp is not enabled)');
      return reply.header('content-type', 'image/svg+xml').send(await QRCode.toString(qr, { type: 'svg', margin: 2 }));
    });

    admin.post('/api/admin/notices', async (req, reply) => {
      const body = NoticeBody.safeParse(req.body ?? {});
      if (!body.success) return reply.status(422).send({ errors: body.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })) });
      const bad = (body.data.cnpjs ?? []).filter((c) => !isValidCnpj(normalizeCnpj(c)));
      if (bad.length) return reply.status(422).send({ errors: bad.map((c) => ({ field: 'cnpjs', message: `invalid CNPJ: ${c}` })) });
      return deps.sendNotices(body.data.cnpjs?.map(normalizeCnpj));
    });

    admin.put('/api/admin/policy', async (req, reply) => {
      const parsed = parsePolicy(req.body);
      if (!parsed.ok) return reply.status(422).send({ errors: parsed.errors });
      return savePolicy(db, creditorId, parsed.policy, adminActor(req));
    });

    // The same queue agents see (src/handoff/handoffView.ts).
    admin.get('/api/admin/handoffs', async () => ({ handoffs: await listActiveHandoffs(db) }));
  });
}
