import { createRequire } from 'node:module';

// qrcode-terminal is CommonJS without type declarations; typed here for the one call we make.
interface QrcodeTerminal {
  generate(input: string, options: { small: boolean }, callback: (rendered: string) => void): void;
}

const qrcodeTerminal = createRequire(import.meta.url)('qrcode-terminal') as QrcodeTerminal;

/** The pairing QR as terminal text (half-block characters, small enough for an 80-column window). */
export function renderTerminalQr(qr: string): string {
  let rendered = '';
  // generate() calls back synchronously; the callback form keeps it from printing by itself.
  qrcodeTerminal.generate(qr, { small: true }, (s) => {
    rendered = s;
  });
  return rendered;
}
