import type { Update } from 'grammy/types';

// Updates in the shapes the Bot API really sends (field sets as in getUpdates responses),
// with made-up ids and people.

const maria = { id: 7012345678, is_bot: false, first_name: 'Maria', last_name: 'Souza', username: 'mariasouza', language_code: 'pt-br' };
const privateChat = { id: 7012345678, first_name: 'Maria', last_name: 'Souza', username: 'mariasouza', type: 'private' };
const date = 1767261600; // 2026-01-01T10:00:00Z

export const privateText = {
  update_id: 501234001,
  message: { message_id: 42, from: maria, chat: privateChat, date, text: 'Oi, recebi uma mensagem de cobrança' },
} as Update;

export const startCommand = {
  update_id: 501234002,
  message: { message_id: 1, from: maria, chat: privateChat, date, text: '/start', entities: [{ offset: 0, length: 6, type: 'bot_command' }] },
} as Update;

export const groupText = {
  update_id: 501234003,
  message: {
    message_id: 310, from: maria, date, text: 'alguém sabe dessa dívida?',
    chat: { id: -4012345678, title: 'Família Souza', type: 'group', all_members_are_administrators: true },
  },
} as Update;

export const supergroupText = {
  update_id: 501234004,
  message: {
    message_id: 88, from: maria, date, text: 'quero negociar',
    chat: { id: -1001987654321, title: 'Clientes', username: 'clientes_grupo', type: 'supergroup' },
  },
} as Update;

export const channelPost = {
  update_id: 501234005,
  channel_post: {
    message_id: 12, date, text: 'Aviso aos clientes',
    sender_chat: { id: -1001222333444, title: 'Canal Loja', type: 'channel' },
    chat: { id: -1001222333444, title: 'Canal Loja', type: 'channel' },
  },
} as Update;

export const editedText = {
  update_id: 501234006,
  edited_message: { message_id: 42, from: maria, chat: privateChat, date, edit_date: date + 30, text: 'Oi, recebi uma cobrança' },
} as Update;

export const fromBot = {
  update_id: 501234007,
  message: {
    message_id: 7, date, text: 'ping',
    from: { id: 6100000001, is_bot: true, first_name: 'Outro Bot', username: 'outro_bot' },
    chat: { id: 6100000001, first_name: 'Outro Bot', username: 'outro_bot', type: 'private' },
  },
} as Update;

export const callbackQuery = {
  update_id: 501234008,
  callback_query: {
    id: '4382910475839201847',
    from: maria,
    message: {
      message_id: 43,
      from: { id: 8000000001, is_bot: true, first_name: 'Cordial', username: 'cordial_bot' },
      chat: privateChat,
      date,
      text: 'Temos uma proposta: R$ 1.200,00 à vista. O que prefere?',
      reply_markup: {
        inline_keyboard: [
          [{ text: '1. Aceitar', callback_data: 'accept' }],
          [{ text: '2. Parcelar', callback_data: 'installments' }],
          [{ text: '3. Falar com uma pessoa', callback_data: 'human' }],
        ],
      },
    },
    chat_instance: '-7261948302746192837',
    data: 'installments',
  },
} as Update;

export const callbackOnInaccessibleMessage = {
  update_id: 501234009,
  callback_query: {
    id: '4382910475839201999',
    from: maria,
    message: { message_id: 3, chat: privateChat, date: 0 },
    chat_instance: '-7261948302746192837',
    data: 'accept',
  },
} as Update;

export const callbackInGroup = {
  update_id: 501234010,
  callback_query: {
    id: '4382910475839202000',
    from: maria,
    message: {
      message_id: 311, date, text: 'Escolha',
      from: { id: 8000000001, is_bot: true, first_name: 'Cordial', username: 'cordial_bot' },
      chat: { id: -4012345678, title: 'Família Souza', type: 'group', all_members_are_administrators: true },
      reply_markup: { inline_keyboard: [[{ text: '1. Aceitar', callback_data: 'accept' }]] },
    },
    chat_instance: '123',
    data: 'accept',
  },
} as Update;

export const ownContact = {
  update_id: 501234011,
  message: {
    message_id: 44, from: maria, chat: privateChat, date,
    // What the request_contact button sends: digits only, user_id = sender.
    contact: { phone_number: '5511987654321', first_name: 'Maria', last_name: 'Souza', user_id: 7012345678 },
  },
} as Update;

export const otherContact = {
  update_id: 501234012,
  message: {
    message_id: 45, from: maria, chat: privateChat, date,
    // A card forwarded from the address book: someone else, written with "+".
    contact: { phone_number: '+55 21 99876-5432', first_name: 'João', user_id: 7099999999, vcard: 'BEGIN:VCARD\nVERSION:3.0\nFN:João\nTEL;TYPE=CELL:+55 21 99876-5432\nEND:VCARD' },
  },
} as Update;

export const photoWithCaption = {
  update_id: 501234013,
  message: {
    message_id: 46, from: maria, chat: privateChat, date,
    photo: [
      { file_id: 'AgACAgEAAxkBAAIBZ2b-small', file_unique_id: 'AQADs1', file_size: 1532, width: 90, height: 67 },
      { file_id: 'AgACAgEAAxkBAAIBZ2b-medium', file_unique_id: 'AQADs2', file_size: 21587, width: 320, height: 240 },
      { file_id: 'AgACAgEAAxkBAAIBZ2b-large', file_unique_id: 'AQADs3', file_size: 98321, width: 1280, height: 960 },
    ],
    caption: 'comprovante do pix',
  },
} as Update;

export const pdfDocument = {
  update_id: 501234014,
  message: {
    message_id: 47, from: maria, chat: privateChat, date,
    document: { file_name: 'comprovante-pix-0301.pdf', mime_type: 'application/pdf', file_id: 'BQACAgEAAxkBAAIBaGb-pdf', file_unique_id: 'AgADpdf', file_size: 48213 },
  },
} as Update;

export const sticker = {
  update_id: 501234015,
  message: {
    message_id: 48, from: maria, chat: privateChat, date,
    sticker: { width: 512, height: 512, emoji: '👍', set_name: 'HotCherry', is_animated: false, is_video: false, type: 'regular', file_id: 'CAACAgIAAxkBAAIBaWb-stk', file_unique_id: 'AgADstk', file_size: 28410 },
  },
} as Update;

export const voice = {
  update_id: 501234016,
  message: {
    message_id: 49, from: maria, chat: privateChat, date,
    voice: { duration: 7, mime_type: 'audio/ogg', file_id: 'AwACAgEAAxkBAAIBamb-voc', file_unique_id: 'AgADvoc', file_size: 19002 },
  },
} as Update;

export const location = {
  update_id: 501234017,
  message: { message_id: 50, from: maria, chat: privateChat, date, location: { latitude: -23.55052, longitude: -46.633308 } },
} as Update;

export const autoDeleteTimerChanged = {
  update_id: 501234018,
  message: { message_id: 51, from: maria, chat: privateChat, date, message_auto_delete_timer_changed: { message_auto_delete_time: 86400 } },
} as Update;

export const MARIA_ID = maria.id;
