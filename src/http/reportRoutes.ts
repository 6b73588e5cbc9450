import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { KpiQuerySchema, type KpiQuery } from '../domain/kpis.js';
import { kpisCsv } from '../domain/kpisCsv.js';
import { AGREEMENTS_SHEET, HANDOFFS_SHEET, PAYMENTS_SHEET, type Sheet } from '../domain/reportSheets.js';
import { spreadsheetCsvChunks } from '../domain/spreadsheetCsv.js';
import { periodInstants } from '../domain/zonedTime.js';
import { LOCALES, type Locale } from '../language/locale.js';
import { appendAudit } from '../storage/auditLog.js';
import { AGREEMENT_FILTERS } from '../storage/agreementSearch.js';
import type { Db } from '../storage/database.js';
import { computeKpis } from '../storage/kpiQueries.js';
import { agreementExportPages, EXPORT_PAGE_SIZE, handoffExportPages, paymentExportPages, type ExportQuery } from '../storage/reportExports.js';
import { adminActor, adminAuth } from './adminAuth.js';
import { parseQuery } from './parseBody.js';

export interface ReportRoutesDeps {
  db: Db;
  creditorId: string;
  adminToken: string;
  /** The creditor's time zone (TZ_DEFAULT): the period's calendar days and the instants shown. */
  timeZone: string;
  clock?: () => Date;
  /** Rows per database query of the list exports (tests use a small one to see several pages). */
  pageSize?: number;
}

// Besides the period (KpiQuerySchema's rules, so the exports and the dashboard accept the same
// from/to): the labels' language, and for the agreements the JSON list's status filter. A list
// export filters by the period only: the dashboard's other filters are not read there.
const LangQuery = z.object({ lang: z.enum(LOCALES as [Locale, ...Locale[]], { message: `must be one of ${LOCALES.join(', ')}` }).default('pt-BR') });
const periodOnly = (q: unknown) => ({ from: (q as Record<string, unknown>).from, to: (q as Record<string, unknown>).to });
const PeriodQuery = z.preprocess(periodOnly, KpiQuerySchema);
const KpisCsvQuery = z.intersection(KpiQuerySchema, LangQuery);
const ListQuery = z.intersection(PeriodQuery, LangQuery);
const AgreementsQuery = z.intersection(PeriodQuery, LangQuery.extend({ status: z.enum(AGREEMENT_FILTERS, { message: `must be one of ${AGREEMENT_FILTERS.join(', ')}` }).optional() }));
type AgreementFilter = (typeof AGREEMENT_FILTERS)[number];

function attachment(reply: FastifyReply, what: string, period: KpiQuery): FastifyReply {
  return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="cordial-${what}-${period.from}_${period.to}.csv"`);
}

/**
 * The spreadsheet exports of issue 13, for admins (token or session): the KPIs of a period, and the
 * agreements, payments and hand-offs of that period, streamed page by page (src/domain/
 * spreadsheetCsv.ts for the format). Everything is the creditor's own; simulator runs never appear.
 * Each list export is audited (report.exported: who, which list, which period).
 */
export function registerReportRoutes(app: FastifyInstance, deps: ReportRoutesDeps) {
  const { db, creditorId, timeZone } = deps;
  const clock = deps.clock ?? (() => new Date());
  const pageSize = deps.pageSize ?? EXPORT_PAGE_SIZE;

  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db, clock));

    admin.get('/api/admin/kpis.csv', async (req, reply) => {
      const { lang, ...period } = parseQuery(KpisCsvQuery, req.query);
      const kpis = await computeKpis(db, { creditorId, query: period, timeZone, now: clock() });
      return attachment(reply, 'kpis', period).send(kpisCsv(kpis, lang));
    });

    const list = <R>(what: 'agreements' | 'payments' | 'handoffs', sheet: Sheet<R>, pages: (q: ExportQuery & { status?: AgreementFilter }) => AsyncIterable<R[]>) =>
      admin.get(`/api/admin/${what}.csv`, async (req, reply) => {
        const { lang, status, ...period }: KpiQuery & { lang: Locale; status?: AgreementFilter } = parseQuery(what === 'agreements' ? AgreementsQuery : ListQuery, req.query);
        const { start, end } = periodInstants(period.from, period.to, timeZone);
        // Who took a copy of the creditor's records, of which period (the agreements carry company
        // names and CNPJs), as for a debtor's evidence export.
        await db.$transaction((tx) => appendAudit(tx, [{ type: 'report.exported', actor: adminActor(req), data: { report: what, from: period.from, to: period.to, ...(status ? { status } : {}) } }]));
        async function* cells() {
          for await (const page of pages({ creditorId, start, end, pageSize, status })) yield page.map((r) => sheet.cells(r, lang));
        }
        return attachment(reply, what, period).send(Readable.from(spreadsheetCsvChunks(sheet.header[lang], cells(), { timeZone })));
      });

    list('agreements', AGREEMENTS_SHEET, (q) => agreementExportPages(db, q));
    list('payments', PAYMENTS_SHEET, (q) => paymentExportPages(db, q));
    list('handoffs', HANDOFFS_SHEET, (q) => handoffExportPages(db, q));
  });
}
