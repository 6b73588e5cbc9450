import type { OutboundDocument } from '../channels/channelPort.js';
import type { OutboundAttachment } from '../engine/ports.js';
import { agreementTermCaption, agreementTermFileName, renderAgreementTermPdf } from '../phrasing/agreementTermPdf.js';
import { readAgreementTerm } from '../storage/agreementTermReader.js';
import type { Db } from '../storage/database.js';

/** Makes the file an outbound row's attachment names, at send time. */
export type OutboundDocumentMaker = (attachment: OutboundAttachment) => Promise<OutboundDocument>;

/**
 * The agreement term as the PDF the debtor receives: made from the database when the message goes
 * out (nothing but the agreement's id is kept on the row), so it always prints the agreement as
 * stored and the hash of its audit record.
 */
export function agreementTermDocuments(db: Db): OutboundDocumentMaker {
  return async (attachment) => {
    const stored = await readAgreementTerm(db, attachment.agreementId);
    if (!stored) throw new Error(`no agreement ${attachment.agreementId} to print`);
    const bytes = await renderAgreementTermPdf(stored.term);
    return { fileName: agreementTermFileName(stored.term), mimeType: 'application/pdf', bytes, caption: agreementTermCaption(stored.term) };
  };
}
