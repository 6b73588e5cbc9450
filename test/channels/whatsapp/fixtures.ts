import { proto, type WAMessage } from '@whiskeysockets/baileys';

// Messages in the shapes Baileys 7.0.0-rc14 emits on messages.upsert, after its cleanMessage():
// jids normalised (no device suffix), key.remoteJidAlt / participantAlt from the stanza's
// addressing attributes (decode-wa-message.ts), messageTimestamp in seconds, content decoded from
// the protobuf (byte fields as Uint8Array, text messages carrying messageContextInfo).
// Numbers are fictitious: the bot is +55 11 91234-5678, the debtor +55 11 98765-4321.

export const BOT_JID = '5511912345678@s.whatsapp.net';
export const DEBTOR_JID = '5511987654321@s.whatsapp.net';
export const DEBTOR_LID = '128765432109876@lid';
export const T = 1_763_900_000; // 2025-11-23T12:13:20Z
export const AT = new Date(T * 1000);

const bytes = (n: number): Uint8Array => new Uint8Array(n).fill(7);
const deviceContext: proto.IMessageContextInfo = {
  deviceListMetadata: { senderKeyHash: bytes(10), senderTimestamp: T - 86_400, recipientKeyHash: bytes(10), recipientTimestamp: T - 3_600 },
  deviceListMetadataVersion: 2,
};

function privateMessage(id: string, message: proto.IMessage | undefined, extra: Partial<WAMessage> = {}): WAMessage {
  return {
    key: { remoteJid: DEBTOR_JID, remoteJidAlt: DEBTOR_LID, fromMe: false, id, addressingMode: 'pn' },
    messageTimestamp: T,
    pushName: 'Maria Souza',
    broadcast: false,
    ...(message !== undefined && { message }),
    ...extra,
  };
}

export const text = privateMessage('3EB0A1B2C3D4E5F6A7B8C9', { conversation: 'Oi, recebi a mensagem sobre a dívida', messageContextInfo: deviceContext });

export const extendedTextWithQuote = privateMessage('3A9F5C2E8B7D6A1F0E3C', {
  extendedTextMessage: {
    text: 'Quero a opção 2',
    previewType: proto.Message.ExtendedTextMessage.PreviewType.NONE,
    contextInfo: {
      stanzaId: '3EB0FEDCBA9876543210AB',
      participant: BOT_JID,
      quotedMessage: { conversation: 'Como prefere pagar?\n\n1. À vista\n2. Parcelado' },
    },
    inviteLinkGroupTypeV2: proto.Message.ExtendedTextMessage.InviteLinkGroupType.DEFAULT,
  },
  messageContextInfo: deviceContext,
});

/** Disappearing messages on: the content comes wrapped in ephemeralMessage. */
export const ephemeralText = privateMessage('BAE5F1E2D3C4B5A6', {
  ephemeralMessage: { message: { extendedTextMessage: { text: 'pode ser amanhã', contextInfo: { expiration: 604_800 } } } },
});

export const listReply = privateMessage('3EB0LIST0000000000001', {
  listResponseMessage: {
    title: 'Parcelar em 3x',
    listType: proto.Message.ListResponseMessage.ListType.SINGLE_SELECT,
    singleSelectReply: { selectedRowId: 'plan_3x' },
    description: '3x de R$ 1.000,00',
    contextInfo: { stanzaId: '3EB0MENU', participant: BOT_JID, quotedMessage: { listMessage: { title: 'Opções' } } },
  },
  messageContextInfo: deviceContext,
});

export const buttonsReply = privateMessage('3EB0BTN00000000000002', {
  buttonsResponseMessage: {
    selectedButtonId: 'accept',
    selectedDisplayText: 'Aceitar',
    type: proto.Message.ButtonsResponseMessage.Type.DISPLAY_TEXT,
    contextInfo: { stanzaId: '3EB0MENU', participant: BOT_JID },
  },
});

export const templateButtonReply = privateMessage('3EB0TPL00000000000003', {
  templateButtonReplyMessage: { selectedId: 'talk_to_agent', selectedDisplayText: 'Falar com atendente', selectedIndex: 2, contextInfo: { stanzaId: '3EB0MENU' } },
});

