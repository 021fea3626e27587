'use client';

import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** Drawn once this large and scaled with crisp edges, so any shown size decodes. */
const SOURCE_PX = 1024;

/** A QR code of `text`, `size` CSS px square (the `qrcode` library renders it; nothing leaves the browser). */
export function QrCode({ text, size }: { text: string; size: number }) {
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: SOURCE_PX }).then((url) => isCurrent && setDataUrl(url));
    return () => {
      isCurrent = false;
    };
  }, [text]);
  if (!dataUrl) return <div style={{ width: size, height: size }} className="rounded-lg bg-slate-100" />;
  // A data URL: nothing for next/image to optimise.
  return (
    <img
      src={dataUrl}
      width={size}
      height={size}
      alt={`QR code to join: ${text}`}
      className="rounded-lg bg-white [image-rendering:pixelated]"
    />
  );
}
