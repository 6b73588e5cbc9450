import QRCode from 'qrcode';

/**
 * A PIX code as a QR code PNG, for paying from a phone while reading on a computer. Error
 * correction M and a one-module margin: what bank apps read reliably from a screen.
 */
export function pixQrPng(pixCode: string): Promise<Buffer> {
  return QRCode.toBuffer(pixCode, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 300 });
}