export const nativeFlowReply = privateMessage('3EB0NFL00000000000004', {
  interactiveResponseMessage: {
    body: { text: 'Aceitar', format: proto.Message.InteractiveResponseMessage.Body.Format.DEFAULT },
    nativeFlowResponseMessage: { name: 'quick_reply', paramsJson: '{"id":"accept"}', version: 3 },
  },
});

const media = { url: 'https://mmg.whatsapp.net/v/t62.7118-24/fake.enc', mediaKey: bytes(32), fileSha256: bytes(32), fileEncSha256: bytes(32), directPath: '/v/t62.7118-24/fake.enc', mediaKeyTimestamp: T };

export const imageWithCaption = privateMessage('3A1B2C3D4E5F60718293', {
  imageMessage: { ...media, mimetype: 'image/jpeg', caption: 'comprovante do pix', fileLength: 154_321, height: 1600, width: 720, jpegThumbnail: bytes(64) },
  messageContextInfo: deviceContext,
});

export const documentPdf = privateMessage('3EB0DOC00000000000005', {
  documentMessage: { ...media, mimetype: 'application/pdf', title: 'comprovante', fileName: 'comprovante-outubro.pdf', pageCount: 1, fileLength: 88_000 },
});

/** A document sent with a caption: WhatsApp wraps it in documentWithCaptionMessage. */
export const documentWithCaption = privateMessage('3EB0DOC00000000000006', {
  documentWithCaptionMessage: {
    message: { documentMessage: { ...media, mimetype: 'application/pdf', fileName: 'boleto.pdf', caption: 'segue o boleto pago' } },
  },
});

export const sticker = privateMessage('3EB0STK00000000000007', {
  stickerMessage: { ...media, mimetype: 'image/webp', isAnimated: false, height: 64, width: 64 },
});

export const voiceNote = privateMessage('3EB0AUD00000000000008', {
  audioMessage: { ...media, mimetype: 'audio/ogg; codecs=opus', seconds: 7, ptt: true },
});

export const video = privateMessage('3EB0VID00000000000009', {
  videoMessage: { ...media, mimetype: 'video/mp4', caption: 'olha', seconds: 12 },
});

export const location = privateMessage('3EB0LOC0000000000000A', { locationMessage: { degreesLatitude: -23.55, degreesLongitude: -46.63 } });

export const ownContactCard = privateMessage('3EB0VCF0000000000000B', {
  contactMessage: {
    displayName: 'Maria Souza',
    vcard: 'BEGIN:VCARD\nVERSION:3.0\nN:Souza;Maria;;;\nFN:Maria Souza\nTEL;type=CELL;type=VOICE;waid=5511987654321:+55 11 98765-4321\nEND:VCARD',
  },
});

export const groupMessage: WAMessage = {
  key: { remoteJid: '120363025246125486@g.us', fromMe: false, id: '3EB0GRP0000000000000C', participant: DEBTOR_LID, participantAlt: DEBTOR_JID, addressingMode: 'lid' },
  messageTimestamp: T,
  pushName: 'Maria Souza',
  broadcast: false,
  message: { conversation: 'quanto eu devo?', messageContextInfo: deviceContext },
};

export const statusBroadcast: WAMessage = {
  key: { remoteJid: 'status@broadcast', fromMe: false, id: '3EB0STA0000000000000D', participant: DEBTOR_JID, addressingMode: 'pn' },
  messageTimestamp: T,
  pushName: 'Maria Souza',
  broadcast: true,
  message: { imageMessage: { ...media, mimetype: 'image/jpeg', caption: 'férias!' } },
};

export const broadcastList: WAMessage = {
  key: { remoteJid: '1763899999@broadcast', fromMe: false, id: '3EB0BRL0000000000000E', participant: DEBTOR_JID },
  messageTimestamp: T,
  broadcast: true,
  message: { conversation: 'promoção' },
};

export const newsletter: WAMessage = {
  key: { remoteJid: '120363144038483540@newsletter', fromMe: false, id: '3EB0NWS0000000000000F', server_id: '154' },
  messageTimestamp: T,
  message: { conversation: 'novidades do canal' },
};

export const fromMe: WAMessage = {
  key: { remoteJid: DEBTOR_JID, fromMe: true, id: '3EB0OWN00000000000010' },
  messageTimestamp: T,
  status: proto.WebMessageInfo.Status.SERVER_ACK,
  message: { extendedTextMessage: { text: 'Olá! Sou o assistente da Credora.' } },
};

/** v7 LID addressing: the chat is the LID, the phone comes as remoteJidAlt (stanza sender_pn). */
export const lidChat: WAMessage = {
  key: { remoteJid: DEBTOR_LID, remoteJidAlt: DEBTOR_JID, fromMe: false, id: '3EB0LID00000000000011', addressingMode: 'lid' },
  messageTimestamp: T,
  pushName: 'Maria Souza',
  broadcast: false,
  message: { conversation: 'oi', messageContextInfo: deviceContext },
};

/** The early v7 release candidates named the same alternate `senderPn`. */
export const lidChatSenderPn = {
  key: { remoteJid: DEBTOR_LID, senderPn: DEBTOR_JID, fromMe: false, id: '3EB0LID00000000000012', addressingMode: 'lid' },
  messageTimestamp: T,
  message: { conversation: 'oi de novo' },
} as WAMessage;

/** A LID chat whose phone WhatsApp did not reveal. */
export const lidChatNoPhone: WAMessage = {
  key: { remoteJid: DEBTOR_LID, fromMe: false, id: '3EB0LID00000000000013', addressingMode: 'lid' },
  messageTimestamp: T,
  message: { conversation: 'olá' },
};

/** An account from before the ninth digit: WhatsApp knows it as 55 11 8765-4321. */
export const oldBrazilianAccount: WAMessage = {
  key: { remoteJid: '551187654321@s.whatsapp.net', fromMe: false, id: '3EB0OLD00000000000014', addressingMode: 'pn' },
  messageTimestamp: T,
  message: { conversation: 'bom dia' },
};

export const revoke = privateMessage('3EB0REV00000000000015', {
  protocolMessage: { key: { remoteJid: BOT_JID, fromMe: true, id: '3EB0A1B2C3D4E5F6A7B8C9' }, type: proto.Message.ProtocolMessage.Type.REVOKE },
});

export const edit = privateMessage('3EB0EDT00000000000016', {
  editedMessage: {
    message: {
      protocolMessage: {
        key: { remoteJid: BOT_JID, fromMe: true, id: '3EB0A1B2C3D4E5F6A7B8C9' },
        type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT,
        editedMessage: { conversation: 'Oi, recebi a mensagem' },
        timestampMs: T * 1000,
      },
    },
  },
});

export const reaction = privateMessage('3EB0REA00000000000017', {
  reactionMessage: { key: { remoteJid: DEBTOR_JID, fromMe: true, id: '3EB0OWN00000000000010' }, text: '👍', senderTimestampMs: T * 1000 },
});

/** Decryption failed: a content-less stub; the same id comes again once the phone resends it. */
export const undecryptable = privateMessage('3EB0CIP00000000000018', undefined, {
  messageStubType: proto.WebMessageInfo.StubType.CIPHERTEXT,
  messageStubParameters: ['No session found to decrypt message'],
});

/** WhatsApp's announcements account (0@c.us, normalised by Baileys). */
export const whatsappAnnouncement: WAMessage = {
  key: { remoteJid: '0@s.whatsapp.net', fromMe: false, id: '3EB0PSA00000000000019' },
  messageTimestamp: T,
  message: { conversation: 'Novidades do WhatsApp' },
};

/** Paths that rebuild the message with proto.WebMessageInfo.fromObject give a Long timestamp. */
export const protoBuilt = proto.WebMessageInfo.fromObject({
  key: { remoteJid: DEBTOR_JID, fromMe: false, id: '3EB0PRB0000000000001A' },
  messageTimestamp: T,
  message: { conversation: 'reenviada pelo celular' },
}) as WAMessage;
